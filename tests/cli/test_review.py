from __future__ import annotations

import json
import os
import pwd
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from hrdmap.cli.main import cli
from hrdmap.domain.document import StoredDocument

#: The account running the tests: the audit trail's name for CLI actions.
ME = pwd.getpwuid(os.getuid()).pw_name

Invoke = Callable[..., Result]
RULES = ("--tagger", "gazetteer", "--tagger", "statement-kind", "--tagger", "framework-keywords")


@pytest.fixture(autouse=True)
def actor(monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in ("HRDMAP_ACTOR", "USER", "LOGNAME"):  # names the environment claims are not believed
        monkeypatch.setenv(variable, "mallory")


@pytest.fixture
def queue(invoke: Invoke, stored_report: StoredDocument) -> list[dict[str, object]]:
    """The review queue of the tagged report, as JSON."""
    assert invoke("tag", *RULES).exit_code == 0
    listed: list[dict[str, object]] = json.loads(invoke("review", "--list", "--json").stdout)
    return listed


def test_the_queue_lists_tags_least_certain_first_with_paragraph_and_evidence(
    queue: list[dict[str, object]],
) -> None:
    assert queue
    margins = [item["margin"] for item in queue]
    assert margins == sorted(margins)  # type: ignore[type-var]
    first = queue[0]
    assert {"tag_id", "framework", "label", "score", "threshold", "tagger", "evidence", "paragraph", "document"} <= set(
        first
    )
    assert first["document"]["symbol"] == "A/73/230"  # type: ignore[index]


def test_accept_reject_and_add_store_who_decided(invoke: Invoke, queue: list[dict[str, object]]) -> None:
    first, second = queue[0], queue[1]
    accepted = invoke("review", "accept", str(first["tag_id"]))
    assert accepted.exit_code == 0 and accepted.stdout.startswith(f"accepted tag {first['tag_id']} ")
    rejected = json.loads(invoke("review", "reject", str(second["tag_id"]), "--note", "no", "--json").stdout)
    assert (rejected["decision"], rejected["reviewer"], rejected["note"]) == ("reject", ME, "no")
    added = json.loads(invoke("review", "add", str(first["block_id"]), "countries", "KEN", "--json").stdout)
    assert (added["decision"], added["label"], added["tag_id"]) == ("add", "KEN", None)
    remaining = json.loads(invoke("review", "--list", "--json").stdout)
    assert {first["tag_id"], second["tag_id"]}.isdisjoint({item["tag_id"] for item in remaining})


def test_bad_decisions_are_refused_with_a_reason(invoke: Invoke, queue: list[dict[str, object]]) -> None:
    unknown = invoke("review", "accept", "99999")
    assert unknown.exit_code == 2 and "no tag 99999" in unknown.stderr
    label = invoke("review", "add", str(queue[0]["block_id"]), "hrd-areas", "Z")
    assert label.exit_code == 2 and "framework 'hrd-areas' has no label 'Z'" in label.stderr


def test_the_queue_filters_by_framework_and_document(invoke: Invoke, queue: list[dict[str, object]]) -> None:
    areas = json.loads(invoke("review", "--list", "--json", "--framework", "hrd-areas").stdout)
    assert areas and {item["framework"] for item in areas} == {"hrd-areas"}
    assert json.loads(invoke("review", "--list", "--json", "--document", "A/73/230").stdout) == queue
    missing = invoke("review", "--list", "--document", "A/1/1")
    assert missing.exit_code == 2 and "no document 'A/1/1'" in missing.stderr


def test_without_a_terminal_review_asks_for_a_scriptable_form(invoke: Invoke, queue: list[dict[str, object]]) -> None:
    result = invoke("review")
    assert result.exit_code == 2 and "not a terminal" in result.stderr


def test_the_interactive_loop_reads_one_key_per_tag(home: Path, queue: list[dict[str, object]]) -> None:
    base = ["--home", str(home)]
    result = CliRunner().invoke(cli, [*base, "review", "--interactive"], input="xsaq", catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert f"[1/{len(queue)}] tag {queue[0]['tag_id']}: " in result.stdout and "evidence: " in result.stdout
    assert result.stdout.rstrip().endswith("1 decisions stored")
    listed = CliRunner().invoke(cli, [*base, "review", "--list", "--json"]).stdout
    after = {item["tag_id"] for item in json.loads(listed)}
    assert queue[0]["tag_id"] in after and queue[1]["tag_id"] not in after  # skipped, accepted
