"""The SQLite adapter's door: ``sqlite:///PATH`` URLs, through the ``hrdmap.stores`` registry."""

from __future__ import annotations

from pathlib import Path

import pytest

from hrdmap.config import DATABASE_FILE, Settings
from hrdmap.services.workspace import open_workspace
from hrdmap.storage.registry import StoreUrlError, open_store
from hrdmap.storage.sqlite.store import SqliteStore


def test_a_sqlite_url_names_a_file_relative_to_the_working_folder_or_absolute(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    relative = open_store("sqlite:///data/relative.sqlite3")
    absolute = open_store(f"sqlite:///{(tmp_path / 'abs' / 'absolute.sqlite3').as_posix()}")
    assert isinstance(relative, SqliteStore) and isinstance(absolute, SqliteStore)
    relative.close()
    absolute.close()
    assert (tmp_path / "data" / "relative.sqlite3").is_file()
    assert (tmp_path / "abs" / "absolute.sqlite3").is_file()


@pytest.mark.parametrize("url", ["sqlite://", "sqlite:///", "sqlite://server/hrdmap.sqlite3"])
def test_a_sqlite_url_that_names_no_file_is_refused(url: str) -> None:
    with pytest.raises(StoreUrlError, match=r"sqlite:///relative/path.sqlite3 or sqlite:////absolute"):
        open_store(url)


def test_the_default_store_is_the_sqlite_file_in_the_data_folder(tmp_path: Path) -> None:
    with open_workspace(Settings(home=tmp_path / "home")) as workspace:
        assert isinstance(workspace.store, SqliteStore)
    assert (tmp_path / "home" / DATABASE_FILE).is_file()
