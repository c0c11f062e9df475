"""Read a resolution or decision out of a structured :class:`~hrdmap.domain.document.Document`.

The parser is a pure function of the document's blocks. It does not trust structure recovery to have split
every paragraph: each block's text (label included) is split again where a preambular phrase follows a comma,
where a numbered paragraph follows a full stop or semicolon, and where a sub-paragraph "(b)" follows a colon
or semicolon, so a PDF whose paragraphs were joined still reads right. Then:

- the head (everything before "The General Assembly," / "The Human Rights Council,") gives the symbol, the
  number and title ("80/251. Mandate creation …"), the adoption date and the session;
- unnumbered paragraphs after the opening words and before the first numbered one are the preamble;
- numbered paragraphs are operative; "(a)" … are their sub-paragraphs, and "(i)" … nest under a lettered one
  unless "(i)" simply follows "(h)";
- short unpunctuated lines between operative paragraphs ("Mandate creation") are headings and are skipped;
- the text ends at the meeting line ("76th plenary meeting") or an annex.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from hrdmap.analyse.resolutions.sessions import ordinal_value
from hrdmap.analyse.resolutions.wording import PREAMBLE_PHRASE, operative_verb, preamble_phrase
from hrdmap.domain.document import Block, BlockKind, Document
from hrdmap.domain.errors import InvalidInput
from hrdmap.domain.mandates import (
    Body,
    OperativeParagraph,
    PreambularParagraph,
    Resolution,
    SubParagraph,
)


class ResolutionError(InvalidInput):
    """A document cannot be read as a resolution; the message names the document and the reason."""


_OPENING_NAMES = (
    r"The\s+General\s+Assembly|The\s+Human\s+Rights\s+Council|The\s+Economic\s+and\s+Social\s+Council"
    r"|The\s+Security\s+Council|L['’]Assembl[ée]e\s+g[ée]n[ée]rale|Le\s+Conseil\s+des\s+droits\s+de\s+l['’]homme"
    r"|La\s+Asamblea\s+General|El\s+Consejo\s+de\s+Derechos\s+Humanos"
)
_OPENING = re.compile(rf"^(?:{_OPENING_NAMES})\s*,\s*")
_OPENING_BODIES = (
    ("assembl", Body.GA),
    ("human rights", Body.HRC),
    ("droits de l", Body.HRC),
    ("derechos humanos", Body.HRC),
    ("economic", Body.ECOSOC),
    ("security", Body.SC),
)
_END = re.compile(
    r"^(?:\d+(?:st|nd|rd|th|e|a)\s+(?:plenary\s+)?(?:meeting|séance|sesión)|\[?Adopted\b|Annex(?:e|o)?\b"
    r"|\d+\s*(?:ª|a)\s+sesión)",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"^(?P<n>\d{1,3})\.\s+")
_SUB = re.compile(r"^\((?P<l>[a-z]{1,2}|[ivxl]{1,6})\)\s+")
_TITLE = re.compile(r"^(?P<number>\d{1,4}/(?:[A-Z]{1,4}/)?\d{1,4})\.\s+(?P<title>.+)", re.DOTALL)
_SYMBOL = re.compile(
    r"\b(?:A/(?:HRC/)?(?:RES|DEC)/(?:\d+|[A-Z]{1,4})/\d+|E/(?:RES|DEC)/\d{4}/\d+|S/RES/\d+\s*\(\d{4}\))"
)
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_ADOPTED = re.compile(
    rf"adopted\s+by\s+the\s+[A-Z][A-Za-z ]+?\s+on\s+(?P<date>\d{{1,2}}\s+(?:{_MONTHS})\s+\d{{4}})"
)
_SESSION_LINE = re.compile(r"\b(?P<ord>[A-Z][a-z]+(?:-[a-z]+)?)\s+session\b")

_SPLIT_OPENING = re.compile(rf"\s+(?=(?:{_OPENING_NAMES})\s*,)")
_SPLIT_SUB = re.compile(
    r"(?:(?<=[:;])|(?<=;\sand)|(?<=;\set)|(?<=;\sy))\s+(?=\((?:[a-z]{1,2}|[ivxl]{1,6})\)\s+\S)"
)
_SPLIT_NUMBER = re.compile(
    r"(?<=[.;:,])\s+(?=\d{1,3}\.\s+[A-Z]|\d{1,3}(?:st|nd|rd|th)\s+(?:plenary\s+)?meeting\b)"
)
_SPLIT_PREAMBLE = re.compile(rf"(?<=,)\s+(?={PREAMBLE_PHRASE.pattern[1:]})")
_ROMANS = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv")


@dataclass(slots=True)
class _Segment:
    """A piece of a block's text: one paragraph, sub-paragraph, heading or line of the head."""

    block_index: int
    text: str
    heading: bool = False


