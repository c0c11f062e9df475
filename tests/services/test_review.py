from __future__ import annotations

import datetime as dt

import pytest

from hrdmap.domain.document import Block, BlockKind, Document
from hrdmap.domain.tags import Evidence, EvidenceKind, Tag
from hrdmap.services import review
from hrdmap.services.tagging import tag_documents
from hrdmap.services.workspace import Workspace, open_workspace
from hrdmap.storage.tags import Decision, NewTag
from tests.actors import TESTER

TEXTS = (
    "OHCHR organized a consultation with defenders in Kenya.",
    "Defenders in Uganda continue to face threats and judicial harassment.",
    "The Government should adopt a law on the protection of defenders.",
)


def _document(ws: Workspace) -> list[int]:
    blocks = [Block(0, BlockKind.HEADING, "Practices", label="I.", number="I", level=1)]
    blocks += [
        Block(i + 1, BlockKind.PARAGRAPH, t, label=f"{i + 1}.", heading_path=("I. Practices",))
        for i, t in enumerate(TEXTS)
    ]
    document = Document("/in/input.txt", "c" * 64, "text", blocks=blocks, symbol="A/HRC/EX/9")
    with ws.store.transaction():
        stored = ws.store.documents.add_version(document, at=dt.datetime.now(dt.UTC))
    return [b.id for b in ws.store.documents.blocks(stored.version_id)][1:]


def _tags(ws: Workspace, block_id: int, *scored: tuple[str, float]) -> list[int]:
    evidence = (Evidence(EvidenceKind.RULE, "cue", detail={"rule": "cue"}),)
    new = [NewTag(block_id, Tag("hrd-areas", label, score, "test", evidence), 0.5) for label, score in scored]
    with ws.store.transaction():
        run = ws.store.tags.start_run({"test": "1"}, actor="tester", at=dt.datetime.now(dt.UTC))
        ws.store.tags.replace("test", [block_id], new, run_id=run.id, at=dt.datetime.now(dt.UTC))
    return [t.id for t in sorted(ws.store.tags.for_blocks([block_id])[block_id], key=lambda t: t.tag.label)]


def test_a_decision_is_stored_with_who_and_when_and_the_machine_tag_stays(workspace: Workspace) -> None:
    block = _document(workspace)[0]
    [tag_id] = _tags(workspace, block, ("A", 0.55))
    before = workspace.store.tags.get(tag_id)
    decided = review.reject(workspace, TESTER, tag_id, note="a training, not a dialogue")
    assert (decided.reviewer, decided.decision, decided.tag_id) == ("tester", Decision.REJECT, tag_id)
    assert abs((dt.datetime.now(dt.UTC) - decided.at).total_seconds()) < 60
    assert workspace.store.tags.get(tag_id) == before
    entry = workspace.store.audit.entries(limit=1)[0]
    assert (entry.action, entry.actor, entry.subject) == ("tag.rejected", "tester", f"block:{block}")
    assert entry.detail["note"] == "a training, not a dialogue"


def test_the_latest_decision_decides_the_effective_label(workspace: Workspace) -> None:
    block = _document(workspace)[0]
    accepted, low, rejected = _tags(workspace, block, ("A", 0.9), ("B", 0.3), ("C", 0.8))
    review.reject(workspace, TESTER, rejected)
    review.accept(workspace, TESTER, low)
    review.add_label(workspace, TESTER, block, "countries", "KEN")
    found = review.block_tags(workspace, TESTER, workspace.store.documents.current()[0].version_id)
    [tags] = [b.tags for b in found.values() if b.block_id == block]
    assert [(t.framework, t.label) for t in tags] == [("hrd-areas", "A"), ("hrd-areas", "B"), ("countries", "KEN")]
    assert [t.review is not None for t in tags] == [False, True, True]
    assert tags[2].name == "Kenya" and tags[2].machine == () and tags[0].name.startswith("A. Dialogue")
    review.accept(workspace, TESTER, rejected)
    again = review.block_tags(workspace, TESTER, workspace.store.documents.current()[0].version_id)
    assert "C" in {t.label for b in again.values() for t in b.tags}
    assert accepted in {m.id for b in again.values() for t in b.tags for m in t.machine}


def test_the_queue_lists_unreviewed_tags_least_certain_first_with_their_paragraph(workspace: Workspace) -> None:
    blocks = _document(workspace)
    _tags(workspace, blocks[0], ("A", 0.95))
    _tags(workspace, blocks[1], ("B", 0.52), ("C", 0.7))
    queue = review.review_queue(workspace, TESTER)
    assert [(q.tag.tag.label, round(q.tag.margin, 2)) for q in queue] == [("B", 0.02), ("C", 0.2), ("A", 0.45)]
    assert queue[0].block.text == TEXTS[1] and queue[0].document.symbol == "A/HRC/EX/9"
    review.accept(workspace, TESTER, queue[0].tag.id)
    assert [q.tag.tag.label for q in review.review_queue(workspace, TESTER)] == ["C", "A"]
    assert [q.tag.tag.label for q in review.review_queue(workspace, TESTER, label="A", document="A/HRC/EX/9")] == ["A"]


def test_unknown_tags_paragraphs_and_labels_are_refused(workspace: Workspace) -> None:
    block = _document(workspace)[0]
    with pytest.raises(review.UnknownTag, match="no tag 999"):
        review.accept(workspace, TESTER, 999)
    with pytest.raises(review.UnknownBlock, match="no paragraph 999"):
        review.add_label(workspace, TESTER, 999, "hrd-areas", "G")
    with pytest.raises(review.BadLabel, match="framework 'hrd-areas' has no label 'Z'"):
        review.add_label(workspace, TESTER, block, "hrd-areas", "Z")
    with pytest.raises(review.BadLabel, match="unknown framework 'areas'"):
        review.add_label(workspace, TESTER, block, "areas", "G")


def test_rule_tags_of_a_stored_document_reach_the_queue_and_show(workspace: Workspace) -> None:
    blocks = _document(workspace)
    tag_documents(workspace, TESTER, taggers=["gazetteer", "statement-kind"])
    labels = {(q.tag.tag.framework, q.tag.tag.label) for q in review.review_queue(workspace, TESTER, limit=100)}
    assert {("countries", "KEN"), ("countries", "UGA"), ("statement-kinds", "recommendation")} <= labels
    shown = review.block_tags(workspace, TESTER, workspace.store.documents.current()[0].version_id)
    kenya = next(b for b in shown.values() if b.block_id == blocks[0])
    assert ("countries", "KEN") in {(t.framework, t.label) for t in kenya.tags}


def test_the_queue_is_read_once_between_decisions_and_a_decision_elsewhere_renews_it(workspace: Workspace) -> None:
    blocks = _document(workspace)
    _tags(workspace, blocks[1], ("B", 0.52), ("C", 0.7))
    first = review.review_queue(workspace, TESTER)
    assert review.review_queue(workspace, TESTER)[0] is first[0]  # nothing written: the page is shared
    with open_workspace(workspace.settings) as other:  # another connection, as another server process would
        review.accept(other, TESTER, first[0].tag.id)
    assert [q.tag.tag.label for q in review.review_queue(workspace, TESTER)] == ["C"]
