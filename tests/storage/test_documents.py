from __future__ import annotations

import datetime as dt

import pytest

from hrdmap.domain.document import Block, BlockKind, Document, Footnote
from hrdmap.storage.repository import Store

AT = dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC)


def make_document(source: str = "/in/report.pdf", sha256: str = "a" * 64, **changes: object) -> Document:
    blocks = [
        Block(0, BlockKind.TITLE, "Situation of human rights defenders"),
        Block(1, BlockKind.HEADING, "Introduction", label="I.", number="I", level=1),
        Block(
            2,
            BlockKind.PARAGRAPH,
            "The present report is submitted pursuant to resolution 72/247.",
            label="1.",
            number="1",
            heading_path=("I. Introduction",),
            page=1,
            language="en",
            footnote_refs=("1",),
        ),
        Block(
            3,
            BlockKind.LIST_ITEM,
            "Recognise the work of defenders;",
            label="(a)",
            number="a",
            level=1,
            heading_path=("I. Introduction",),
            page=2,
            language="en",
        ),
        Block(4, BlockKind.TABLE, "State | Position", rows=(("State", "Position"), ("Kenya", "supported"))),
    ]
    values: dict[str, object] = {
        "source": source,
        "sha256": sha256,
        "format": "pdf",
        "blocks": blocks,
        "footnotes": [Footnote("1", "Input by Child Rights Connect.", block_index=2, page=1)],
        "title": "Situation of human rights defenders",
        "symbol": "A/73/230",
        "date": dt.date(2018, 7, 26),
        "languages": ("en", "fr"),
        "pages": 20,
        "size": 1234,
        "meta": {"producer": "Word"},
    }
    values.update(changes)
    return Document(**values)  # type: ignore[arg-type]


def test_a_document_comes_back_as_it_was_stored(store: Store) -> None:
    document = make_document()
    with store.transaction():
        stored = store.documents.add_version(document, at=AT)
    assert store.documents.load(stored.version_id) == document
    assert (stored.version, stored.symbol, stored.paragraphs, stored.ingested_at) == (1, "A/73/230", 2, AT)


def test_a_new_version_becomes_current_and_the_old_one_is_kept(store: Store) -> None:
    with store.transaction():
        first = store.documents.add_version(make_document(), at=AT)
        second = store.documents.add_version(make_document(sha256="b" * 64, title="Revised"), at=AT)
    assert second.id == first.id and second.version == 2
    assert store.documents.get(first.id) == second
    assert [v.version for v in store.documents.versions(first.id)] == [1, 2]
    assert store.documents.load(first.version_id).title == "Situation of human rights defenders"
    assert [d.version_id for d in store.documents.current()] == [second.version_id]
    with store.transaction():
        other = store.documents.add_version(make_document(source="/in/other.pdf", sha256="c" * 64), at=AT)
    assert store.documents.count_current() == 2
    assert store.documents.count_current(exclude=[other.id]) == 1 == store.documents.count_current([other.id] * 2)


def test_look_ups_by_source_bytes_and_symbol(store: Store) -> None:
    with store.transaction():
        english = store.documents.add_version(make_document(), at=AT)
        french = store.documents.add_version(make_document("/in/rapport.pdf", "c" * 64), at=AT)
    assert store.documents.by_source("/in/report.pdf") == english
    assert store.documents.by_sha256("c" * 64) == french
    assert store.documents.by_sha256("d" * 64) is None
    assert store.documents.by_symbol("a/73/230") == [english, french]


def test_located_blocks_follow_the_order_asked_and_skip_unknown_ids(store: Store) -> None:
    with store.transaction():
        stored = store.documents.add_version(make_document(), at=AT)
    ids = [b.id for b in store.documents.blocks(stored.version_id)]
    located = store.documents.locate([ids[3], 999_999, ids[2]])
    assert [(b.block.label, b.document.id) for b in located] == [("(a)", stored.id), ("1.", stored.id)]


def test_index_bookkeeping_names_unindexed_and_replaced_versions(store: Store) -> None:
    with store.transaction():
        first = store.documents.add_version(make_document(), at=AT)
    assert store.documents.unindexed() == [first.version_id]
    store.documents.mark_indexed([first.version_id], True)
    with store.transaction():
        second = store.documents.add_version(make_document(sha256="b" * 64), at=AT)
    assert store.documents.unindexed() == [second.version_id]
    assert store.documents.stale_indexed() == [first.version_id]


def test_a_failed_transaction_stores_no_part_of_a_document(store: Store) -> None:
    with pytest.raises(RuntimeError), store.transaction():
        store.documents.add_version(make_document(), at=AT)
        raise RuntimeError("crash after the blocks were written")
    assert store.documents.current() == []
    assert store.check() == []


def test_naive_timestamps_are_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="naive datetime"), store.transaction():
        store.documents.add_version(make_document(), at=dt.datetime(2026, 3, 1))  # noqa: DTZ001


def test_loading_an_unknown_version_names_it(store: Store) -> None:
    with pytest.raises(KeyError, match="no version 42"):
        store.documents.load(42)


def test_members_are_the_documents_read_from_inside_a_file(store: Store) -> None:
    with store.transaction():
        mail = store.documents.add_version(make_document("/in/mail.eml", "1" * 64), at=AT)
        first = store.documents.add_version(make_document("/in/mail.eml!b.pdf", "2" * 64), at=AT)
        second = store.documents.add_version(make_document("/in/mail.eml!a.docx", "3" * 64), at=AT)
        store.documents.add_version(make_document("/in/mail.eml.bak", "4" * 64), at=AT)
    assert store.documents.members(mail.source) == [second, first]
    assert store.documents.members("/in/other.txt") == []


def test_a_block_exists_in_any_version_of_its_document(store: Store) -> None:
    with store.transaction():
        old = store.documents.add_version(make_document(), at=AT)
        store.documents.add_version(make_document(sha256="b" * 64), at=AT)
    block_id = store.documents.blocks(old.version_id)[0].id
    assert store.documents.block_exists(block_id)
    assert not store.documents.block_exists(999_999)
