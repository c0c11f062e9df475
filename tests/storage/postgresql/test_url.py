"""PostgreSQL store URLs: hrdmap's own parameters, and errors that never repeat a password."""

from __future__ import annotations

import pytest

from hrdmap.storage.postgresql.connection import PostgresUnavailable, parse_url
from hrdmap.storage.registry import StoreUrlError, open_store, store_schemes


def test_postgresql_is_registered_through_the_same_door_as_sqlite() -> None:
    assert {"postgresql", "sqlite"} <= set(store_schemes())


def test_hrdmaps_parameters_are_taken_out_of_the_url_libpq_sees() -> None:
    target = parse_url("postgresql://ana:s3cret@db.example.org:6543/hrdmap?schema=team_a&pool_max=8&sslmode=require")
    assert (target.schema, target.pool_min, target.pool_max) == ("team_a", 1, 8)
    assert "schema" not in target.conninfo and "pool_max" not in target.conninfo
    assert "sslmode=require" in target.conninfo
    assert target.where == "db.example.org:6543/hrdmap"


def test_options_with_spaces_reach_libpq_as_written() -> None:
    target = parse_url("postgresql://h/db?options=-c%20statement_timeout%3D5000")
    assert "options=-c%20statement_timeout%3D5000" in target.conninfo


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("postgresql://ana:s3cret@h/db?schema=team-a;drop", "schema="),
        ("postgresql://ana:s3cret@h/db?pool_max=0", "pool_max="),
        ("postgresql://ana:s3cret@h/db?pool_min=5&pool_max=2", "smaller than pool_min"),
    ],
)
def test_a_url_hrdmap_cannot_use_is_refused_without_its_password(url: str, message: str) -> None:
    with pytest.raises(StoreUrlError, match=message) as caught:
        parse_url(url)
    assert "s3cret" not in str(caught.value)


def test_a_server_that_does_not_answer_is_named_without_the_password() -> None:
    with pytest.raises(PostgresUnavailable, match=r"cannot connect to PostgreSQL at 127\.0\.0\.1:1/hrdmap") as caught:
        open_store("postgresql://ana:s3cret@127.0.0.1:1/hrdmap")
    assert "s3cret" not in str(caught.value)
