"""``hrdmap draft``: writes the draft, prints the word count against the limit, refuses unknown calls."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hrdmap.config import Settings
from hrdmap.services.calls.importing import import_call
from hrdmap.services.tagging import tag_documents
from hrdmap.services.workspace import open_workspace
from tests.actors import TESTER

from .conftest import Invoke

REPO = Path(__file__).resolve().parents[2]
CALL = "hrd-assessment-2026"


@pytest.fixture
def prepared(home: Path) -> Path:
    """The data folder with the example call imported and tagged by the rule taggers."""
    with open_workspace(Settings(home=home)) as workspace:
        import_call(workspace, TESTER, REPO / "examples" / "call.yaml")
        tag_documents(workspace, TESTER, taggers=("statement-kind", "framework-keywords", "gazetteer"))
    return home


def test_draft_writes_the_formats_asked_and_reports_words(prepared: Path, invoke: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = invoke("draft", CALL, "-o", str(out), "--format", "html", "--format", "docx")
    assert result.exit_code == 0, result.output
    assert (out / "draft.html").is_file() and (out / "draft.docx").is_file()
    assert not (out / "draft.pdf").exists()
    assert (out / "draft-sources.json").is_file()
    assert "limit 10,700" in result.output

    over = invoke("draft", CALL, "-o", str(out), "-f", "html", "--word-limit", "300", "--json")
    assert over.exit_code == 0
    assert "over the limit of 300" in over.stderr
    payload = json.loads(over.stdout)
    assert payload["words"]["limit"] == 300
    assert payload["words"]["body"] > 300

    overridden = tmp_path / "templates"
    overridden.mkdir()
    (overridden / "phrases.yaml").write_text('steps: "Steps taken by the United Nations system"\n')
    custom = invoke("draft", CALL, "-o", str(out), "-f", "html", "--templates", str(overridden), "--name", "custom")
    assert custom.exit_code == 0
    assert "III.</span> Steps taken by the United Nations system" in (out / "custom.html").read_text("utf-8")


def test_draft_refuses_an_unknown_call(home: Path, invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("draft", "no-such-call", "-o", str(tmp_path))
    assert result.exit_code == 2
    assert "no-such-call" in result.stderr
