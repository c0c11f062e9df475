"""``hrdmap recommendations`` from the command line, and the docs that describe it."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from pathlib import Path

import click
import openpyxl
from click.testing import Result

from hrdmap.cli.recommendations import recommendations

Invoke = Callable[..., Result]

DOCS = Path(__file__).resolve().parents[2] / "docs" / "recommendations.md"


def tracked(invoke: Invoke, examples: Path) -> None:
    """The example corpus's UPR list, extracted."""
    assert invoke("ingest", str(examples / "east-african-defenders-link.txt")).exit_code == 0
    result = invoke("recommendations", "extract")
    assert result.exit_code == 0, result.output
    assert "4 recommendations (4 added, 0 updated, 0 unchanged)" in result.output


def test_extract_status_and_list(invoke: Invoke, examples: Path) -> None:
    tracked(invoke, examples)
    again = invoke("recommendations", "extract", "--json")
    assert json.loads(again.stdout)[0] | {"document": 0} == {
        "document": 0,
        "symbol": None,
        "found": 4,
        "added": 0,
        "updated": 0,
        "unchanged": 4,
        "warnings": [],
    }
    status = invoke(
        "recommendations", "status", "1", "in_progress", "--date", "2025-02-01", "--evidence", "Bill drafted",
        "--assessed-by", "network monitoring", "--json",
    )
    assert status.exit_code == 0, status.output
    history = json.loads(status.stdout)["history"]
    assert [(h["status"], h["date"], h["evidence"]) for h in history] == [("in_progress", "2025-02-01", "Bill drafted")]
    listed = json.loads(invoke("recommendations", "list", "--status", "in_progress", "--json").stdout)
    assert [(r["paragraph"], r["recommending_states"]) for r in listed] == [("98.1", ["Norway"])]
    table = invoke("recommendations", "list", "--theme", "reprisals")
    assert "98.4" in table.output and "98.1" not in table.output


def test_status_refuses_unknown_ids_and_statuses(invoke: Invoke, examples: Path) -> None:
    tracked(invoke, examples)
    unknown = invoke("recommendations", "status", "99", "implemented")
    assert unknown.exit_code == 2 and "no recommendation 99" in unknown.output
    bad = invoke("recommendations", "status", "1", "done")
    assert bad.exit_code == 2 and "'done' is not one of" in bad.output


def test_tracker_counts_and_lists(invoke: Invoke, examples: Path) -> None:
    tracked(invoke, examples)
    invoke("recommendations", "status", "4", "implemented", "--date", "2025-03-01")
    groups = json.loads(invoke("recommendations", "tracker", "--by", "theme", "--json").stdout)
    reprisals = next(g for g in groups if g["name"] == "C Intimidation and reprisals")
    assert reprisals["counts"]["implemented"] == 1 and reprisals["implemented_share"] == 1.0
    text = invoke("recommendations", "tracker", "--by", "addressee").output
    assert "(addressee not stated)" in text and "#4" in text


def test_import_exit_codes(invoke: Invoke, tmp_path: Path) -> None:
    good = tmp_path / "good.csv"
    good.write_text("text,addressee\nAdopt a law,Kenya\n", encoding="utf-8")
    mixed = tmp_path / "mixed.csv"
    mixed.write_text("text,response\nAdopt a law,supported\nRatify,maybe\n", encoding="utf-8")
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    assert invoke("recommendations", "import", str(good)).exit_code == 0
    partial = invoke("recommendations", "import", str(mixed))
    assert partial.exit_code == 1
    assert f"not imported: {mixed}: line 3: column response: 'maybe' is not a response" in partial.output
    refused = invoke("recommendations", "import", str(empty), "--json")
    assert refused.exit_code == 2
    assert json.loads(refused.stdout)["failed"] == [f"{empty}: the file is empty"]


def test_export_csv_then_reimport_round_trips(invoke: Invoke, examples: Path, tmp_path: Path) -> None:
    tracked(invoke, examples)
    invoke("recommendations", "status", "2", "not_started", "--date", "2025-01-01", "--evidence", "-no action-")
    out = tmp_path / "tracker.csv"
    result = invoke("recommendations", "export", "--format", "csv", "--output", str(out))
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [r["paragraph"] for r in rows] == ["98.1", "98.2", "98.3", "98.4"]
    assert rows[1]["status"] == "not_started" and rows[1]["evidence"] == "'-no action-"
    again = invoke("recommendations", "import", str(out), "--json")
    assert again.exit_code == 0, again.output
    assert json.loads(again.stdout)["imported"][0] | {"file": ""} == {
        "file": "",
        "added": 0,
        "updated": 0,
        "unchanged": 4,
        "statuses": 0,
    }


def test_export_xlsx(invoke: Invoke, examples: Path, tmp_path: Path) -> None:
    tracked(invoke, examples)
    out = tmp_path / "tracker.xlsx"
    assert invoke("recommendations", "export", "--format", "xlsx", "-o", str(out)).exit_code == 0
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Recommendations", "Status history", "By addressee", "By theme"]
    assert book["Recommendations"].max_row == 5


def _options(command: click.Command) -> list[str]:
    return [o for p in command.params if isinstance(p, click.Option) for o in p.opts if o.startswith("--")]


def test_every_command_and_option_is_documented() -> None:
    docs = DOCS.read_text(encoding="utf-8")
    assert isinstance(recommendations, click.Group)
    for name, command in recommendations.commands.items():
        assert re.search(rf"hrdmap recommendations {name}\b", docs), f"{name} missing from {DOCS.name}"
        for option in _options(command):
            assert option in docs, f"{name} {option} missing from {DOCS.name}"
