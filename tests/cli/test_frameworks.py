"""A framework added without code: a YAML file in a folder named by HRDMAP_FRAMEWORKS or in $HRDMAP_HOME/frameworks.

The whole path a user takes: ingest a text, tag it with the rule taggers, see the new framework's tags with their
evidence in ``hrdmap show``, review one; a bad file or a missing folder stops with exit 2, naming it.
"""

from __future__ import annotations

import json
import os
import pwd
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

#: The account running the tests: the audit trail's name for CLI actions.
ME = pwd.getpwuid(os.getuid()).pw_name

Invoke = Callable[..., Result]
RULES = ("--tagger", "gazetteer", "--tagger", "statement-kind", "--tagger", "framework-keywords")

WATCH = """
id: shutdown-watch
name: Shutdown watch
version: "1"
description: What a civic-space team follows.
labels:
  - id: shutdowns
    names: {en: Internet shutdowns, fr: Coupures d'Internet, es: Cortes de Internet}
    definition: Deliberate disruptions of internet or telecommunications.
    keywords:
      en: [internet shutdown, internet shutdowns]
    patterns:
      en: ["\\\\bnetwork disruptions?\\\\b"]
"""

TEXT = (
    "Input on civic space\n\n"
    "1. Internet shutdowns were ordered during the elections, and network disruptions followed the protests.\n\n"
    "2. The Ministry published its annual budget.\n"
)


@pytest.fixture(autouse=True)
def actor(monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in ("HRDMAP_ACTOR", "USER", "LOGNAME"):  # names the environment claims are not believed
        monkeypatch.setenv(variable, "mallory")
    monkeypatch.delenv("HRDMAP_FRAMEWORKS", raising=False)


@pytest.fixture
def document(invoke: Invoke, tmp_path: Path) -> str:
    """A short text, ingested; returns its path (a document reference)."""
    path = tmp_path / "civic-space.txt"
    path.write_text(TEXT, "utf-8")
    assert invoke("ingest", str(path)).exit_code == 0
    return str(path)


def _framework_folder(folder: Path, text: str = WATCH, name: str = "watch.yaml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, "utf-8")
    return folder


def _tags(invoke: Invoke, document: str, framework: str) -> dict[str, list[dict[str, object]]]:
    """Per paragraph text, the machine tags of ``framework`` shown by ``hrdmap show --json``."""
    blocks = json.loads(invoke("show", document, "--json").stdout)["blocks"]
    return {
        b["text"]: [m for t in b.get("tags", []) if t["framework"] == framework for m in t["machine"]]
        for b in blocks
    }


def test_a_framework_in_hrdmap_frameworks_is_tagged_with_evidence(
    invoke: Invoke, document: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert invoke("tag", *RULES).exit_code == 0
    before = _tags(invoke, document, "shutdown-watch")
    monkeypatch.setenv("HRDMAP_FRAMEWORKS", str(_framework_folder(tmp_path / "mine")))
    assert invoke("tag", *RULES).exit_code == 0
    tags = _tags(invoke, document, "shutdown-watch")
    [first] = [t for text, found in tags.items() if text.startswith("Internet shutdowns") for t in found]
    assert first["label"] == "shutdowns" and first["tagger"] == "framework-keywords"
    spans = [e["text"] for e in first["evidence"]]  # type: ignore[attr-defined]
    assert spans == ["Internet shutdowns", "network disruptions"]
    assert not [t for text, found in tags.items() if "budget" in text for t in found]
    assert not any(before.values())  # the tagger built before the folder was named does not linger
    assert "▸ shutdown-watch: Internet shutdowns (framework-keywords 0.70)" in invoke("show", document).stdout
    assert os.environ["HRDMAP_FRAMEWORKS"] == str(tmp_path / "mine")  # the command restored what it changed


def test_a_framework_in_the_data_folder_is_read_and_its_labels_can_be_reviewed(
    invoke: Invoke, document: str, home: Path
) -> None:
    _framework_folder(home / "frameworks")
    assert invoke("tag", *RULES).exit_code == 0
    blocks = json.loads(invoke("show", document, "--json").stdout)["blocks"]
    budget = next(b for b in blocks if "budget" in b["text"])
    assert invoke("review", "add", str(budget["block_id"]), "shutdown-watch", "shutdowns").exit_code == 0
    assert f"▸ shutdown-watch: Internet shutdowns ✓ added by {ME}" in invoke("show", document).stdout
    assert "HRDMAP_FRAMEWORKS" not in os.environ


def test_a_bad_framework_file_exits_2_naming_the_file_and_the_field(
    invoke: Invoke, document: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = _framework_folder(tmp_path / "mine", WATCH.replace("en: Internet shutdowns, ", ""), "bad.yaml")
    monkeypatch.setenv("HRDMAP_FRAMEWORKS", str(bad))
    result = invoke("tag", *RULES)
    assert result.exit_code == 2
    assert f"{(bad / 'bad.yaml').resolve()}: labels[0].names.en: required" in result.stderr
    assert "Traceback" not in result.output


def test_a_missing_folder_exits_2_naming_the_variable_and_the_folder(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HRDMAP_FRAMEWORKS", str(tmp_path / "nowhere"))
    result = invoke("documents")
    assert result.exit_code == 2
    assert f"HRDMAP_FRAMEWORKS names the folder '{tmp_path / 'nowhere'}', which does not exist" in result.stderr
