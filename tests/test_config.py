"""Settings from the environment: the folders of user frameworks, the store's URL (HRDMAP_DATABASE_URL) and the
limits on parsing files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from hrdmap.config import DATABASE_FILE, Settings, SettingsError
from hrdmap.ingest.base import Limits


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


def test_the_store_is_the_sqlite_file_in_the_data_folder_by_default(tmp_path: Path) -> None:
    settings = Settings.from_env({}, home=tmp_path / "home")
    assert settings.database_url is None
    assert settings.store_url == f"sqlite:///{(tmp_path / 'home' / DATABASE_FILE).as_posix()}"
    assert Settings(home=Path("data")).store_url == "sqlite:///data/hrdmap.sqlite3"


def test_hrdmap_database_url_names_the_store_whatever_the_data_folder(tmp_path: Path) -> None:
    url = f"sqlite:///{(tmp_path / 'elsewhere.sqlite3').as_posix()}"
    settings = Settings.from_env({"HRDMAP_DATABASE_URL": f" {url} "}, home=tmp_path / "home")
    assert settings.database_url == url and settings.store_url == url
    assert Settings.from_env({"HRDMAP_DATABASE_URL": ""}, home=tmp_path).database_url is None


def test_an_unknown_database_scheme_is_refused_naming_the_variable_and_the_choices(tmp_path: Path) -> None:
    env = {"HRDMAP_DATABASE_URL": "mysql://ana:s3cret@db.example.org/hrdmap"}
    refused = r"HRDMAP_DATABASE_URL: .*'mysql' is unknown; choose one of .*sqlite"
    with pytest.raises(SettingsError, match=refused) as caught:
        Settings.from_env(env, home=tmp_path)
    assert "s3cret" not in str(caught.value)


@pytest.mark.parametrize("value", ["hrdmap.sqlite3", "/var/lib/hrdmap.sqlite3", "://nothing"])
def test_a_database_setting_that_is_not_a_url_is_refused(tmp_path: Path, value: str) -> None:
    with pytest.raises(SettingsError, match=r"HRDMAP_DATABASE_URL: a database URL looks like sqlite:///"):
        Settings.from_env({"HRDMAP_DATABASE_URL": value}, home=tmp_path)


def test_the_parsing_limits_have_safe_defaults_and_come_from_the_environment(tmp_path: Path) -> None:
    default = Settings.from_env({}, home=tmp_path).limits
    assert default == Limits()
    assert default.max_inflated_bytes == 128 * 1024 * 1024 and default.parse_seconds == 300
    env = {
        "HRDMAP_MAX_INFLATED_MB": "64",
        "HRDMAP_MAX_PAGES": "10",
        "HRDMAP_MAX_CHARS": "1000",
        "HRDMAP_MAX_BLOCKS": "20",
        "HRDMAP_PAGE_SECONDS": "3",
        "HRDMAP_PARSE_SECONDS": "30",
        "HRDMAP_WORKER_MEMORY_MB": "512",
        "HRDMAP_WORKER_FILES": "32",
    }
    limits = Settings.from_env(env, home=tmp_path).limits
    assert (limits.max_inflated_bytes, limits.max_pages, limits.max_chars, limits.max_blocks) == (
        64 * 1024 * 1024,
        10,
        1000,
        20,
    )
    assert (limits.page_seconds, limits.parse_seconds) == (3, 30)
    assert (limits.worker_memory_bytes, limits.worker_open_files) == (512 * 1024 * 1024, 32)


@pytest.mark.parametrize("name", ["HRDMAP_PARSE_SECONDS", "HRDMAP_WORKER_MEMORY_MB", "HRDMAP_MAX_CHARS"])
def test_a_limit_that_is_not_a_positive_number_is_refused_naming_it(tmp_path: Path, name: str) -> None:
    with pytest.raises(SettingsError, match=name):
        Settings.from_env({name: "0"}, home=tmp_path)
