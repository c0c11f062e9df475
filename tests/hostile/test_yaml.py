"""YAML alias bombs ("billion laughs") in every YAML file hrdmap reads: refused at once, with a clear error."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from hrdmap import safe_yaml
from hrdmap.analyse.frameworks.loader import FrameworkError, parse_framework
from hrdmap.monitoring.mapping import MappingError, parse_mapping
from hrdmap.readers.call_file import CallFileError, read_call_file

from .cli_process import run_hrdmap


def alias_bomb(levels: int = 9, width: int = 9) -> str:
    """A few hundred bytes standing for ``width ** levels`` values (387 million with the defaults)."""
    lines = [f"l0: &l0 [{', '.join(['lol'] * width)}]"]
    for n in range(1, levels):
        lines.append(f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * width)}]")
    return "\n".join(lines) + "\n"


def test_a_yaml_alias_bomb_in_call_yaml_hung_the_import_and_is_now_refused(tmp_path: Path) -> None:
    call = tmp_path / "call.yaml"
    call.write_text("version: 1\n" + alias_bomb() + "call:\n  title: *l8\n", encoding="utf-8")
    done = run_hrdmap(tmp_path / "home", "calls", "import", str(call), timeout=90, memory_mib=2048)
    assert done.returncode == 2, done.stderr  # not killed after the time limit: it did not hang
    assert "alias bomb" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_call_file_reader_names_the_file_and_the_line(tmp_path: Path) -> None:
    call = tmp_path / "call.yaml"
    call.write_text("version: 1\n" + alias_bomb(), encoding="utf-8")
    with pytest.raises(CallFileError, match=r"call\.yaml: not valid YAML at line \d+.*alias bomb"):
        read_call_file(call)


def test_a_framework_that_is_an_alias_bomb_is_refused() -> None:
    with pytest.raises(FrameworkError, match="alias bomb"):
        parse_framework(alias_bomb(), "frameworks/bomb.yaml")


def test_a_mapping_that_is_an_alias_bomb_is_refused() -> None:
    with pytest.raises(MappingError, match="alias bomb"):
        parse_mapping(alias_bomb(), "mappings/bomb.yaml")


@pytest.mark.parametrize(
    ("parse", "error"), [(parse_framework, FrameworkError), (parse_mapping, MappingError)]
)
def test_frameworks_and_mappings_name_the_file_the_line_and_the_problem(
    parse: Callable[[str, str], object], error: type[Exception]
) -> None:
    with pytest.raises(error, match=r"^x\.yaml: line 2: not valid YAML: found undefined alias 'missing'$"):
        parse("name: x\nlabels: *missing\n", "x.yaml")
    with pytest.raises(error, match=r"^x\.yaml: line 6: not valid YAML: .*\(an alias bomb\?\); refused$"):
        parse(alias_bomb(), "x.yaml")


def test_yaml_nested_beyond_the_stack_is_refused_not_a_crash() -> None:
    with pytest.raises(safe_yaml.YamlBomb, match="nested too deeply"):
        safe_yaml.load("[" * 50_000 + "]" * 50_000)


def test_anchors_and_aliases_of_ordinary_size_still_read() -> None:
    assert safe_yaml.load("base: &b {lang: en}\nother: *b\n") == {"base": {"lang": "en"}, "other": {"lang": "en"}}


def test_the_expanded_size_counts_what_aliases_stand_for() -> None:
    assert safe_yaml.expanded_size(safe_yaml.SafeLoader("[[1, 2], [1, 2]]").get_single_node()) == 7
    node = safe_yaml.SafeLoader(alias_bomb(levels=3, width=3)).get_single_node()
    assert safe_yaml.expanded_size(node) == 1 + 3 + 4 + 13 + 40  # the map, its keys, l0, l1 = 3 × l0, l2 = 3 × l1
