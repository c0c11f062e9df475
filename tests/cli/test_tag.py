from __future__ import annotations

import json
import os
import pwd
from collections.abc import Callable

import pytest
from click.testing import Result

from hrdmap.domain.document import StoredDocument

#: The account running the tests: the audit trail's name for CLI actions.
ME = pwd.getpwuid(os.getuid()).pw_name

Invoke = Callable[..., Result]
RULES = ("--tagger", "gazetteer", "--tagger", "statement-kind", "--tagger", "framework-keywords")


@pytest.fixture(autouse=True)
def actor(monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in ("HRDMAP_ACTOR", "USER", "LOGNAME"):  # names the environment claims are not believed
        monkeypatch.setenv(variable, "mallory")


def test_tag_stores_tags_and_summarises_per_document(invoke: Invoke, stored_report: StoredDocument) -> None:
    result = invoke("tag", *RULES)
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith(f"document {stored_report.id} (A/73/230): 3 paragraphs, ")
    assert "on 1 documents (run 1): 3 paragraphs in " in lines[-1] and lines[-1].endswith(" paragraphs/s)")
    report = json.loads(invoke("tag", str(stored_report.id), "--tagger", "gazetteer", "--json").stdout)
    assert report["run_id"] == 2 and report["taggers"] == {"gazetteer": report["taggers"]["gazetteer"]}
    assert report["documents"][0]["document_id"] == stored_report.id


def test_an_unknown_tagger_or_document_is_refused(invoke: Invoke, stored_report: StoredDocument) -> None:
    unknown = invoke("tag", "--tagger", "nope")
    assert unknown.exit_code == 2 and "no tagger named 'nope'" in unknown.stderr
    missing = invoke("tag", "A/99/999", "--tagger", "gazetteer")
    assert missing.exit_code == 2 and "no document 'A/99/999'" in missing.stderr


def test_show_prints_each_paragraphs_tags_with_their_evidence(invoke: Invoke, stored_report: StoredDocument) -> None:
    invoke("tag", *RULES)
    lines = invoke("show", "A/73/230").stdout.splitlines()
    head = [line.strip() for line in lines].index("(a) recognise the role of defenders;")
    below = "\n".join(lines[head + 1 : head + 8])
    area = "▸ hrd-areas: B. Recognising defenders' role and protecting their security (framework-keywords 0.70)"
    assert area in below
    assert 'matched "recognise the role"' in below
    plain = invoke("show", "A/73/230", "--no-tags").stdout
    assert "▸" not in plain and "recognise the role of defenders" in plain


def test_a_reviewed_tag_is_marked_in_show_and_show_json_carries_tags(
    invoke: Invoke, stored_report: StoredDocument
) -> None:
    invoke("tag", *RULES)
    blocks = json.loads(invoke("show", "A/73/230", "--json").stdout)["blocks"]
    item = next(b for b in blocks if b["label"] == "(a)")
    area = next(t for t in item["tags"] if t["framework"] == "hrd-areas")
    assert area["machine"][0]["evidence"][0] == {
        "kind": "span", "text": "recognise the role", "start": 0, "end": 18, "detail": {}
    }
    assert invoke("review", "accept", str(area["machine"][0]["tag_id"])).exit_code == 0
    assert invoke("review", "add", str(item["block_id"]), "groups-at-risk", "children-youth").exit_code == 0
    shown = invoke("show", "A/73/230").stdout
    assert "▸ hrd-areas: B. Recognising defenders' role and protecting their security (framework-keywords 0.70) ✓ " \
        f"accepted by {ME}" in shown
    assert f"▸ groups-at-risk: Child and young defenders ✓ added by {ME}" in shown
    again = json.loads(invoke("show", "A/73/230", "--json").stdout)["blocks"]
    reviewed = {t["label"]: t["reviewed"] for b in again if b["label"] == "(a)" for t in b["tags"]}
    assert reviewed["B"] and reviewed["children-youth"] and not reviewed["defenders"]
