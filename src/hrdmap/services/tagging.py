"""Tag the stored corpus: the use-case behind ``hrdmap tag``.

The registered taggers (:mod:`hrdmap.analyse.taggers.registry`) read the paragraphs and list items of each document's
current version (headings give context through ``heading_path``). Each document's tags are stored in **one
transaction** with its audit row; re-tagging replaces the *current* tags of that tagger on those paragraphs and
keeps the earlier ones as history. Every run is recorded with who started it and the taggers' versions.

Taggers that learn (the framework classifier) are first taught with the reviewers' decisions: accepted and
added labels are positive examples, rejected ones negative (:mod:`hrdmap.services.training`). Their state is
kept under ``$HRDMAP_HOME/models/`` so that later runs start from it.

With an engine (``executor``, ``HRDMAP_EXECUTOR``) the taggers run on its workers, a chunk of passages per task
(:mod:`hrdmap.services.engine_tag`); the tags come back here and are stored as without one.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from hrdmap import __version__
from hrdmap.analyse.taggers.base import Passage, Tagger
from hrdmap.analyse.taggers.registry import build, tagger_names
from hrdmap.domain.actor import Actor, Permission
from hrdmap.domain.document import BlockKind, StoredDocument
from hrdmap.domain.errors import HrdmapError
from hrdmap.engine import LOCAL, check_executor, open_executor
from hrdmap.services import corpus
from hrdmap.services.engine_tag import ChunkTags, tag_on_engine
from hrdmap.services.training import Trained, is_trainable, train
from hrdmap.services.workspace import Workspace
from hrdmap.storage.documents import StoredBlock
from hrdmap.storage.tags import NewTag, TagRepository

#: Blocks that are tagged; headings and titles only give context.
TAGGED_KINDS = frozenset({BlockKind.PARAGRAPH, BlockKind.LIST_ITEM})
#: Threshold of taggers that do not say theirs.
DEFAULT_THRESHOLD = 0.5

#: Paragraphs handed to the taggers at a time, so progress moves inside long documents too.
CHUNK = 256

#: Called as paragraphs are tagged with (paragraphs done, paragraphs in all), after every chunk of a document.
ProgressCallback = Callable[[int, int], None]


class TaggingError(HrdmapError):
    """Tagging cannot start (an unknown or unusable tagger); ``str()`` is the message shown to users."""


@dataclass(frozen=True, slots=True)
class DocumentTagged:
    """What one document got.

    Attributes:
        document: The document (its current version).
        paragraphs: Paragraphs and list items tagged.
        tags: Tags stored, by tagger.
    """

    document: StoredDocument
    paragraphs: int
    tags: dict[str, int]


@dataclass(frozen=True, slots=True)
class TaggingReport:
    """What :func:`tag_documents` did.

    Attributes:
        run_id: The run's id.
        taggers: The taggers that ran, with their versions.
        skipped: Taggers left out, with the reason (a model that is not installed …).
        documents: One entry per document tagged.
        trained: What each learning tagger was taught.
        seconds: How long the taggers and the storing of their tags took (learning and loading excluded).
    """

    run_id: int
    taggers: dict[str, str]
    skipped: dict[str, str] = field(default_factory=dict)
    documents: tuple[DocumentTagged, ...] = ()
    trained: dict[str, Trained] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def paragraphs(self) -> int:
        """Paragraphs and list items tagged over all documents."""
        return sum(d.paragraphs for d in self.documents)

    @property
    def rate(self) -> float:
        """Paragraphs tagged per second (0 when nothing was timed)."""
        return self.paragraphs / self.seconds if self.seconds > 0 else 0.0

    @property
    def total(self) -> int:
        """Tags stored over all documents."""
        return sum(sum(d.tags.values()) for d in self.documents)


def tag_documents(
    workspace: Workspace,
    actor: Actor,
    documents: Sequence[str] = (),
    taggers: Sequence[str | Tagger] = (),
    *,
    progress: ProgressCallback | None = None,
    executor: str | None = None,
) -> TaggingReport:
    """Tag the current versions of ``documents`` (all when empty) with ``taggers`` (all registered when empty).

    Args:
        workspace: The corpus.
        actor: Who tags (named in the audit trail).
        documents: References (id, symbol or path).
        taggers: Registered tagger names, or tagger instances (used as given); a tagger asked for by name must
            load, one picked by default is skipped (and reported) when it cannot.
        progress: Called with (paragraphs done, paragraphs in all) after every chunk of paragraphs.
        executor: ``local`` (tag here) or a distributed engine's address (``tcp://scheduler:8786``); the
            settings' ``executor`` when omitted.

    Raises:
        TaggingError: A tagger named is unknown or cannot be loaded.
        hrdmap.services.corpus.UnknownDocument: A reference matches nothing.
        hrdmap.services.corpus.AmbiguousDocument: A reference matches several documents.
        hrdmap.domain.errors.Forbidden: The actor may not tag.
        hrdmap.engine.EngineUnavailable: The engine cannot be reached, or was lost (documents tagged so far keep
            their tags; the run stays unfinished).
        hrdmap.engine.TaskFailed: Workers died tagging a chunk too often.
    """
    actor.require(Permission.TAG)
    targets = (
        [corpus.resolve(workspace, actor, d) for d in documents]
        if documents
        else corpus.list_documents(workspace, actor)
    )
    loaded, skipped = _load(workspace, taggers)
    store = workspace.store
    loaded, trained = _train(loaded, store.tags, workspace)
    versions = {t.name: _version(t, trained.get(t.name)) for t in loaded}
    with store.transaction():
        run = store.tags.start_run(versions, actor=actor.name, at=actor.now())
    work = [(document, passages(store.documents.blocks(document.version_id))) for document in targets]
    counter = _Counter(sum(len(found) for _, found in work), progress)
    started = time.perf_counter()
    address = workspace.settings.executor if executor is None else executor
    if check_executor(address) == LOCAL:
        done = [_tag_one(workspace, actor, document, found, loaded, run.id, counter) for document, found in work]
    else:
        with open_executor(address) as engine:
            results = _gather(tag_on_engine(engine, loaded, [f for _, f in work], chunk_tags, CHUNK), loaded, counter)
            done = [_store(workspace, actor, document, found, next(results), run.id) for document, found in work]
    seconds = time.perf_counter() - started
    with store.transaction():
        store.tags.finish_run(run.id, at=actor.now())
    return TaggingReport(run.id, versions, skipped, tuple(done), trained, seconds)


@dataclass
class _Counter:
    """Paragraphs done so far, reported to the caller's progress callback."""

    total: int
    callback: ProgressCallback | None
    done: int = 0

    def add(self, count: int) -> None:
        self.done += count
        if self.callback is not None:
            self.callback(self.done, self.total)