@dataclass(slots=True)
class _Sub:
    label: str
    text: str
    children: list[_Sub] = field(default_factory=list)

    def freeze(self) -> SubParagraph:
        return SubParagraph(self.label, _clean(self.text), tuple(c.freeze() for c in self.children))


@dataclass(slots=True)
class _Paragraph:
    number: int
    text: str
    block_index: int
    subs: list[_Sub] = field(default_factory=list)

    def freeze(self) -> OperativeParagraph:
        text = _clean(self.text)
        verb = operative_verb(text)
        return OperativeParagraph(
            number=self.number,
            verb=verb.text if verb else "",
            verb_key=verb.key if verb else "",
            text=text,
            subparagraphs=tuple(s.freeze() for s in self.subs),
            block_index=self.block_index,
        )


def _clean(text: str) -> str:
    """Join lines and hyphen-free whitespace into single spaces."""
    return " ".join(text.split())


def _split(text: str) -> list[str]:
    """Split a block's text where another paragraph or sub-paragraph evidently starts."""
    pieces = [text]
    for pattern in (_SPLIT_OPENING, _SPLIT_NUMBER, _SPLIT_SUB, _SPLIT_PREAMBLE):
        pieces = [part for piece in pieces for part in pattern.split(piece) if part.strip()]
    return pieces


def _segments(document: Document) -> Iterator[_Segment]:
    """The document's blocks as segments, with labels back in the text and joined paragraphs split."""
    for block in document.blocks:
        if block.kind is BlockKind.TABLE:
            continue
        for piece in _split(_clean(block.display_text)):
            opening = _OPENING.match(piece)
            if opening:
                yield _Segment(block.index, _clean(opening.group(0)).rstrip(","))
                piece = piece[opening.end() :]
            if piece:
                yield _Segment(block.index, _clean(piece), heading=_looks_like_heading(block, piece))


def _looks_like_heading(block: Block, text: str) -> bool:
    """Short unpunctuated lines between paragraphs ("Mandate creation", "Next steps") are headings."""
    if block.kind is BlockKind.HEADING:
        return not (_NUMBER.match(text) or _SUB.match(text))
    words = text.split()
    return (
        len(words) <= 8
        and not text.rstrip().endswith((",", ";", ":", "."))
        and text[:1].isupper()
        and not _NUMBER.match(text)
        and not _SUB.match(text)
        and not PREAMBLE_PHRASE.match(text)
    )


def parse_resolution(document: Document, *, require_operative: bool = True) -> Resolution:
    """Parse a resolution or decision.

    Args:
        document: The structured document (PDF, Word, HTML or text alike).
        require_operative: Whether a text without numbered operative paragraphs is refused; a decision of a
            compilation ("At its 40th meeting, the Council adopted the outcome …") may have none.

    Returns:
        The resolution with its head, preamble and operative paragraphs.

    Raises:
        ResolutionError: No numbered operative paragraph, or no symbol could be found or built.
    """
    segments = list(_segments(document))
    start = next((i for i, s in enumerate(segments) if _OPENING.match(s.text + ",")), None)
    head = segments[:start] if start is not None else []
    body_segments = segments[start + 1 :] if start is not None else segments
    preamble, operative = _read_body(body_segments)
    if not operative and require_operative:
        raise ResolutionError(f"{document.source}: no numbered operative paragraphs, not a resolution")
    opening_body = _opening_body(segments[start].text) if start is not None else None
    return _with_head(document, head, segments, opening_body, preamble, operative)


