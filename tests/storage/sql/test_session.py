"""The shared statements' session (:mod:`hrdmap.storage.sql.session`) behaves the same on every adapter.

Runs on the ``tag_runs`` table (a timestamp, a nullable timestamp, text and a JSON column), which every store has.
"""

from __future__ import annotations

import datetime as dt
from typing import cast

import pytest

from hrdmap.storage.repository import Store
from hrdmap.storage.sql.session import SqlSession, maybe_stamp

AT = dt.datetime(2026, 3, 1, 9, 30, 15, 123456, tzinfo=dt.UTC)


def _session(store: Store) -> SqlSession:
    return cast(SqlSession, store.session)  # type: ignore[attr-defined]


def _add(session: SqlSession, actor: str, taggers: dict[str, str]) -> int:
    return session.insert(
        "INSERT INTO tag_runs (started_at, actor, taggers) VALUES (?, ?, ?)",
        (session.stamp(AT), actor, session.json(taggers)),
    )


def test_an_insert_gives_the_new_id_and_values_come_back_as_written(store: Store) -> None:
    session = _session(store)
    with store.transaction():
        first = _add(session, "ana", {"gazetteer": "1", "note": "défenseurs ✓"})
        second = _add(session, "bo", {})
    assert second > first > 0
    row = session.one("SELECT * FROM tag_runs WHERE id = ?", (first,))
    assert row is not None
    assert session.from_stamp(row["started_at"]) == AT
    assert maybe_stamp(session, row["finished_at"]) is None
    assert session.from_json(row["taggers"]) == {"gazetteer": "1", "note": "défenseurs ✓"}
    assert session.value("SELECT count(*) FROM tag_runs") == 2
    assert session.value("SELECT id FROM tag_runs WHERE actor = ?", ("nobody",)) is None


def test_a_literal_percent_and_boolean_literals_mean_the_same_everywhere(store: Store) -> None:
    session = _session(store)
    with store.transaction():
        _add(session, "100% ana", {})
        _add(session, "bo", {})
    assert [r["actor"] for r in session.rows("SELECT actor FROM tag_runs WHERE actor LIKE '%\\%%' ESCAPE '\\'")] == [
        "100% ana"
    ]
    assert session.value("SELECT count(*) FROM tag_runs WHERE TRUE AND NOT FALSE") == 2


def test_collate_binary_orders_text_by_code_point_everywhere(store: Store) -> None:
    session = _session(store)
    actors = ["b", "B", "a", "Émile", "_x", "Z", "é"]
    with store.transaction():
        for actor in actors:
            _add(session, actor, {})
    by_code_point = session.rows("SELECT actor FROM tag_runs ORDER BY actor COLLATE BINARY")
    assert [r["actor"] for r in by_code_point] == sorted(actors)
    ascii_folded = session.rows("SELECT actor FROM tag_runs ORDER BY lower(actor COLLATE BINARY), actor COLLATE BINARY")
    assert [r["actor"] for r in ascii_folded] == ["_x", "a", "B", "b", "Z", "Émile", "é"]


def test_execute_counts_changed_rows_and_executemany_runs_each(store: Store) -> None:
    session = _session(store)
    with store.transaction():
        ids = [_add(session, f"a{n}", {}) for n in range(3)]
        session.executemany("UPDATE tag_runs SET finished_at = ? WHERE id = ?", [(session.stamp(AT), i) for i in ids])
        assert session.execute("UPDATE tag_runs SET actor = ? WHERE id <> ?", ("x", ids[0])) == 2
    assert session.value("SELECT count(*) FROM tag_runs WHERE finished_at IS NOT NULL") == 3


@pytest.mark.parametrize("count", [0, 3, 1234])
def test_rows_in_takes_any_number_of_ids(store: Store, count: int) -> None:
    session = _session(store)
    with store.transaction():
        ids = [_add(session, "ana" if n % 2 else "bo", {}) for n in range(count)]
    wanted = ids + [-1, -2]
    found = session.rows_in("SELECT id FROM tag_runs WHERE actor = ? AND id {ids}", wanted, ("ana",))
    assert sorted(r["id"] for r in found) == [i for n, i in enumerate(ids) if n % 2]


def test_rows_in_binds_the_ids_wherever_they_stand(store: Store) -> None:
    session = _session(store)
    with store.transaction():
        ids = [_add(session, f"a{n}", {}) for n in range(1234)]
    statement = "SELECT id FROM tag_runs WHERE actor = ? AND id {ids} UNION ALL SELECT id FROM tag_runs WHERE id {ids}"
    found = session.rows_in(statement, ids[::2], ("a0",))
    assert sorted(r["id"] for r in found) == sorted([ids[0], *ids[::2]])


def test_a_naive_timestamp_is_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="naive datetime"):
        _session(store).stamp(dt.datetime(2026, 3, 1))  # noqa: DTZ001 - the point of the test


@pytest.mark.parametrize("count", [0, 3, 1234])
def test_execute_in_changes_the_rows_of_any_number_of_ids(store: Store, count: int) -> None:
    session = _session(store)
    with store.transaction():
        ids = [_add(session, "ana", {}) for _ in range(count)]
        keep = _add(session, "ana", {})
        changed = session.execute_in("UPDATE tag_runs SET actor = ? WHERE id {ids}", [*ids, -1], ("bo",))
    assert changed == count
    assert session.value("SELECT count(*) FROM tag_runs WHERE actor = ?", ("bo",)) == count
    assert session.value("SELECT actor FROM tag_runs WHERE id = ?", (keep,)) == "ana"


def test_a_transaction_commits_its_block_or_none_of_it_and_a_nested_one_joins(store: Store) -> None:
    session = _session(store)
    with session.transaction():
        _add(session, "ana", {})
        with session.transaction():
            _add(session, "bo", {})
    with pytest.raises(RuntimeError, match="undone"), session.transaction():
        _add(session, "cy", {})
        raise RuntimeError("undone")
    with pytest.raises(RuntimeError, match="all of it"), store.transaction():
        _add(session, "di", {})
        with session.transaction():
            _add(session, "ed", {})
        raise RuntimeError("all of it")
    assert [r["actor"] for r in session.rows("SELECT actor FROM tag_runs ORDER BY id")] == ["ana", "bo"]
