"""Review machine tags: the queue, the decisions, and the labels a paragraph finally carries.

A decision (accept, reject, add) is stored beside the machine tag it answers and never changes it, so what the
machine said and what a person decided can both be read later. The **effective** labels of a paragraph are,
for each (framework, label):

1. the latest review decision, when there is one (accept and add: the label is there; reject: it is not);
2. otherwise, the label is there when a current machine tag's score reaches that tagger's threshold.

The queue shows unreviewed tags of current documents, **least certain first**: the smaller the distance between
a tag's score and its threshold, the sooner a reviewer sees it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from hrdmap.domain.actor import Actor, Permission
from hrdmap.domain.document import Block, StoredDocument
from hrdmap.domain.errors import InvalidInput, NotFound
from hrdmap.domain.tags import STATEMENT_KINDS
from hrdmap.reports.labels import Labels
from hrdmap.services import corpus, disclosure
from hrdmap.services.caching import GenerationCache, store_key
from hrdmap.services.disclosure import Audience
from hrdmap.services.visibility import hidden_ids, scope_key, visible_ids
from hrdmap.services.workspace import Workspace
from hrdmap.storage.tags import Decision, LabelRow, Review, StoredTag

#: The order frameworks are shown in.
FRAMEWORK_ORDER = (
    "hrd-areas",
    STATEMENT_KINDS,
    "groups-at-risk",
    "state-duties",
    "attack-types",
    "countries",
    "regions",
    "un-entities",
    "mechanisms",
)

AUDIT_ACTIONS = {Decision.ACCEPT: "tag.accepted", Decision.REJECT: "tag.rejected", Decision.ADD: "tag.added"}

Key = tuple[int, str, str]


class UnknownTag(NotFound):
    """No tag has the id given."""


class UnknownBlock(NotFound):
    """No paragraph has the id given."""


class BadLabel(InvalidInput):
    """A framework or label that no vocabulary knows."""


@dataclass(frozen=True, slots=True)
class QueueItem:
    """A tag waiting for review, with what the reviewer needs to decide.

    Attributes:
        tag: The machine tag (its evidence included).
        document: The document the paragraph belongs to.
        block: The paragraph.
        name: The label's display name.
        confidential: Whether the document came with a confidential contribution: what is shown of it is marked
            (:mod:`hrdmap.services.disclosure`; only those cleared for confidential data see it at all).
    """

    tag: StoredTag
    document: StoredDocument
    block: Block
    name: str
    confidential: bool = False


@dataclass(frozen=True, slots=True)
class EffectiveTag:
    """A label a paragraph carries, and why.

    Attributes:
        block_id: The paragraph.
        framework: The framework.
        label: The label.
        name: The label's display name.
        machine: The current machine tags that gave it (evidence), best score first; empty for an added label.
        review: The latest decision, when a person reviewed it.
    """

    block_id: int
    framework: str
    label: str
    name: str
    machine: tuple[StoredTag, ...] = ()
    review: Review | None = None

    @property
    def score(self) -> float | None:
        """The best machine score, or ``None`` when only a person gave the label."""
        return max((t.tag.score for t in self.machine), default=None)


@dataclass(frozen=True, slots=True)
class BlockTags:
    """The effective tags of one block of a document."""

    block_id: int
    index: int
    tags: tuple[EffectiveTag, ...]


def review_queue(
    workspace: Workspace,
    actor: Actor,
    *,
    framework: str | None = None,
    label: str | None = None,
    document: str | None = None,
    limit: int = 50,
) -> list[QueueItem]:
    """Unreviewed tags of current documents, least certain first. The page is kept until the store's generation
    changes (any review, tag or document written: a decision is never followed by a stale page), per
    need-to-know scope, so reviewers reading the queue between decisions share one query.

    Raises:
        hrdmap.services.corpus.UnknownDocument: ``document`` matches nothing.
        hrdmap.domain.errors.Forbidden: The actor may not review.
    """
    actor.require(Permission.REVIEW)
    document_id = corpus.resolve(workspace, actor, document).id if document else None
    key = (*store_key(workspace), scope_key(actor), actor.can(Permission.READ_CORPUS), framework, label)
    found = _QUEUES.get(
        (*key, document_id, limit), lambda: tuple(_queue(workspace, actor, framework, label, document_id, limit))
    )
    return list(found)


_QUEUES: GenerationCache[tuple[QueueItem, ...]] = GenerationCache(64)


def _queue(
    workspace: Workspace, actor: Actor, framework: str | None, label: str | None, document_id: int | None, limit: int
) -> list[QueueItem]:
    hidden = sorted(hidden_ids(workspace, actor))  # left out in the store, so a scoped reviewer gets a full page
    waiting = workspace.store.tags.queue(
        framework=framework, label=label, document_id=document_id, limit=limit, exclude_documents=hidden
    )
    located = {b.id: b for b in workspace.store.documents.locate([t.block_id for t in waiting])}
    seen = visible_ids(workspace, actor, [b.document.id for b in located.values()])
    located = {i: b for i, b in located.items() if b.document.id in seen}
    names = workspace.labels()
    rules = disclosure.policy(workspace, actor, Audience.INTERNAL, seen)
    return [
        QueueItem(
            t,
            located[t.block_id].document,
            located[t.block_id].block,
            names.name(t.tag.framework, t.tag.label),
            rules.marked(located[t.block_id].document.id),
        )
        for t in waiting
        if t.block_id in located
    ]


#: A reviewer's decision on one machine tag: :func:`accept` or :func:`reject`.
Decide = Callable[[Workspace, Actor, int, str | None], Review]


def accept(workspace: Workspace, actor: Actor, tag_id: int, note: str | None = None) -> Review:
    """Accept a machine tag: the paragraph carries its label.

    Raises:
        UnknownTag: No such tag.
    """
    return _answer(workspace, actor, tag_id, Decision.ACCEPT, note)


def reject(workspace: Workspace, actor: Actor, tag_id: int, note: str | None = None) -> Review:
    """Reject a machine tag: the paragraph does not carry its label (the tag itself is kept).

    Raises:
        UnknownTag: No such tag.
    """
    return _answer(workspace, actor, tag_id, Decision.REJECT, note)


def change(
    workspace: Workspace, actor: Actor, tag_id: int, framework: str, label: str, note: str | None = None
) -> Review:
    """Change a machine tag: reject it and give its paragraph ``framework:label`` instead, in one transaction.

    Raises:
        UnknownTag: No such tag.
        BadLabel: The new framework or label is unknown.
    """
    actor.require(Permission.REVIEW)
    problem = workspace.labels().check(framework, label)
    if problem is not None:
        raise BadLabel(problem)
    with workspace.store.transaction():
        rejected = _answer(workspace, actor, tag_id, Decision.REJECT, note)
        return _decide(workspace, actor, rejected.block_id, framework, label, Decision.ADD, note, None)


def add_label(
    workspace: Workspace, actor: Actor, block_id: int, framework: str, label: str, note: str | None = None
) -> Review:
    """Give a paragraph a label no tagger gave it (or confirm one, whoever gave it).

    Raises:
        UnknownBlock: No such paragraph.
        BadLabel: The framework or label is unknown.
        hrdmap.domain.errors.Forbidden: The actor may not review.
    """
    actor.require(Permission.REVIEW)
    problem = workspace.labels().check(framework, label)
    if problem is not None:
        raise BadLabel(problem)
    if not workspace.store.documents.block_exists(block_id):
        raise UnknownBlock(f"no paragraph {block_id}")
    return _decide(workspace, actor, block_id, framework, label, Decision.ADD, note, None)


def block_tags(workspace: Workspace, actor: Actor, version_id: int) -> dict[int, BlockTags]:
    """Every block of a version with its id and effective tags (often none), by block index."""
    actor.require(Permission.READ_CORPUS)
    blocks = workspace.store.documents.blocks(version_id)
    ids = [b.id for b in blocks]
    machine = workspace.store.tags.for_blocks(ids)
    reviews = workspace.store.tags.reviews_for_blocks(ids)
    names = workspace.labels()
    return {
        b.block.index: BlockTags(
            b.id, b.block.index, tuple(effective_tags(machine.get(b.id, ()), reviews.get(b.id, ()), names))
        )
        for b in blocks
    }


def effective_tags(machine: Iterable[StoredTag], reviews: Iterable[Review], names: Labels) -> list[EffectiveTag]:
    """The labels that one paragraph's current machine tags and reviews (oldest first) give it, in display order,
    named by ``names``."""
    latest: dict[Key, Review] = {(r.block_id, r.framework, r.label): r for r in reviews}
    tags: dict[Key, list[StoredTag]] = {}
    for t in machine:
        tags.setdefault((t.block_id, t.tag.framework, t.tag.label), []).append(t)
    out = []
    for key in sorted(set(latest) | set(tags), key=_display_order):
        review, found = latest.get(key), sorted(tags.get(key, ()), key=lambda t: -t.tag.score)
        present = review.decision.positive if review else any(t.above_threshold for t in found)
        if present:
            out.append(EffectiveTag(key[0], key[1], key[2], names.name(key[1], key[2]), tuple(found), review))
    return out


def effective_rows(machine: Iterable[LabelRow], reviews: Iterable[tuple[LabelRow, Decision]]) -> set[LabelRow]:
    """The same rule over many paragraphs: machine labels at or above threshold, overruled by latest reviews."""
    found = set(machine)
    for row, decision in reviews:
        if decision.positive:
            found.add(row)
        else:
            found.discard(row)
    return found


def _answer(workspace: Workspace, actor: Actor, tag_id: int, decision: Decision, note: str | None) -> Review:
    actor.require(Permission.REVIEW)
    tag = workspace.store.tags.get(tag_id)
    if tag is None:
        raise UnknownTag(f"no tag {tag_id}")
    return _decide(workspace, actor, tag.block_id, tag.tag.framework, tag.tag.label, decision, note, tag_id)


def _decide(
    workspace: Workspace,
    actor: Actor,
    block_id: int,
    framework: str,
    label: str,
    decision: Decision,
    note: str | None,
    tag_id: int | None,
) -> Review:
    """Store a decision and its audit row in one transaction."""
    now = actor.now()
    store = workspace.store
    with store.transaction():
        review = store.tags.add_review(
            block_id, framework, label, decision, reviewer=actor.name, at=now, note=note, tag_id=tag_id
        )
        store.audit.record(
            AUDIT_ACTIONS[decision],
            actor=actor.name,
            at=now,
            subject=f"block:{block_id}",
            detail={"framework": framework, "label": label, "tag": tag_id, "review": review.id, "note": note},
        )
    return review


def _display_order(key: Key) -> tuple[int, str, str]:
    framework = key[1]
    rank = FRAMEWORK_ORDER.index(framework) if framework in FRAMEWORK_ORDER else len(FRAMEWORK_ORDER)
    return rank, framework, key[2]


@dataclass(frozen=True, slots=True)
class DocumentWithTags:
    """A document read as a UN document: its structure, and the effective tags of each block by index."""

    loaded: corpus.LoadedDocument
    tags: dict[int, BlockTags]


def document_with_tags(workspace: Workspace, actor: Actor, reference: str) -> DocumentWithTags:
    """A document the actor may see, with its blocks' effective tags.

    Raises:
        hrdmap.services.corpus.UnknownDocument: Nothing the actor may see matches.
    """
    loaded = corpus.load(workspace, actor, reference)
    return DocumentWithTags(loaded, block_tags(workspace, actor, loaded.stored.version_id))