def _opening_body(text: str) -> Body | None:
    lowered = text.lower()
    return next((body for key, body in _OPENING_BODIES if key in lowered), None)


def _read_body(segments: list[_Segment]) -> tuple[list[PreambularParagraph], list[OperativeParagraph]]:
    """Split the text after the opening words into preambular and operative paragraphs."""
    preamble: list[PreambularParagraph] = []
    paragraphs: list[_Paragraph] = []
    for segment in segments:
        if _END.match(segment.text):
            break
        number = _NUMBER.match(segment.text)
        if number and (paragraphs or int(number.group("n")) == 1):
            text = segment.text[number.end() :]
            paragraphs.append(_Paragraph(int(number.group("n")), text, segment.block_index))
        elif paragraphs:
            _add_to_operative(paragraphs[-1], segment)
        elif not segment.heading:
            _add_to_preamble(preamble, segment)
    return preamble, [p.freeze() for p in paragraphs]


def _add_to_preamble(preamble: list[PreambularParagraph], segment: _Segment) -> None:
    phrase = preamble_phrase(segment.text)
    if phrase is None and preamble and not preamble[-1].text.endswith(","):
        last = preamble[-1]
        preamble[-1] = PreambularParagraph(last.phrase, f"{last.text} {segment.text}", last.block_index)
    elif phrase is not None or segment.text.endswith(","):
        preamble.append(
            PreambularParagraph(phrase or segment.text.split()[0], segment.text, segment.block_index)
        )


def _add_to_operative(paragraph: _Paragraph, segment: _Segment) -> None:
    """Attach a segment to the current operative paragraph: a sub-paragraph, or more of its text."""
    sub = _SUB.match(segment.text)
    if sub:
        label, text = sub.group("l"), segment.text[sub.end() :]
        _place_sub(paragraph, label, text)
        return
    if segment.heading:
        return
    if paragraph.subs:
        target = paragraph.subs[-1].children[-1] if paragraph.subs[-1].children else paragraph.subs[-1]
        target.text = f"{target.text} {segment.text}"
    else:
        paragraph.text = f"{paragraph.text} {segment.text}"


def _next_letter(label: str) -> str:
    return chr(ord(label[-1]) + 1) if len(label) == 1 else label + label[-1]


def _next_roman(label: str) -> str | None:
    i = _ROMANS.index(label) if label in _ROMANS else -1
    return _ROMANS[i + 1] if 0 <= i < len(_ROMANS) - 1 else None


def _place_sub(paragraph: _Paragraph, label: str, text: str) -> None:
    """Add "(x)" as a lettered sub-paragraph or a roman-numbered one nested under the last letter."""
    current = paragraph.subs[-1] if paragraph.subs else None
    nested = current.children[-1] if current and current.children else None
    if current is not None and nested is not None and label == _next_roman(nested.label.strip("()")):
        current.children.append(_Sub(f"({label})", text))
    elif current is not None and label == _next_letter(current.label.strip("()")):
        paragraph.subs.append(_Sub(f"({label})", text))
    elif current is not None and label == "i":
        current.children.append(_Sub(f"({label})", text))
    else:
        paragraph.subs.append(_Sub(f"({label})", text))


