"""Whole tables (``Store.tables``): what ``hrdmap migrate-store`` reads and loads, the same on every adapter."""

from __future__ import annotations

from hrdmap.storage.registry import open_store
from hrdmap.storage.repository import Store
from hrdmap.storage.tables import checksum

from .filled import fill


def test_tables_come_parents_first_and_without_the_migrations_table(store: Store) -> None:
    names = [t.name for t in store.tables.tables()]
    assert "schema_migrations" not in names and {"documents", "blocks", "tags", "incidents"} <= set(names)
    assert names.index("documents") < names.index("versions") < names.index("blocks") < names.index("tags")
    assert store.tables.migrations() and all(store.tables.count(name) == 0 for name in names)


def test_rows_come_in_portable_form_in_key_order(store: Store) -> None:
    fill(store)
    by_name = {t.name: t for t in store.tables.tables()}
    versions = list(store.tables.rows(by_name["versions"]))
    columns = by_name["versions"].columns
    first = dict(zip(columns, versions[0], strict=True))
    assert first["ingested_at"] == "2026-03-01T09:30:15.123456Z" and first["date"] == "2018-07-26"
    assert first["is_current"] == 0 and first["search_indexed"] == 1 and first["meta"] == '{"producer": "Word"}'
    assert [row[0] for row in versions] == sorted(row[0] for row in versions)
    keys = dict(zip(by_name["data_keys"].columns, next(store.tables.rows(by_name["data_keys"])), strict=True))
    assert keys["sealed"] == b"\x00sealed\xff"


def test_a_store_loaded_from_anothers_rows_holds_the_same_rows(store: Store, tmp_path: object) -> None:
    fill(store)
    copy = open_store(f"sqlite:///{tmp_path}/copy.sqlite3")
    try:
        tables = store.tables.tables()
        with store.tables.snapshot(), copy.transaction():
            for table in tables:
                copy.tables.load(table, store.tables.rows(table))
            copy.tables.finish_load()
        for table in tables:
            assert checksum(copy.tables.rows(table)) == checksum(store.tables.rows(table)), table.name
        assert copy.check() == []
        with copy.transaction():  # the next ids follow the copied ones
            copy.audit.record("after", actor="ana", at=copy.audit.entries()[0].at)
        assert [e.action for e in copy.audit.entries()] == ["after", "test.filled"]
    finally:
        copy.close()


def test_reset_empties_a_store_and_leaves_it_migrated(store: Store) -> None:
    fill(store)
    migrations = store.tables.migrations()
    store.tables.reset()
    assert all(store.tables.count(t.name) == 0 for t in store.tables.tables())
    assert store.tables.migrations() == migrations
    fill(store)
    assert store.tables.count("documents") == 2
