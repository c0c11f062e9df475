"""Stores are chosen by the scheme of their URL from the ``hrdmap.stores`` entry-point group."""

from __future__ import annotations

from importlib.metadata import entry_points

import pytest

from hrdmap.storage.registry import ENTRY_POINT_GROUP, StoreUrlError, open_store, store_schemes, url_scheme


def test_the_built_in_sqlite_adapter_is_registered_through_the_same_door_as_plugins() -> None:
    assert "sqlite" in store_schemes()
    assert {ep.name for ep in entry_points(group=ENTRY_POINT_GROUP)} == set(store_schemes())


def test_an_unknown_scheme_is_refused_with_the_choices_and_without_the_rest_of_the_url() -> None:
    with pytest.raises(StoreUrlError, match=r"scheme 'mysql' is unknown; choose one of .*sqlite") as caught:
        open_store("mysql://ana:s3cret@db.example.org/hrdmap")
    assert "s3cret" not in str(caught.value)


@pytest.mark.parametrize("url", ["hrdmap.sqlite3", "://x", "1sqlite:///x", "C:\\data\\hrdmap.sqlite3"])
def test_text_that_is_not_a_url_is_refused(url: str) -> None:
    with pytest.raises(StoreUrlError, match="looks like sqlite:///path/to/hrdmap.sqlite3"):
        url_scheme(url)


def test_schemes_are_read_without_regard_to_case() -> None:
    assert url_scheme("SQLite:///x") == "sqlite"
    assert url_scheme("postgresql+psycopg://host/db") == "postgresql+psycopg"