def passages(blocks: Sequence[StoredBlock]) -> list[Passage]:
    """The passages to tag: paragraphs and list items, keyed by block id, with their headings as context."""
    return [
        Passage(b.id, b.block.text, b.block.language, b.block.heading_path, b.block.label)
        for b in blocks
        if b.block.kind in TAGGED_KINDS and b.block.text.strip()
    ]


def threshold_of(found: Tagger, framework: str, label: str) -> float:
    """The score at which ``found`` counts a label as present.

    A tagger may say so with a ``threshold(framework, label)`` method, a ``threshold`` number, or (the framework
    classifier) ``label_states(framework)`` whose entries have a ``threshold``; otherwise
    :data:`DEFAULT_THRESHOLD` applies.
    """
    declared = getattr(found, "threshold", None)
    if callable(declared):
        return float(declared(framework, label))
    if isinstance(declared, int | float):
        return float(declared)
    states = getattr(found, "label_states", None)
    if callable(states):
        state = states(framework).get(label)
        return float(getattr(state, "threshold", DEFAULT_THRESHOLD))
    return DEFAULT_THRESHOLD


def _tag_one(
    workspace: Workspace,
    actor: Actor,
    document: StoredDocument,
    found: Sequence[Passage],
    loaded: Sequence[Tagger],
    run_id: int,
    counter: _Counter,
) -> DocumentTagged:
    """Run every tagger over one document, a chunk at a time, then store all its tags and the audit row in one
    transaction."""
    results: dict[str, list[NewTag]] = {t.name: [] for t in loaded}
    for start in range(0, len(found), CHUNK):
        chunk = found[start : start + CHUNK]
        for each in loaded:
            results[each.name].extend(_new_tags(each, chunk))
        counter.add(len(chunk))
    if not found:
        counter.add(0)
    return _store(workspace, actor, document, found, results, run_id)


