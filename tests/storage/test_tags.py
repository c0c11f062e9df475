"""The tags repository: machine tags with evidence and history, reviews beside them, the queue and the map."""

from __future__ import annotations

import datetime as dt

from hrdmap.domain.document import Block, BlockKind, Document
from hrdmap.domain.tags import Evidence, EvidenceKind, Tag
from hrdmap.storage.repository import Store
from hrdmap.storage.tags import Decision, LabelRow, NewTag

AT = dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC)
LATER = AT + dt.timedelta(hours=1)


def _blocks(store: Store, source: str = "/in/a.txt", sha: str = "a", texts: tuple[str, ...] = ()) -> list[int]:
    texts = texts or ("OHCHR trained defenders in Kenya.", "Defenders face threats.", "A third paragraph.")
    blocks = [
        Block(i, BlockKind.PARAGRAPH, t, label=f"{i + 1}.", heading_path=("I. Intro",)) for i, t in enumerate(texts)
    ]
    with store.transaction():
        stored = store.documents.add_version(Document(source, sha * 64, "text", blocks=blocks), at=AT)
    return [b.id for b in store.documents.blocks(stored.version_id)]


def _tag(label: str, score: float, tagger: str = "gazetteer", framework: str = "countries") -> Tag:
    span = Evidence(EvidenceKind.SPAN, "Kenya", 27, 32, {"rule": "name"})
    return Tag(framework, label, score, tagger, (span,))


def _store_tags(store: Store, tagger: str, block_ids: list[int], tags: list[NewTag], at: dt.datetime = AT) -> int:
    with store.transaction():
        run = store.tags.start_run({tagger: "1.0"}, actor="ana", at=at)
        store.tags.replace(tagger, block_ids, tags, run_id=run.id, at=at)
        store.tags.finish_run(run.id, at=at)
    return run.id


def test_a_tag_round_trips_with_its_evidence_threshold_and_run(store: Store) -> None:
    ids = _blocks(store)
    run_id = _store_tags(store, "gazetteer", ids, [NewTag(ids[0], _tag("KEN", 1.0), 0.5)])
    [stored] = store.tags.for_blocks(ids)[ids[0]]
    assert stored.tag == _tag("KEN", 1.0)
    assert (stored.threshold, stored.run_id, stored.created_at, stored.current) == (0.5, run_id, AT, True)
    assert store.tags.get(stored.id) == stored
    [run] = store.tags.runs()
    assert (run.actor, dict(run.taggers), run.finished_at) == ("ana", {"gazetteer": "1.0"}, AT)


def test_replacing_keeps_the_old_tags_as_history_and_other_taggers_untouched(store: Store) -> None:
    ids = _blocks(store)
    _store_tags(store, "gazetteer", ids, [NewTag(ids[0], _tag("KEN", 0.6), 0.5)])
    _store_tags(store, "keywords", ids, [NewTag(ids[0], _tag("G", 0.7, "keywords", "hrd-areas"), 0.5)])
    _store_tags(store, "gazetteer", ids, [NewTag(ids[0], _tag("KEN", 1.0), 0.5)], at=LATER)
    current = store.tags.for_blocks(ids)[ids[0]]
    assert sorted((t.tag.tagger, t.tag.score) for t in current) == [("gazetteer", 1.0), ("keywords", 0.7)]
    assert [(t.tag.score, t.current) for t in store.tags.history(ids[0]) if t.tag.tagger == "gazetteer"] == [
        (0.6, False),
        (1.0, True),
    ]


def test_a_review_is_stored_beside_the_machine_tag_which_stays_as_it_was(store: Store) -> None:
    ids = _blocks(store)
    _store_tags(store, "gazetteer", ids, [NewTag(ids[0], _tag("KEN", 0.6), 0.5)])
    [machine] = store.tags.for_blocks(ids)[ids[0]]
    with store.transaction():
        review = store.tags.add_review(
            ids[0], "countries", "KEN", Decision.REJECT, reviewer="ben", at=LATER, note="a person", tag_id=machine.id
        )
    assert store.tags.get(machine.id) == machine
    [stored] = store.tags.reviews_for_blocks(ids)[ids[0]]
    assert stored == review and (stored.reviewer, stored.at, stored.tag_id) == ("ben", LATER, machine.id)


def test_the_queue_puts_the_least_certain_unreviewed_tags_first(store: Store) -> None:
    ids = _blocks(store)
    tags = [
        NewTag(ids[0], _tag("KEN", 1.0), 0.5),
        NewTag(ids[1], _tag("UGA", 0.55), 0.5),
        NewTag(ids[2], _tag("TZA", 0.3), 0.5),
        NewTag(ids[2], _tag("RWA", 0.62), 0.6),
    ]
    _store_tags(store, "gazetteer", ids, tags)
    assert [t.tag.label for t in store.tags.queue()] == ["RWA", "UGA", "TZA", "KEN"]
    rwa = store.tags.queue()[0]
    with store.transaction():
        store.tags.add_review(ids[2], "countries", "RWA", Decision.ACCEPT, reviewer="ben", at=LATER, tag_id=rwa.id)
    assert [t.tag.label for t in store.tags.queue(limit=2)] == ["UGA", "TZA"]
    assert [t.tag.label for t in store.tags.queue(label="KEN")] == ["KEN"]
    assert store.tags.queue(framework="hrd-areas") == []


