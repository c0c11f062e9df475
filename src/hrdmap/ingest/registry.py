"""Choose the extractor for a file by its content first and its name second.

Extractors are registered under the ``hrdmap.extractors`` entry-point group; the built-in ones use the same door
(see ``[project.entry-points."hrdmap.extractors"]`` in pyproject.toml), so a third-party package adds a format by
declaring an entry point of its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from importlib.metadata import entry_points
from pathlib import PurePosixPath

from hrdmap.ingest.base import Extractor
from hrdmap.ingest.errors import UnsupportedFormat

ENTRY_POINT_GROUP = "hrdmap.extractors"
GENERIC_PRIORITY = 80
"""Extractors at or above this priority (zip, plain text) accept broad content, so they never jump the queue."""


@cache
def extractors() -> tuple[Extractor, ...]:
    """All registered extractors, in the order they are tried when sniffing."""
    found: list[Extractor] = []
    for ep in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        cls = ep.load()
        found.append(cls())
    return tuple(sorted(found, key=lambda e: e.priority))


def choose(data: bytes, name: str, candidates: Iterable[Extractor] | None = None) -> Extractor:
    """Pick the extractor for a file.

    Content decides: the first extractor whose :meth:`Extractor.sniff` accepts the content wins, trying
    specific extractors whose suffix matches the name first; generic ones (zip, plain text) always come last,
    so an HTML page or an e-mail named ``.txt`` is still read as what it is. A file whose content no extractor
    recognises is unsupported, even when its name has a known suffix.

    Raises:
        UnsupportedFormat: No extractor recognises the content.
    """
    pool = tuple(candidates) if candidates is not None else extractors()
    suffix = PurePosixPath(name).suffix.lower()
    by_name = [e for e in pool if suffix in e.suffixes and e.priority < GENERIC_PRIORITY]
    others = [e for e in pool if e not in by_name]
    for extractor in (*by_name, *others):
        if extractor.sniff(data):
            return extractor
    raise UnsupportedFormat(f"unsupported format ({suffix or 'no suffix'}, content not recognised)")
