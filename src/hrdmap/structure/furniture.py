"""Page furniture: what a printed page carries besides the text (running heads, job numbers, page numbers).

Runs in the top or bottom margin that are job numbers ("GE.14-12345 (E)", "18-15950"), barcodes ("*1412345*"),
page numbers ("3", "3/14", "Page 3", "- 3 -"), the document symbol repeated as a running header ("A/HRC/14/15",
after page 1), "Please recycle", or any text repeated in the same margin across pages, are dropped. Only the
runs in the margins are looked at, so the cost is a few runs per page.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from hrdmap.domain.raw import RawLine

_JOB_NUMBER = re.compile(r"(?:GE[.:]\s?)?\d{2}-\d{5}(?:\s*\([A-Z]\))?(?:\s+\d{6}){0,2}")
_PAGE_NUMBER = re.compile(
    r"(?:page|p\.|página|стр\.)?\s*[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:/|of|de|sur)\s*\d{1,4})?", re.IGNORECASE
)
_BARCODE = re.compile(r"\*\d{6,10}\*")
_RECYCLE = re.compile(r"please recycle|recyclez|recicle", re.IGNORECASE)
_SYMBOL = re.compile(r"[A-Z]{1,8}(?:/[A-Za-z0-9.\-]+){2,}")
_DIGITS = re.compile(r"\d+")
_DIGIT = re.compile(r"\d")
_LONGEST = 80  # characters: a margin line longer than this is text, unless repeated on many pages
_HEADER_ZONE = 0.1  # share of the page height searched for running headers and footers
_PATTERN_ZONE = 0.2  # share searched for job numbers, barcodes and page numbers


def drop_furniture(pages: dict[int, list[RawLine]]) -> None:
    """Remove running heads, job numbers, barcodes and page numbers from every page, in place.

    Args:
        pages: Each page's runs, by page number.
    """
    margins = {number: [line for line in page if _zone(line, _PATTERN_ZONE)] for number, page in pages.items()}
    repeated = _repeated_margin_texts(margins)
    for number, page in pages.items():
        margin = margins[number]
        if not margin:
            continue
        furniture = {id(line) for line in margin if _is_furniture(line, number, repeated)}
        kept = [line for line in page if id(line) not in furniture]
        numbers = {id(line) for line in margin if id(line) not in furniture and _is_page_number(line, kept)}
        pages[number] = [line for line in kept if id(line) not in numbers] if numbers else kept


def _zone(line: RawLine, share: float) -> str | None:
    if line.bottom <= share * line.page_height:
        return "top"
    if line.top >= (1 - share) * line.page_height:
        return "bottom"
    return None


def _margin_key(line: RawLine) -> tuple[str, str] | None:
    zone = _zone(line, _HEADER_ZONE)
    if zone is None:
        return None
    text = " ".join(line.text.split()).lower()
    if not any(c.isalpha() for c in text):
        return None
    return zone, _DIGITS.sub("#", text)


def _repeated_margin_texts(margins: dict[int, list[RawLine]]) -> set[tuple[str, str]]:
    """Margin texts (digits masked) found on at least two pages and a quarter of them: running heads."""
    seen: Counter[tuple[str, str]] = Counter()
    for margin in margins.values():
        seen.update({key for line in margin if (key := _margin_key(line)) is not None})
    needed = max(2, len(margins) // 4)
    return {key for key, count in seen.items() if count >= needed}


def _is_furniture(line: RawLine, page: int, repeated: set[tuple[str, str]]) -> bool:
    if repeated and _margin_key(line) in repeated:
        return True
    text = " ".join(line.text.split())
    if len(text) > _LONGEST or not _DIGIT.search(text):  # job numbers, barcodes, page numbers: short, with digits
        return bool(_RECYCLE.search(text)) if len(text) < _LONGEST else False
    if _BARCODE.fullmatch(text) or _RECYCLE.search(text):
        return True
    rest = _JOB_NUMBER.sub(" ", text)
    if page > 1 and _zone(line, _HEADER_ZONE):
        rest = _SYMBOL.sub(" ", rest)
    rest = rest.strip()
    return rest != text and (not rest or bool(_PAGE_NUMBER.fullmatch(rest)))


def _is_page_number(line: RawLine, page: Sequence[RawLine]) -> bool:
    """A bare page number in a margin, with no text but other page numbers beyond it towards the page's edge."""
    if not _PAGE_NUMBER.fullmatch(line.text.strip()):
        return False
    if _zone(line, _PATTERN_ZONE) == "top":
        beyond = (other for other in page if other.top < line.bottom - 1)
    else:
        beyond = (other for other in page if other.bottom > line.top + 1)
    return all(_PAGE_NUMBER.fullmatch(other.text.strip()) for other in beyond)
