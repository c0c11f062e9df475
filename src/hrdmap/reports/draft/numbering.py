"""The report's two counters: paragraphs numbered continuously, footnotes numbered in order of call."""

from __future__ import annotations

from collections.abc import Sequence

from hrdmap.domain.report import Inline, Note, NoteRef, Paragraph, Source, Span, SubParagraph


class Numbering:
    """Hands out paragraph and footnote numbers as the builder writes the report from top to bottom."""

    def __init__(self) -> None:
        self._paragraphs = 0
        self.notes: list[Note] = []

    def note(self, text: str, original: Span | None = None) -> NoteRef:
        """A new footnote with ``text`` (and a quoted ``original``); the call to place after what it documents."""
        self.notes.append(Note(len(self.notes) + 1, text, original))
        return NoteRef(len(self.notes))

    def paragraph(
        self,
        content: Sequence[Inline],
        sources: Sequence[Source] = (),
        items: Sequence[SubParagraph] = (),
    ) -> Paragraph:
        """The next numbered paragraph."""
        self._paragraphs += 1
        return Paragraph(self._paragraphs, tuple(content), tuple(sources), tuple(items))
