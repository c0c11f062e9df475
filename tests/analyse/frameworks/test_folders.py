"""Folders of user frameworks: how a value lists them, and how the loader and the registry use the folders given.

Nothing in the analysis layer reads ``HRDMAP_FRAMEWORKS``: the settings do (tests/test_config.py), and the workspace
passes the folders on.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from hrdmap.analyse.frameworks.folders import distinct_folders, parse_folders
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


def test_a_value_lists_folders_separated_by_pathsep() -> None:
    value = os.pathsep.join(["a", "b c"])
    assert parse_folders(f" {value} ") == (Path("a"), Path("b c"))
    assert parse_folders("") == ()


def test_a_folder_named_twice_counts_once(folder: Path) -> None:
    assert distinct_folders([folder, folder / ".." / folder.name, folder]) == (folder,)
    assert "mine" in load_frameworks([folder, folder / ".." / folder.name])


def test_load_frameworks_reads_the_folders_given_and_never_the_environment(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HRDMAP_FRAMEWORKS", str(folder))
    assert "mine" not in load_frameworks()
    assert "mine" in load_frameworks([folder])
    with pytest.raises(FrameworkError, match="gone: \\(folder\\): not a folder"):
        load_frameworks([folder / "gone"])


def test_the_registry_caches_a_tagger_per_set_of_folders(folder: Path) -> None:
    passage = [Passage(1, "Water defenders were threatened.")]
    assert all(t.framework != "mine" for t in tagger("framework-keywords").tag(passage)[0])
    mine = tagger("framework-keywords", [folder])
    assert ("mine", "water") in {(t.framework, t.label) for t in mine.tag(passage)[0]}
    assert tagger("framework-keywords", [folder]) is mine
    assert tagger("framework-keywords") is not mine
