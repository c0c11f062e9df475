"""``migrate-store``: a SQLite store into PostgreSQL and back, verified; a target that holds data is kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from hrdmap.domain.actor import Actor, Role
from hrdmap.domain.errors import Forbidden, InvalidInput
from hrdmap.services.store_copy import TargetNotEmpty, migrate_store, shown_url
from hrdmap.storage.registry import open_store
from hrdmap.storage.tables import checksum
from tests.actors import TESTER
from tests.postgres import fresh_schema_url
from tests.storage.filled import fill


def _checksums(url: str) -> dict[str, tuple[int, str]]:
    store = open_store(url)
    try:
        return {t.name: checksum(store.tables.rows(t)) for t in store.tables.tables()}
    finally:
        store.close()


def test_a_sqlite_store_goes_into_postgresql_and_back_with_every_row_and_id(tmp_path: Path) -> None:
    original = f"sqlite:///{tmp_path}/original.sqlite3"
    store = open_store(original)
    fill(store)
    store.close()
    before = _checksums(original)
    with fresh_schema_url() as pg:
        there = migrate_store(TESTER, original, pg)
        assert {t.name: (t.rows, t.checksum) for t in there.tables} == before
        store = open_store(pg)
        try:
            assert [d.source for d in store.documents.current()] == ["/in/a.pdf", "/in/z.zip!m.pdf"]
            assert store.audit.entries()[0].action == "store.copied"
            assert store.incidents.merged_into(1) == 2
        finally:
            store.close()
        back = f"sqlite:///{tmp_path}/back.sqlite3"
        migrate_store(TESTER, pg, back)
    after = _checksums(back)
    assert {name: after[name] for name in before if name != "audit"} == {
        n: v for n, v in before.items() if n != "audit"
    }
    assert after["audit"][0] == before["audit"][0] + 2  # each copy recorded itself in its target


def test_a_target_that_holds_data_is_refused_unless_replaced(tmp_path: Path) -> None:
    source, target = f"sqlite:///{tmp_path}/a.sqlite3", f"sqlite:///{tmp_path}/b.sqlite3"
    for url in (source, target):
        store = open_store(url)
        fill(store)
        store.close()
    with pytest.raises(TargetNotEmpty, match=r"TO holds data \(documents \(2 rows\).*--replace"):
        migrate_store(TESTER, source, target)
    done = migrate_store(TESTER, source, target, replace=True)
    assert done.replaced and _checksums(target)["documents"] == _checksums(source)["documents"]


def test_the_same_store_twice_and_a_reader_are_refused(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/a.sqlite3"
    with pytest.raises(InvalidInput, match="same store"):
        migrate_store(TESTER, url, url)
    with pytest.raises(Forbidden):
        migrate_store(Actor("ro", frozenset({Role.ANALYST})), url, f"sqlite:///{tmp_path}/b.sqlite3")


def test_a_password_is_never_shown() -> None:
    assert shown_url("postgresql://ana:s3cret@db:5432/h?schema=a") == "postgresql://ana:***@db:5432/h?schema=a"
    assert shown_url("sqlite:///x.sqlite3") == "sqlite:///x.sqlite3"
