"""HRDMAP_FRAMEWORKS: the folders that load_frameworks() and the entry-point taggers read without being told."""

from __future__ import annotations

from pathlib import Path

import pytest

from hrdmap.analyse.frameworks.folders import distinct_folders, folders_from_env, join_folders, parse_folders
from hrdmap.analyse.frameworks.loader import FrameworkError, load_frameworks
from hrdmap.analyse.taggers.base import Passage
from hrdmap.analyse.taggers.registry import tagger

MINE = """
id: mine
name: Mine
version: "1"
description: A user's framework.
labels:
  - {id: water, names: {en: Water, fr: Eau, es: Agua}, definition: W., keywords: {en: [water defenders]}}
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "mine.yaml").write_text(MINE, "utf-8")
    return tmp_path


def test_the_variable_lists_folders_separated_by_pathsep() -> None:
    value = join_folders([Path("a"), Path("b c")])
    assert parse_folders(value) == (Path("a"), Path("b c"))
    assert folders_from_env({"HRDMAP_FRAMEWORKS": f" {value} "}) == (Path("a"), Path("b c"))
    assert folders_from_env({}) == () and parse_folders("") == ()


def test_a_folder_named_twice_counts_once(folder: Path) -> None:
    assert distinct_folders([folder, folder / ".." / folder.name, folder]) == (folder,)
    assert "mine" in load_frameworks([folder, folder / ".." / folder.name])


def test_load_frameworks_without_folders_reads_the_variable(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HRDMAP_FRAMEWORKS", raising=False)
    assert "mine" not in load_frameworks()
    monkeypatch.setenv("HRDMAP_FRAMEWORKS", str(folder))
    assert "mine" in load_frameworks()
    assert "mine" not in load_frameworks(())
    monkeypatch.setenv("HRDMAP_FRAMEWORKS", str(folder / "gone"))
    with pytest.raises(FrameworkError, match="gone: \\(folder\\): not a folder"):
        load_frameworks()


def test_the_registry_builds_a_tagger_again_when_the_folders_change(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("HRDMAP_FRAMEWORKS", raising=False)
    passage = [Passage(1, "Water defenders were threatened.")]
    assert all(t.framework != "mine" for t in tagger("framework-keywords").tag(passage)[0])
    monkeypatch.setenv("HRDMAP_FRAMEWORKS", str(folder))
    assert ("mine", "water") in {(t.framework, t.label) for t in tagger("framework-keywords").tag(passage)[0]}
