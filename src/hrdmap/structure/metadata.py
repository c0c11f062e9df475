"""Document metadata read from the text: the UN symbol, the stated date and the title.

The symbol and date sit in the masthead of a UN document ("United Nations A/HRC/38/18 … Distr.: General
4 January 2010"), and a contribution states its date on a line of its own ("Geneva, 21 June 2024"). Documents
also cite other symbols and dates in their text, so both are looked for only in *header positions*: short
lines among the first lines of page 1 and the first blocks, where little else is written beside them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from email.utils import parsedate_to_datetime

from hrdmap.domain.document import Block, BlockKind
from hrdmap.structure.masthead import MASTHEAD_WORDS
from hrdmap.structure.text import normalize_text

_BODIES = (
    "A|E|S|ST|CCPR|CRC|CERD|CEDAW|CAT|CMW|CRPD|CED|HRI|TD|DP|UNEP|ECE|ESCAP|ESCWA|ECA|ECLAC|ICEF|UNW|FCCC"
)
_SEGMENT = r"(?:S-\d{1,2}|[A-Z][a-z]{2,4}\.\d{1,3}|[A-Z]{1,6}(?:\.\d{1,3})?|\d{1,4}(?:\.\d{1,3})?)"
SYMBOL = re.compile(rf"(?<![\w/.])(?:{_BODIES})(?:/{_SEGMENT}){{2,}}(?![\w/])")
"""A UN document symbol: a body (A, E, CCPR …) and slash-separated parts, at least one of them numeric."""

# Words that mark a symbol or date as cited, not as the document's own.
_CITING = frozenset(
    "see ref reference resolution resolutions decision report document pursuant according cf voir "
    "réf résolution décision rapport véase resolución decisión informe documento".split()
)
_MAX_OTHER_WORDS = 3
_DISTRIBUTION = re.compile(r"\bdistr\b", re.I)

_MONTHS = {
    **dict.fromkeys(("january", "janvier", "enero", "января"), 1),
    **dict.fromkeys(("february", "février", "fevrier", "febrero", "февраля"), 2),
    **dict.fromkeys(("march", "mars", "marzo", "марта"), 3),
    **dict.fromkeys(("april", "avril", "abril", "апреля"), 4),
    **dict.fromkeys(("may", "mai", "mayo", "мая"), 5),
    **dict.fromkeys(("june", "juin", "junio", "июня"), 6),
    **dict.fromkeys(("july", "juillet", "julio", "июля"), 7),
    **dict.fromkeys(("august", "août", "aout", "agosto", "августа"), 8),
    **dict.fromkeys(("september", "septembre", "septiembre", "setiembre", "сентября"), 9),
    **dict.fromkeys(("october", "octobre", "octubre", "октября"), 10),
    **dict.fromkeys(("november", "novembre", "noviembre", "ноября"), 11),
    **dict.fromkeys(("december", "décembre", "decembre", "diciembre", "декабря"), 12),
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_ISO_DATE = re.compile(r"(?<!\d)(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?!\d)")  # 2024-06-21
_DATES = (
    # 4 January 2010 · 1er janvier 2020 · 21 de junio de 2024 · 21 июня 2024
    re.compile(
        rf"(?<!\d)(?P<d>\d{{1,2}})(?:er)?\.?\s+(?:de\s+)?(?P<m>{_MONTH})\s*(?:del?\s+)?(?P<y>\d{{4}})", re.I
    ),
    # January 4, 2010
    re.compile(rf"(?P<m>{_MONTH})\s+(?P<d>\d{{1,2}}),?\s+(?P<y>\d{{4}})", re.I),
    _ISO_DATE,
    # 2024年6月21日
    re.compile(r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"),
)
_DATE_LIKE = re.compile(rf"\b\d{{1,2}}(?:er)?\s+(?:de\s+)?(?:{_MONTH})\s*(?:del?\s+)?\d{{4}}", re.I)
_RANGE = re.compile(r"\d\s*[–—-]\s*\d|[–—]")

_FOOTNOTE_MARKS = re.compile(r"[*,]*\*[*,]*$")  # "Report of the Working Group*", "… Human Rights*,**"
_SECTION_HEADING = re.compile(r"(?:[IVXL]{1,6}|[A-Z]|\d{1,2})\.\s")  # "I. Introduction", "A. Scope"
_UNDERSCORED = re.compile(r"[^\W_]_[^\W_]|[^\W_]_ ")
_FILE_NAME = re.compile(r"\.(?:docx?|pdf|odt|rtf|txt|html?|xlsx?|pptx?|eml|msg)$", re.I)
_NO_TITLES = frozenset(
    "untitled title document presentation powerpoint presentation slide 1 word document sans titre "
    "sin título".split(" ")
)


def find_symbol(header: Sequence[str], declared_title: str | None = None) -> str | None:
    """Find the document's own UN symbol.

    Args:
        header: Texts in header position, in order: page-1 lines (PDF) then the first blocks.
        declared_title: The title the file declares; UN PDFs often declare their symbol as title.

    Returns:
        The first symbol standing alone in a header text (beside masthead words and dates at most:
        "United Nations A/HRC/38/18"); else the first in a text with at most three other words, none of them
        citing it ("see", "resolution" …) and not in brackets; else the declared title when it is a symbol;
        else ``None``. A joint symbol ("A/HRC/38/3–E/CN.6/2018/9") gives its first part.
    """
    candidates = []
    for position, text in enumerate(header):
        other = _other_words(_DATE_LIKE.sub(" ", SYMBOL.sub(" ", text)))
        for match in SYMBOL.finditer(text):
            start, end = match.span()
            if text[start - 1 : start] == "(" or text[end : end + 1] == ")":
                continue
            if not other:
                candidates.append((0, position, match.group()))
            elif len(other) <= _MAX_OTHER_WORDS and not _cites(other):
                candidates.append((1, position, match.group()))
    if candidates:
        return min(candidates)[2]
    if declared_title and SYMBOL.fullmatch(declared_title.strip()):
        return declared_title.strip()
    return None


def find_date(header: Sequence[str], declared: str | None = None) -> dt.date | None:
    """Find the date a document states.

    Args:
        header: Texts in header position, in order.
        declared: A date the file declares (ISO 8601, or an e-mail ``Date`` header).

    Returns:
        The date of the "Distr." line of a UN masthead (on that line or one of the three after it); else the
        first date in a header text with at most three other words ("Geneva, 21 June 2024"), none citing it,
        and not a range ("18 June–6 July 2018", a session); else the declared date; else ``None``.
    """
    for i, text in enumerate(header):
        if _DISTRIBUTION.search(text):
            found = next((d for t in header[i : i + 4] for d, _, _ in _dated_spans(t)), None)
            if found is not None:
                return found
    for text in header:
        if _RANGE.search(_ISO_DATE.sub(" ", text)):
            continue
        for date, start, end in _dated_spans(text):
            other = _other_words(text[:start] + " " + text[end:])
            if len(other) <= _MAX_OTHER_WORDS and not _cites(other):
                return date
    return parse_declared_date(declared) if declared else None


def parse_declared_date(text: str) -> dt.date | None:
    """Read a declared date: ISO 8601 ("2024-06-21", "2024-06-21T10:00:00Z") or RFC 2822 (e-mail)."""
    text = text.strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        pass
    if text.startswith("D:") and text[2:10].isdigit():  # PDF date string "D:20240621…"
        return _safe_date(int(text[2:6]), int(text[6:8]), int(text[8:10]))
    try:
        parsed: dt.datetime = parsedate_to_datetime(text)
        return parsed.date()
    except (TypeError, ValueError):
        return None


def find_title(declared: str | None, blocks: Sequence[Block]) -> str | None:
    """Return the document's title: its own, the TITLE block's text, without trailing footnote marks
    ("… Review*"); else the declared one, when meaningful and not a section heading ("I. Introduction").

    A file's declared title is often stale (copied from the document the author started from: "ADVANCE
    QUESTIONS TO QATAR" on questions to Slovenia), so the document's first page wins.
    """
    title = next((b for b in blocks if b.kind is BlockKind.TITLE), None)
    if title is not None:
        return _FOOTNOTE_MARKS.sub("", title.display_text)
    if declared and is_meaningful_title(declared) and not _SECTION_HEADING.match(normalize_text(declared)):
        return normalize_text(declared)
    return None


def is_meaningful_title(title: str) -> bool:
    """Tell whether a declared title names the document, rather than a file, a template or a symbol.

    "Microsoft Word - A_HRC_38_18.docx", "Document1", "Untitled", "A/HRC/38/18" are not meaningful.
    """
    title = normalize_text(title)
    title = re.sub(r"^microsoft (?:word|powerpoint|excel) - ", "", title, flags=re.I)
    if _FILE_NAME.search(title) or SYMBOL.fullmatch(title) or sum(c.isalpha() for c in title) < 3:
        return False
    if _UNDERSCORED.search(title):  # "UPR20_ Slovenia_ThematicListRecommendations_E": a file name
        return False
    if title.lower() in _NO_TITLES or re.fullmatch(r"(?:document|doc|untitled)\s*\d*", title, re.I):
        return False
    return " " in title or not re.search(r"[_\d]", title)


def _dated_spans(text: str) -> Iterator[tuple[dt.date, int, int]]:
    """Valid dates in a text with their spans, in order of appearance."""
    found = []
    for pattern in _DATES:
        for m in pattern.finditer(text):
            month = m.group("m")
            number = int(month) if month.isdigit() else _MONTHS[month.lower()]
            date = _safe_date(int(m.group("y")), number, int(m.group("d")))
            if date is not None:
                found.append((m.start(), date, m.end()))
    return ((date, start, end) for start, date, end in sorted(found, key=lambda f: f[0]))


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    if not 1900 <= year <= 2100:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _other_words(text: str) -> list[str]:
    """The words of a header text other than masthead words and punctuation, lower-cased."""
    words = (w.lower().strip(",:;.*()[]–—-") for w in text.split())
    return [w for w in words if w and w not in MASTHEAD_WORDS]


def _cites(words: Sequence[str]) -> bool:
    return any(w in _CITING for w in words) or any(w.endswith(";") for w in words)
