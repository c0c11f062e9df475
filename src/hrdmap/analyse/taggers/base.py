"""The tagger protocol: one small class per way of tagging paragraphs."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar, Protocol, runtime_checkable

from hrdmap.domain.tags import Tag


@dataclass(frozen=True, slots=True)
class Passage:
    """A paragraph to tag, with the context taggers may use.

    Attributes:
        key: The caller's key for the paragraph (``blocks.id`` when it comes from the store).
        text: The paragraph's text (label excluded).
        language: ISO 639-1 code, or ``None``.
        heading_path: Headings above the paragraph, outermost first.
        label: The paragraph's number label ("98.12."), or ``None``.
    """

    key: int
    text: str
    language: str | None = None
    heading_path: tuple[str, ...] = ()
    label: str | None = None


@runtime_checkable
class Tagger(Protocol):
    """Gives tags, each with evidence, to passages.

    Taggers are registered under the ``hrdmap.taggers`` entry-point group; built-in ones use the same door.

    Example::

        class KeywordTagger:
            name = "keywords"

            def tag(self, passages):
                return [[Tag("hrd-areas", "C", 0.9, self.name, (Evidence(EvidenceKind.SPAN, "reprisal", 4, 12),))]
                        if "reprisal" in p.text else [] for p in passages]
    """

    name: ClassVar[str]

    def tag(self, passages: Sequence[Passage]) -> list[list[Tag]]:
        """Tags for each passage, in the same order as ``passages``."""
        ...