def _with_head(
    document: Document,
    head: list[_Segment],
    segments: list[_Segment],
    opening_body: Body | None,
    preamble: list[PreambularParagraph],
    operative: list[OperativeParagraph],
) -> Resolution:
    """Fill symbol, body, number, title, session and adoption date from the head and the metadata."""
    head_text = " ".join(s.text for s in head)
    number, title = _number_and_title(head, document.title)
    symbol = document.symbol if document.symbol and _SYMBOL.fullmatch(document.symbol) else None
    symbol = symbol or _first(_SYMBOL.findall(head_text))
    kind = (
        "decision"
        if "/DEC/" in (symbol or "") or re.search(r"\bDecision\s+adopted\b", head_text)
        else "resolution"
    )
    body = _symbol_body(symbol) or opening_body or _named_body(head_text)
    if body is None:
        raise ResolutionError(
            f"{document.source}: cannot tell which body adopted it (no symbol, no opening words)"
        )
    symbol = symbol or _build_symbol(body, number, kind)
    if symbol is None:
        raise ResolutionError(
            f"{document.source}: no resolution symbol or number (e.g. 'A/RES/72/247', '72/247.')"
        )
    return Resolution(
        symbol=symbol,
        body=body,
        title=title,
        number=number or _symbol_number(symbol),
        session=_symbol_session(symbol) or _session_in(head_text),
        adopted=_adoption_date(head_text, segments),
        preamble=tuple(preamble),
        operative=tuple(operative),
        kind=kind,
    )


def _first(items: list[str]) -> str | None:
    return " ".join(items[0].split()) if items else None


def _number_and_title(head: list[_Segment], fallback: str | None) -> tuple[str | None, str | None]:
    """The number and title from the line "80/251. Mandate creation …" (continued on following lines)."""
    for i, segment in enumerate(head):
        m = _TITLE.match(segment.text)
        if m:
            title = m.group("title")
            for more in head[i + 1 :]:
                if more.text[:1].islower() or title.endswith(("and", "of", "the", "for", "in", "on", "to")):
                    title = f"{title} {more.text}"
                else:
                    break
            return m.group("number"), _clean(title)
    return None, fallback


def _symbol_body(symbol: str | None) -> Body | None:
    if symbol is None:
        return None
    if symbol.startswith("A/HRC/"):
        return Body.HRC
    return {"A": Body.GA, "E": Body.ECOSOC, "S": Body.SC}.get(symbol[0])


def _named_body(text: str) -> Body | None:
    for name, body in (
        ("Human Rights Council", Body.HRC),
        ("General Assembly", Body.GA),
        ("Economic and Social Council", Body.ECOSOC),
        ("Security Council", Body.SC),
    ):
        if name in text:
            return body
    return None


def _build_symbol(body: Body, number: str | None, kind: str) -> str | None:
    if number is None:
        return None
    series = "DEC" if kind == "decision" else "RES"
    prefix = {Body.GA: "A", Body.HRC: "A/HRC", Body.ECOSOC: "E", Body.SC: "S"}[body]
    return f"{prefix}/{series}/{number}"


def _symbol_number(symbol: str) -> str | None:
    m = re.search(r"(\d+/\d+)$", symbol)
    return m.group(1) if m else None


def _symbol_session(symbol: str) -> int | None:
    m = re.match(r"A/(?:HRC/)?(?:RES|DEC)/(\d+)/", symbol)
    return int(m.group(1)) if m else None


def _session_in(text: str) -> int | None:
    for m in _SESSION_LINE.finditer(text):
        value = ordinal_value(m.group("ord"))
        if value:
            return value
    return None


def _adoption_date(head_text: str, segments: list[_Segment]) -> dt.date | None:
    """The date in "Resolution adopted by … on 31 March 2026", else the date line after the meeting line."""
    m = _ADOPTED.search(head_text)
    if m:
        return _parse_date(m.group("date"))
    for i, segment in enumerate(segments):
        if _END.match(segment.text):
            tail = " ".join(s.text for s in segments[i : i + 2])
            found = re.search(rf"\d{{1,2}}\s+(?:{_MONTHS})\s+\d{{4}}", tail)
            if found:
                return _parse_date(found.group(0))
    return None


def _parse_date(text: str) -> dt.date | None:
    try:
        return dt.datetime.strptime(_clean(text), "%d %B %Y").replace(tzinfo=dt.UTC).date()
    except ValueError:
        return None
