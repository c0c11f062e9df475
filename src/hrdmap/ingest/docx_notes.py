"""Word footnotes and endnotes: their text, and the labels Word shows for them.

Notes live apart from the body (``word/footnotes.xml``, ``word/endnotes.xml``); the body holds only the
references.
Word numbers notes in the order the references appear, from ``w:numStart`` (1 unless set), in the note kind's
number format: decimal for footnotes and lower-case Roman for endnotes unless the settings or the document's
section properties say otherwise. A reference with ``w:customMarkFollows`` shows the typed mark
instead and does not take a number. Separator and continuation notes are Word's own and are skipped.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from hrdmap.domain.raw import RawFootnote
from hrdmap.ingest.docx_runs import read_runs
from hrdmap.ingest.docx_styles import w, wval
from hrdmap.ingest.listlabels import NumberStyle, format_number

_DEFAULT_STYLE = {"footnote": NumberStyle.DECIMAL, "endnote": NumberStyle.LOWER_ROMAN}
_STYLES = {style.value: style for style in NumberStyle}


@dataclass(slots=True)
class _Counter:
    style: NumberStyle
    next: int


def note_texts(part: etree._Element | None, kind: str) -> dict[str, str]:
    """Map note ids to their text for one notes part (``w:footnotes`` or ``w:endnotes``)."""
    texts: dict[str, str] = {}
    if part is None:
        return texts
    for note in part.iterfind(w(kind)):
        if note.get(w("type")) not in (None, "normal"):
            continue
        paragraphs = (read_runs(p).text for p in note.iter(w("p")))
        texts[note.get(w("id")) or ""] = "\n".join(text for text in paragraphs if text)
    return texts


class Notes:
    """Hands out note labels while the body is read in order, and collects the notes cited."""

    def __init__(
        self,
        texts: dict[str, dict[str, str]],
        settings: etree._Element | None,
        section: etree._Element | None,
    ) -> None:
        """Set up numbering.

        Args:
            texts: Note texts by kind ("footnote", "endnote") and id (see :func:`note_texts`).
            settings: ``w:settings``, for the document-wide note number format and start.
            section: The body's last ``w:sectPr``, whose note properties win over the settings.
        """
        self._texts = texts
        self._counters = {kind: _counter(kind, settings, section) for kind in _DEFAULT_STYLE}
        self.found: list[RawFootnote] = []

    def cite(self, kind: str, note_id: str, custom: str | None) -> str:
        """Return the label shown for a reference, recording the note it points to."""
        if custom is not None:
            label = custom
        else:
            counter = self._counters[kind]
            label = format_number(counter.next, counter.style)
            counter.next += 1
        text = self._texts.get(kind, {}).get(note_id)
        if text is not None:
            self.found.append(RawFootnote(label, text))
        return label


def _counter(kind: str, settings: etree._Element | None, section: etree._Element | None) -> _Counter:
    style, start = _DEFAULT_STYLE[kind], 1
    for holder in (settings, section):
        props = None if holder is None else holder.find(w(f"{kind}Pr"))
        fmt, numstart = wval(props, "numFmt"), wval(props, "numStart")
        if fmt is not None:
            style = _STYLES.get(fmt, NumberStyle.DECIMAL)
        if numstart is not None and numstart.isdigit():
            start = int(numstart)
    return _Counter(style, start)
