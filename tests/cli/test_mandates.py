"""``hrdmap mandates``: add, list, show and link from the command line, and the docs that describe them."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import click
from click.testing import Result

from hrdmap.cli.mandates import mandates

Invoke = Callable[..., Result]

DOCS = Path(__file__).resolve().parents[2] / "docs" / "mandates.md"

REPORT = """A/HRC/25/55

Report of the United Nations High Commissioner for Human Rights

1. The present report is submitted pursuant to paragraph 7 of Human Rights Council resolution 22/6.
"""


def defenders(fixtures: Path) -> str:
    return str(fixtures / "mandates" / "hrc-22-6-defenders.txt")


def test_add_prints_the_requests_as_json(invoke: Invoke, fixtures: Path) -> None:
    result = invoke("mandates", "add", defenders(fixtures), "--json")
    assert result.exit_code == 0, result.output
    (added,) = json.loads(result.stdout)["added"]
    assert added["symbol"] == "A/HRC/RES/22/6" and added["ingested"] is True
    assert len(added["requests"]) == 9
    seven = next(r for r in added["requests"] if r["reference"] == "7")
    assert seven["addressee"] == "High Commissioner for Human Rights / OHCHR"
    assert seven["due"]["session"] == 25 and seven["due"]["body"] == "Human Rights Council"
    assert seven["product"] == "compilation"


def test_add_prints_a_table_with_the_counts(invoke: Invoke, fixtures: Path) -> None:
    result = invoke("mandates", "add", defenders(fixtures))
    assert result.exit_code == 0
    assert "A/HRC/RES/22/6: 5 preambular, 8 operative paragraphs, 9 requests" in result.output


def test_add_exit_codes(invoke: Invoke, fixtures: Path, tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text("A note\n\nNothing numbered.\n", encoding="utf-8")
    only_bad = invoke("mandates", "add", str(note))
    assert only_bad.exit_code == 2
    assert "note.txt: no numbered operative paragraphs" in only_bad.output
    assert "no resolution or decision found" in only_bad.output
    mixed = invoke("mandates", "add", defenders(fixtures), str(note), "--json")
    assert mixed.exit_code == 1
    assert len(json.loads(mixed.stdout)["failed"]) == 1


def test_add_reads_every_resolution_and_decision_of_a_compilation(invoke: Invoke, tmp_path: Path) -> None:
    from tests.structure.compilation_factory import volume_docx

    volume = tmp_path / "session-report.docx"
    volume.write_bytes(volume_docx())
    result = invoke("mandates", "add", str(volume))
    assert result.exit_code == 0, result.output
    assert "5 resolutions and decisions found, 3 resolutions and 2 decisions added" in result.output
    listed = invoke("mandates", "add", str(volume), "--json")
    symbols = [a["symbol"] for a in json.loads(listed.stdout)["added"]]
    assert symbols == ["A/HRC/RES/80/1", "A/HRC/RES/80/2", "A/HRC/RES/80/3", "A/HRC/DEC/80/101", "A/HRC/DEC/80/102"]
    assert invoke("mandates", "show", "A/HRC/RES/80/2").exit_code == 0


def test_list_filters_by_status_and_addressee(invoke: Invoke, fixtures: Path) -> None:
    invoke("mandates", "add", defenders(fixtures))
    overdue = json.loads(invoke("mandates", "list", "--status", "overdue", "--json").stdout)
    assert [r["reference"] for r in overdue] == ["7", "8"]  # HRC 25 closed in 2014
    states = json.loads(invoke("mandates", "list", "--addressee", "states", "--json").stdout)
    assert {r["addressee"] for r in states} == {"all States", "States"}
    table = invoke("mandates", "list")
    assert table.exit_code == 0 and "9 requests" in table.output


def test_show_prints_paragraphs_and_sub_paragraphs(invoke: Invoke, fixtures: Path) -> None:
    invoke("mandates", "add", defenders(fixtures))
    result = invoke("mandates", "show", "A/HRC/RES/22/6")
    assert result.exit_code == 0
    assert "5 preambular paragraphs, 8 operative paragraphs" in result.output
    assert "3. Urges States:" in result.output
    assert "    (a) To ensure that legislation" in result.output
    shown = json.loads(invoke("mandates", "show", "A/HRC/RES/22/6", "--json").stdout)
    assert [s["label"] for s in shown["operative"][2]["subparagraphs"]] == ["(a)", "(b)", "(c)"]


def test_unknown_symbols_exit_with_2(invoke: Invoke) -> None:
    for args in (("show", "A/RES/1/1"), ("list", "--symbol", "A/RES/1/1")):
        result = invoke("mandates", *args)
        assert result.exit_code == 2
        assert "no resolution 'A/RES/1/1'" in result.output


def test_link_reports_new_links(invoke: Invoke, fixtures: Path, tmp_path: Path) -> None:
    invoke("mandates", "add", defenders(fixtures))
    report = tmp_path / "report.txt"
    report.write_text(REPORT, encoding="utf-8")
    assert invoke("ingest", str(report), "--json").exit_code == 0
    links = json.loads(invoke("mandates", "link", "--json").stdout)
    assert [(n["resolution"], n["paragraph"], n["method"]) for n in links] == [
        ("A/HRC/RES/22/6", "7", "paragraph")
    ]
    answered = json.loads(invoke("mandates", "list", "--status", "answered", "--json").stdout)
    assert [r["answered_by"][0]["cited"] for r in answered] == ["Human Rights Council resolution 22/6"]
    assert "0 new links" in invoke("mandates", "link").output


def test_every_command_and_option_is_documented() -> None:
    docs = DOCS.read_text(encoding="utf-8")
    assert isinstance(mandates, click.Group)
    for name, command in mandates.commands.items():
        assert re.search(rf"hrdmap mandates {name}\b", docs), (
            f"docs/mandates.md does not show 'mandates {name}'"
        )
        for param in command.params:
            for option in getattr(param, "opts", []):
                if option.startswith("--"):
                    assert option in docs, f"docs/mandates.md does not mention {name} {option}"
