"""Settings from the environment: the folders of user frameworks (HRDMAP_FRAMEWORKS and $HRDMAP_HOME/frameworks)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from hrdmap.config import Settings, SettingsError


def test_no_framework_folders_by_default(tmp_path: Path) -> None:
    assert Settings.from_env({}, home=tmp_path / "home").frameworks_dirs == ()


def test_named_folders_come_after_the_data_folders_own_without_repeats(tmp_path: Path) -> None:
    home, first, second = tmp_path / "home", tmp_path / "first", tmp_path / "second"
    for folder in (home / "frameworks", first, second):
        folder.mkdir(parents=True)
    value = os.pathsep.join([str(first), "", str(second), str(home / "frameworks"), f" {first} "])
    settings = Settings.from_env({"HRDMAP_FRAMEWORKS": value}, home=home)
    assert settings.frameworks_dirs == (home / "frameworks", first, second)


def test_the_data_folder_comes_from_hrdmap_home(tmp_path: Path) -> None:
    (tmp_path / "data" / "frameworks").mkdir(parents=True)
    settings = Settings.from_env({"HRDMAP_HOME": str(tmp_path / "data")})
    assert settings.frameworks_dirs == (tmp_path / "data" / "frameworks",)


def test_a_named_folder_that_does_not_exist_is_refused_naming_it(tmp_path: Path) -> None:
    file = tmp_path / "file.yaml"
    file.write_text("id: x\n", "utf-8")
    with pytest.raises(SettingsError, match=r"HRDMAP_FRAMEWORKS names the folder '.*nowhere', which does not exist"):
        Settings.from_env({"HRDMAP_FRAMEWORKS": str(tmp_path / "nowhere")}, home=tmp_path)
    with pytest.raises(SettingsError, match=r"HRDMAP_FRAMEWORKS names the folder '.*file.yaml', which is not a folder"):
        Settings.from_env({"HRDMAP_FRAMEWORKS": str(file)}, home=tmp_path)
