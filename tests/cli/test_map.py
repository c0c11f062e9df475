from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from hrdmap.domain.document import StoredDocument

Invoke = Callable[..., Result]


def _tagged(invoke: Invoke) -> None:
    assert invoke("tag", "--tagger", "gazetteer", "--tagger", "framework-keywords").exit_code == 0


def test_map_writes_json_to_stdout_by_default(invoke: Invoke, stored_report: StoredDocument) -> None:
    _tagged(invoke)
    result = invoke("map")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [m["id"] for m in data["matrices"]] == ["area-country", "area-entity", "group-area", "country-kind"]
    group_area = next(m for m in data["matrices"] if m["id"] == "group-area")
    cell = next(c for c in group_area["cells"] if c["row"] == "groups-at-risk:defenders")
    assert cell["column"] == "hrd-areas:B" and cell["document_ids"] == [stored_report.id]
    assert {str(b) for b in cell["block_ids"]} <= set(data["paragraphs"])


def test_map_picks_the_format_from_the_output_name(
    invoke: Invoke, stored_report: StoredDocument, tmp_path: Path
) -> None:
    _tagged(invoke)
    page = invoke("map", "--output", str(tmp_path / "map.html"))
    assert page.exit_code == 0 and (tmp_path / "map.html").read_text("utf-8").startswith("<!DOCTYPE html>")
    assert "→" in page.stderr
    folder = invoke("map", "--output", str(tmp_path / "csv"))
    assert folder.exit_code == 0 and (tmp_path / "csv" / "gaps.csv").is_file()
    forced = invoke("map", "--format", "json", "--output", str(tmp_path / "map.txt"))
    assert forced.exit_code == 0 and json.loads((tmp_path / "map.txt").read_text("utf-8"))["matrices"]


def test_html_and_csv_need_an_output(invoke: Invoke, stored_report: StoredDocument) -> None:
    result = invoke("map", "--format", "html")
    assert result.exit_code == 2 and "--format html needs --output" in result.stderr


def test_every_analysis_command_and_option_is_documented() -> None:
    import click

    from hrdmap.cli.main import cli

    documented = (Path(__file__).resolve().parents[2] / "docs" / "review-and-map.md").read_text(encoding="utf-8")
    for name in ("tag", "review", "map"):
        assert f"## hrdmap {name}" in documented, name
        command = cli.get_command(None, name)  # type: ignore[arg-type]
        assert command is not None
        commands = [command, *getattr(command, "commands", {}).values()]
        for each in commands:
            assert isinstance(each, click.Command)
            for param in each.params:
                for opt in getattr(param, "opts", []):
                    if opt.startswith("--"):
                        assert f"`{opt}" in documented, f"{name} {each.name} {opt}"
        for sub in getattr(command, "commands", {}):
            assert f"hrdmap {name} {sub}" in documented, sub
