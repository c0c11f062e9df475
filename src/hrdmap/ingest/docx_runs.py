"""The text of a Word paragraph, with footnote and endnote references taken out of it.

A paragraph's text sits in runs (``w:r``), which may be wrapped in hyperlinks, tracked insertions, content
controls and fields. Deleted text, drawings, text boxes and the fallback half of ``mc:AlternateContent`` are
left out so nothing is read twice. A reference to a note becomes a label in ``refs``: Word's number, or the
mark typed after the reference when it has ``w:customMarkFollows``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree

from hrdmap.ingest.docx_styles import w

MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"

NoteCiter = Callable[[str, str, "str | None"], str]
"""Called for each note reference with ``(kind, note id, custom mark or None)``; returns the label shown."""

_SKIP = frozenset(
    {w("pPr"), w("rPr"), w("del"), w("moveFrom"), w("drawing"), w("pict"), w("object"), w("instrText")}
    | {w("delText"), w("footnoteRef"), w("endnoteRef"), w("sym"), MC_FALLBACK}
)
_CHARS = {w("tab"): " ", w("cr"): "\n", w("noBreakHyphen"): "-", w("softHyphen"): ""}
_NOTE_REFS = {w("footnoteReference"): "footnote", w("endnoteReference"): "endnote"}
_SPACES = re.compile(r"[ \t]+")


@dataclass(slots=True)
class RunText:
    """A paragraph's text, the labels of the notes it cites, and the language most of its text declares."""

    text: str
    refs: list[str]
    lang: str | None


@dataclass(slots=True)
class _Reader:
    cite: NoteCiter | None
    parts: list[str] = field(default_factory=list)
    refs: list[str] = field(default_factory=list)
    langs: Counter[str] = field(default_factory=Counter)
    lang: str | None = None
    pending: tuple[str, str] | None = None

    def visit(self, element: etree._Element) -> None:
        tag = element.tag
        if tag in _SKIP or not isinstance(tag, str):
            return
        if tag == w("r"):
            lang = element.find(f"{w('rPr')}/{w('lang')}")
            self.lang = None if lang is None else lang.get(w("val"))
        elif tag == w("t"):
            self._text(element.text or "")
        elif tag in _CHARS:
            self.parts.append(_CHARS[tag])
        elif tag == w("br"):
            self.parts.append(" " if element.get(w("type")) == "page" else "\n")
        elif tag in _NOTE_REFS:
            self._note(_NOTE_REFS[tag], element)
        for child in element:
            self.visit(child)

    def _text(self, text: str) -> None:
        if self.pending is not None and text.strip():
            kind, note_id = self.pending
            self.pending = None
            self._add_ref(kind, note_id, text.strip())
            return
        self.parts.append(text)
        if self.lang and text.strip():
            self.langs[self.lang] += len(text)

    def _note(self, kind: str, element: etree._Element) -> None:
        note_id = element.get(w("id")) or ""
        if element.get(w("customMarkFollows")) in ("1", "true", "on"):
            self.pending = (kind, note_id)
        else:
            self._add_ref(kind, note_id, None)

    def _add_ref(self, kind: str, note_id: str, custom: str | None) -> None:
        if self.cite is not None:
            self.refs.append(self.cite(kind, note_id, custom))


def read_runs(paragraph: etree._Element, cite: NoteCiter | None = None) -> RunText:
    """Read a paragraph (``w:p``).

    Args:
        paragraph: The paragraph element.
        cite: Called for each note reference; ``None`` drops references (inside the notes themselves).
    """
    reader = _Reader(cite)
    for child in paragraph:
        reader.visit(child)
    text = "\n".join(_SPACES.sub(" ", line).strip() for line in "".join(reader.parts).split("\n"))
    lang = reader.langs.most_common(1)[0][0] if reader.langs else None
    return RunText(text.strip(), reader.refs, lang)
