"""Every error hrdmap raises for people derives from one root, and the command line maps it in one place."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import hrdmap
from hrdmap.cli.main import cli
from hrdmap.domain.errors import Conflict, HrdmapError, InvalidInput, NotFound

#: Private helpers that never leave their module (a row's or a cell's problem, collected into a report).
INTERNAL = {"_RowError", "_CellError"}


def _error_classes() -> list[type[BaseException]]:
    found: dict[str, type[BaseException]] = {}
    for info in pkgutil.walk_packages(hrdmap.__path__, "hrdmap."):
        if info.name.startswith("hrdmap.cli"):
            continue  # the edge: click's own exceptions
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if (
                inspect.isclass(value)
                and issubclass(value, Exception)
                and value.__module__ == info.name
                and name not in INTERNAL
            ):
                found[f"{info.name}.{name}"] = value
    return list(found.values())


@pytest.mark.parametrize("error", _error_classes(), ids=lambda e: f"{e.__module__}.{e.__name__}")
def test_every_error_of_the_library_derives_from_the_root(error: type[BaseException]) -> None:
    assert issubclass(error, HrdmapError)


def test_the_message_of_a_lookup_error_has_no_quotes() -> None:
    assert NotFound("no document 'A/1'").message == "no document 'A/1'"
    assert str(KeyError("x")) == "'x'"  # why ``message`` exists


def test_the_root_keeps_the_standard_bases_callers_catch() -> None:
    assert issubclass(InvalidInput, ValueError)
    assert issubclass(NotFound, LookupError)
    assert not issubclass(Conflict, LookupError)


def test_the_command_line_prints_one_line_in_one_style_and_exits_2(tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text("1. A fictional paragraph about consultations with civil society.\n", encoding="utf-8")
    home = str(tmp_path / "home")
    assert CliRunner().invoke(cli, ["--home", home, "ingest", str(note)]).exit_code == 0
    result = CliRunner().invoke(cli, ["--home", home, "show", "A/NO/SUCH/1"])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == ["Error: no document 'A/NO/SUCH/1'"]
    assert "Traceback" not in result.output