def test_the_queue_shows_a_label_given_by_two_taggers_once(store: Store) -> None:
    ids = _blocks(store)
    _store_tags(store, "keywords", ids, [NewTag(ids[0], _tag("G", 0.7, "keywords", "hrd-areas"), 0.5)])
    _store_tags(store, "classifier", ids, [NewTag(ids[0], _tag("G", 0.52, "classifier", "hrd-areas"), 0.5)])
    [only] = store.tags.queue()
    assert only.tag.tagger == "classifier"


def test_only_current_versions_count_for_the_queue_and_the_map(store: Store) -> None:
    old = _blocks(store)
    _store_tags(store, "gazetteer", old, [NewTag(old[0], _tag("KEN", 0.9), 0.5)])
    new = _blocks(store, sha="b")
    _store_tags(store, "gazetteer", new, [NewTag(new[1], _tag("UGA", 0.9), 0.5)])
    assert [t.block_id for t in store.tags.queue()] == [new[1]]
    assert [r.block_id for r in store.tags.machine_labels(["countries"])] == [new[1]]


def test_machine_labels_keep_tags_at_or_above_threshold_and_reviews_give_the_latest_decision(
    store: Store,
) -> None:
    ids = _blocks(store)
    document = store.documents.by_source("/in/a.txt")
    assert document is not None
    _store_tags(store, "gazetteer", ids, [NewTag(ids[0], _tag("KEN", 0.5), 0.5), NewTag(ids[1], _tag("UGA", 0.4), 0.5)])
    assert store.tags.machine_labels(["countries"]) == [LabelRow(ids[0], document.id, "countries", "KEN")]
    with store.transaction():
        store.tags.add_review(ids[1], "countries", "UGA", Decision.ACCEPT, reviewer="ben", at=AT)
        store.tags.add_review(ids[1], "countries", "UGA", Decision.REJECT, reviewer="cy", at=LATER)
    latest = store.tags.latest_reviews(["countries"])
    assert latest == [(LabelRow(ids[1], document.id, "countries", "UGA"), Decision.REJECT)]
    assert store.tags.latest_reviews(["hrd-areas"]) == []


def test_reviewed_examples_carry_the_paragraph_text_and_context(store: Store) -> None:
    ids = _blocks(store)
    with store.transaction():
        store.tags.add_review(ids[1], "hrd-areas", "G", Decision.ADD, reviewer="ben", at=AT)
    [example] = store.tags.examples(["hrd-areas"])
    assert example.passage.key == ids[1]
    assert (example.passage.text, example.passage.heading_path, example.passage.label) == (
        "Defenders face threats.",
        ("I. Intro",),
        "2.",
    )
    assert (example.framework, example.label, example.decision) == ("hrd-areas", "G", Decision.ADD)


def test_stored_tags_pass_the_integrity_and_foreign_key_checks(store: Store) -> None:
    ids = _blocks(store)
    _store_tags(store, "gazetteer", ids, [NewTag(ids[0], _tag("KEN", 1.0), 0.5)])
    assert store.check() == []


def test_the_queue_is_counted_in_the_store_up_to_a_limit_and_leaves_out_documents_asked(store: Store) -> None:
    first = _blocks(store)
    second = _blocks(store, source="/in/b.txt", sha="b")
    tags = [NewTag(i, _tag(label, 0.7), 0.5) for i in (*first, *second) for label in ("KEN", "UGA")]
    tags.append(NewTag(first[0], _tag("KEN", 0.6, "keywords"), 0.5))  # one label, two taggers: counted once
    _store_tags(store, "gazetteer", first + second, tags[:-1])
    _store_tags(store, "keywords", first, tags[-1:])
    assert store.tags.count_waiting(limit=100) == 12 == len(store.tags.queue(limit=100))
    assert store.tags.count_waiting(limit=5) == 5
    with store.transaction():
        store.tags.add_review(first[0], "countries", "KEN", Decision.ACCEPT, reviewer="ben", at=LATER)
    assert store.tags.count_waiting(limit=100) == 11
    [document] = {d.id for d in store.documents.current() if d.source == "/in/b.txt"}
    assert store.tags.count_waiting(limit=100, exclude_documents=[document]) == 5
    queue = store.tags.queue(limit=100, exclude_documents=[document])
    assert len(queue) == 5 and {t.block_id for t in queue} <= set(first)


def test_the_generation_rises_with_tags_reviews_and_versions_and_not_with_other_writes(store: Store) -> None:
    start = store.generation()
    ids = _blocks(store)
    after_version = store.generation()
    _store_tags(store, "gazetteer", ids, [NewTag(ids[0], _tag("KEN", 0.6), 0.5)])
    after_tags = store.generation()
    with store.transaction():
        store.tags.add_review(ids[0], "countries", "KEN", Decision.REJECT, reviewer="ben", at=LATER)
    after_review = store.generation()
    assert start < after_version < after_tags < after_review
    with store.transaction():
        store.audit.record("search", actor="ben", at=LATER, subject="search:3 results")
    assert store.generation() == after_review
