"""The quarantine: bytes being parsed, and bytes refused because they killed or exhausted a parser."""

from __future__ import annotations

import datetime as dt

from hrdmap.storage.quarantine import QuarantineState
from hrdmap.storage.sqlite.store import SqliteStore

AT = dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC)
LATER = AT + dt.timedelta(minutes=5)


def test_a_parse_that_ends_normally_leaves_nothing(store: SqliteStore) -> None:
    with store.transaction():
        store.quarantine.reading("a" * 64, "/in/a.pdf", at=AT)
    record = store.quarantine.get("a" * 64)
    assert record is not None and record.state is QuarantineState.READING and record.error_code is None
    with store.transaction():
        store.quarantine.done("a" * 64)
    assert store.quarantine.get("a" * 64) is None


def test_refused_bytes_keep_their_code_and_reason(store: SqliteStore) -> None:
    with store.transaction():
        store.quarantine.reading("b" * 64, "/in/b.docx", at=AT)
        store.quarantine.refuse("b" * 64, "/in/b.docx", "worker_killed", "the parser crashed (SIGABRT)", at=LATER)
    record = store.quarantine.get("b" * 64)
    assert record is not None
    assert (record.state, record.error_code, record.reason) == (
        QuarantineState.REFUSED,
        "worker_killed",
        "the parser crashed (SIGABRT)",
    )
    assert record.updated_at == LATER


def test_parses_left_reading_by_a_dead_process_become_interrupted(store: SqliteStore) -> None:
    with store.transaction():
        store.quarantine.reading("c" * 64, "/in/c.odt", at=AT)
        store.quarantine.refuse("d" * 64, "/in/d.pdf", "timeout", "still parsing after 300 s", at=AT)
    with store.transaction():
        found = store.quarantine.interrupted("hrdmap stopped while parsing this file", at=LATER)
    assert [(r.sha256, r.error_code) for r in found] == [("c" * 64, "interrupted")]
    untouched = store.quarantine.get("d" * 64)
    assert untouched is not None and untouched.error_code == "timeout"
    with store.transaction():
        assert store.quarantine.interrupted("again", at=LATER + dt.timedelta(seconds=1)) == []
