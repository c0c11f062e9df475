"""Tag paragraphs on the distributed engine: chunks of passages go out, their tags come back in order.

The taggers, loaded and taught in the coordinating process, are sent once as a task of their own (keyed by a
digest of their pickled state, so a worker that joins later, or replaces a dead one, gets them from the
scheduler). Each chunk of a document's passages is then a task keyed by the taggers' digest and a digest of the
chunk; a window of chunks is in flight at a time. The results are handed back in the order of the work, so the
tagging service stores each document's tags as it does without an engine.

A learning tagger's embedder travels by name (:class:`~hrdmap.analyse.classifier.embedders.CachingEmbedder`
pickles as the registered embedder it wraps) and is loaded on each worker once: the embedding happens there.
"""

from __future__ import annotations

import hashlib
import pickle
from collections import deque
from collections.abc import Callable, Iterator, Sequence

from hrdmap.analyse.taggers.base import Passage, Tagger
from hrdmap.engine import Executor, Pending
from hrdmap.storage.tags import NewTag

#: Chunks in flight per thread of work on the engine (at least :data:`MIN_WINDOW` in all).
WINDOW_PER_WORKER = 2
MIN_WINDOW = 4

#: Tags of one chunk of passages, by tagger: what a task returns.
ChunkTags = dict[str, list[NewTag]]
#: The task that tags a chunk: ``function(taggers, passages)``; a module-level function the workers import.
ChunkFunction = Callable[[Sequence[Tagger], Sequence[Passage]], ChunkTags]


def same(value: object) -> object:
    """The task that hands the taggers to the workers: its result is its argument."""
    return value


def tag_on_engine(
    engine: Executor,
    taggers: Sequence[Tagger],
    work: Sequence[Sequence[Passage]],
    function: ChunkFunction,
    chunk: int,
) -> Iterator[tuple[int, int, ChunkTags]]:
    """Tag every document's passages on ``engine``, a chunk at a time.

    Args:
        engine: The engine.
        taggers: The taggers, ready (taught).
        work: Each document's passages.
        function: The task that tags one chunk.
        chunk: Passages per task.

    Yields:
        ``(document index, passages in the chunk, the chunk's tags)``, in the order of ``work``.

    Raises:
        TaskFailed: Workers died running a chunk too often.
        EngineUnavailable: The engine was lost.
    """
    blob = pickle.dumps(list(taggers))
    digest = hashlib.sha256(blob).hexdigest()
    shared = engine.submit(f"hrdmap-taggers-{digest}", same, list(taggers))
    chunks = ((index, found[s : s + chunk]) for index, found in enumerate(work) for s in range(0, len(found), chunk))
    window = max(MIN_WINDOW, WINDOW_PER_WORKER * engine.workers())
    sent: deque[tuple[int, int, Pending[ChunkTags]]] = deque()
    for index, passages in chunks:
        key = "hrdmap-tag-" + hashlib.sha256(digest.encode() + pickle.dumps(list(passages))).hexdigest()
        sent.append((index, len(passages), engine.submit(key, function, shared, passages)))
        if len(sent) >= window:
            index_done, size, pending = sent.popleft()
            yield index_done, size, pending.result()
    while sent:
        index_done, size, pending = sent.popleft()
        yield index_done, size, pending.result()