def chunk_tags(taggers: Sequence[Tagger], passages: Sequence[Passage]) -> ChunkTags:
    """Every tagger's tags of one chunk of passages: the task a worker of the engine runs."""
    return {each.name: _new_tags(each, passages) for each in taggers}


def _gather(
    chunks: Iterator[tuple[int, int, ChunkTags]], loaded: Sequence[Tagger], counter: _Counter
) -> Iterator[ChunkTags]:
    """Each document's tags, in order, put together from its chunks' (a document without passages has none)."""
    current: ChunkTags = {t.name: [] for t in loaded}
    at = 0
    for index, size, tags in chunks:
        while at < index:
            yield current
            current, at = {t.name: [] for t in loaded}, at + 1
        for name, new in tags.items():
            current[name].extend(new)
        counter.add(size)
    while True:
        yield current
        current = {t.name: [] for t in loaded}


def _store(
    workspace: Workspace,
    actor: Actor,
    document: StoredDocument,
    found: Sequence[Passage],
    results: ChunkTags,
    run_id: int,
) -> DocumentTagged:
    """Store one document's tags, replacing each tagger's current ones, and its audit row, in one transaction."""
    store = workspace.store
    keys = [p.key for p in found]
    now = actor.now()
    with store.transaction():
        for name, new in results.items():
            store.tags.replace(name, keys, new, run_id=run_id, at=now)
        counts = {name: len(new) for name, new in results.items()}
        store.audit.record(
            "document.tagged",
            actor=actor.name,
            at=now,
            subject=f"document:{document.id}",
            detail={"version": document.version, "run": run_id, "paragraphs": len(found), "tags": counts},
        )
    return DocumentTagged(document, len(found), counts)


def _new_tags(found: Tagger, items: Sequence[Passage]) -> list[NewTag]:
    results = found.tag(items) if items else []
    return [
        NewTag(passage.key, tag, threshold_of(found, tag.framework, tag.label))
        for passage, tags in zip(items, results, strict=True)
        for tag in tags
    ]


def _load(workspace: Workspace, wanted: Sequence[str | Tagger]) -> tuple[list[Tagger], dict[str, str]]:
    """The taggers asked for (all registered when none), and those skipped because they cannot load.

    A learning tagger is built anew, so what it learned in one data folder never leaks into another.
    """
    loaded: list[Tagger] = []
    skipped: dict[str, str] = {}
    for name in wanted or tagger_names():
        if not isinstance(name, str):
            loaded.append(name)
            continue
        try:
            found = workspace.tagger(name)
            if is_trainable(found):
                found = build(name, workspace.settings.frameworks_dirs, workspace.settings.embedder)
            loaded.append(found)
        except KeyError as error:
            raise TaggingError(str(error.args[0])) from None
        except (ImportError, RuntimeError, TypeError) as error:
            if wanted:
                raise TaggingError(f"tagger {name!r} cannot be used: {error}") from None
            skipped[name] = f"{type(error).__name__}: {error}"
    return loaded, skipped


def _train(
    loaded: Sequence[Tagger], repo: TagRepository, workspace: Workspace
) -> tuple[list[Tagger], dict[str, Trained]]:
    """Teach the learning taggers the reviewed examples; the others are returned as they are."""
    ready: list[Tagger] = []
    trained: dict[str, Trained] = {}
    for found in loaded:
        if not is_trainable(found):
            ready.append(found)
            continue
        try:
            taught, trained[found.name] = train(found, repo, workspace.settings.home)
        except (ValueError, KeyError) as error:
            raise TaggingError(f"tagger {found.name!r} cannot learn the reviews: {error}") from None
        ready.append(taught)
    return ready, trained


def _version(found: Tagger, trained: Trained | None) -> str:
    version = str(getattr(found, "version", "") or __version__)
    return f"{version}+{trained.examples}ex" if trained is not None and trained.examples else version
