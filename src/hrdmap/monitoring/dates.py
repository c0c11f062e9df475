"""Read dates as people and lists write them, keeping how precise they are.

``"2019-03-04"`` is a day, ``"March 2019"`` a month, ``"2019"`` a year, ``"early 2019"`` an approximate range
(January–April), ``"2019-03-01/2019-03-15"`` or ``"1 March 2019 to 15 March 2019"`` a range. A date that cannot
exist (``"2019-02-30"``) or cannot be read is an error that says why; nothing is guessed silently.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence

from hrdmap.domain.errors import InvalidInput
from hrdmap.domain.monitoring.incidents import FuzzyDate
from hrdmap.domain.monitoring.vocabulary import DatePrecision


class DateError(InvalidInput):
    """A date that cannot be read or cannot exist; the message says which and why."""


_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan", "janvier", "janv", "enero", "ene"),
            ("february", "feb", "février", "fevrier", "févr", "febrero"),
            ("march", "mar", "mars", "marzo"),
            ("april", "apr", "avril", "avr", "abril", "abr"),
            ("may", "mai", "mayo"),
            ("june", "jun", "juin", "junio"),
            ("july", "jul", "juillet", "juil", "julio"),
            ("august", "aug", "août", "aout", "agosto", "ago"),
            ("september", "sep", "sept", "septembre", "septiembre", "setiembre"),
            ("october", "oct", "octobre", "octubre"),
            ("november", "nov", "novembre", "noviembre"),
            ("december", "dec", "décembre", "decembre", "déc", "diciembre", "dic"),
        ),
        start=1,
    )
    for name in names
}
_HEDGES = re.compile(r"^(?:about|around|approximately|approx\.?|circa|c\.|ca\.|vers|hacia|aprox\.?)\s+", re.I)
_PARTS = {
    "early": (1, 4),
    "beginning of": (1, 4),
    "mid": (5, 8),
    "mid-": (5, 8),
    "middle of": (5, 8),
    "late": (9, 12),
    "end of": (9, 12),
}
_PART_RE = re.compile(r"^(early|beginning of|mid-?|middle of|late|end of)\s*(\d{4})$", re.I)
_QUARTER_RE = re.compile(r"^(?:Q([1-4])\s*(\d{4})|(\d{4})[\s-]*Q([1-4]))$", re.I)
_RANGE_SEPARATORS = re.compile(r"\s*(?:/|\s+to\s+|\s+until\s+|\s+–\s+|\s+-\s+|–|\s+au\s+|\s+al\s+)\s*")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})(?:st|nd|rd|th|er)?\s+(?:de\s+)?([^\W\d_]+)\.?\s+(?:de\s+)?(\d{4})$")
_MONTH_DAY_YEAR = re.compile(r"^([^\W\d_]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$")
_MONTH_YEAR = re.compile(r"^([^\W\d_]+)\.?\s+(?:de\s+)?(\d{4})$")


def _day(year: int, month: int, day: int, text: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError as error:
        raise DateError(f"{text!r} is not a real date ({error})") from None


def _month(year: int, month: int, text: str) -> FuzzyDate:
    if not 1 <= month <= 12:
        raise DateError(f"{text!r} has no month {month}")
    last = calendar.monthrange(year, month)[1]
    return FuzzyDate(dt.date(year, month, 1), dt.date(year, month, last), DatePrecision.MONTH, text)


def _year(year: int, text: str) -> FuzzyDate:
    return FuzzyDate(dt.date(year, 1, 1), dt.date(year, 12, 31), DatePrecision.YEAR, text)


def _months(first: int, last: int, year: int, text: str) -> FuzzyDate:
    end = dt.date(year, last, calendar.monthrange(year, last)[1])
    return FuzzyDate(dt.date(year, first, 1), end, DatePrecision.RANGE, text, approximate=True)


def _month_number(word: str, text: str) -> int:
    number = _MONTHS.get(word.casefold().rstrip("."))
    if number is None:
        raise DateError(f"{text!r}: {word!r} is not a month name")
    return number


def _numeric(text: str) -> FuzzyDate | None:
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+Z?)?", text):
        day = _day(int(m[1]), int(m[2]), int(m[3]), text)
        return FuzzyDate(day, day, DatePrecision.DAY, text)
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})", text):
        return _month(int(m[1]), int(m[2]), text)
    if re.fullmatch(r"\d{4}", text):
        return _year(int(text), text)
    return None


def _worded(text: str) -> FuzzyDate | None:
    if m := _PART_RE.match(text):
        first, last = _PARTS[m[1].lower()]
        return _months(first, last, int(m[2]), text)
    if m := _QUARTER_RE.match(text):
        quarter, year = (int(m[1]), int(m[2])) if m[1] else (int(m[4]), int(m[3]))
        return _months(3 * quarter - 2, 3 * quarter, year, text)
    if m := _DAY_MONTH_YEAR.match(text):
        day = _day(int(m[3]), _month_number(m[2], text), int(m[1]), text)
        return FuzzyDate(day, day, DatePrecision.DAY, text)
    if m := _MONTH_DAY_YEAR.match(text):
        day = _day(int(m[3]), _month_number(m[1], text), int(m[2]), text)
        return FuzzyDate(day, day, DatePrecision.DAY, text)
    if m := _MONTH_YEAR.match(text):
        return _month(int(m[2]), _month_number(m[1], text), text)
    return None


def _single(text: str) -> FuzzyDate | None:
    return _numeric(text) or _worded(text)


def _strptime(text: str, formats: Sequence[str]) -> FuzzyDate | None:
    for fmt in formats:
        try:
            parsed = dt.datetime.strptime(text, fmt)  # noqa: DTZ007 - a calendar date, no time of day
        except ValueError as exc:
            if "does not match format" not in str(exc) and "unconverted data" not in str(exc):
                raise DateError(f"{text!r} is not a real date ({exc})") from None
            continue
        if "%d" in fmt or "%j" in fmt:
            return FuzzyDate(parsed.date(), parsed.date(), DatePrecision.DAY, text)
        if any(d in fmt for d in ("%m", "%b", "%B")):
            return _month(parsed.year, parsed.month, text)
        return _year(parsed.year, text)
    return None


def _range(text: str, formats: Sequence[str]) -> FuzzyDate | None:
    parts = _RANGE_SEPARATORS.split(text)
    if len(parts) != 2 or not all(parts):
        return None
    first, last = (_strptime(p, formats) or _single(p) for p in parts)
    if first is None or last is None or first.start is None or last.end is None:
        return None
    if last.end < first.start:
        raise DateError(f"{text!r}: the range ends before it starts")
    approximate = first.approximate or last.approximate
    return FuzzyDate(first.start, last.end, DatePrecision.RANGE, text, approximate)


def parse_date(text: str, formats: Sequence[str] = ()) -> FuzzyDate:
    """Read a date, a range or a hedged date, with its precision.

    Args:
        text: The date as written. Empty text is an unknown date.
        formats: ``strptime`` formats to try first (a mapping's ``formats``, e.g. ``"%Y%m%d"``, ``"%d/%m/%Y"``);
            the precision follows the directives (``%d`` a day, ``%m`` a month, else a year).

    Returns:
        The date. ``approximate`` is set for hedged forms ("about", "early 2019").

    Raises:
        DateError: The text is not a date, or names one that cannot exist.
    """
    original = text
    text = " ".join(text.split())
    if not text:
        return FuzzyDate.unknown()
    hedged = _HEDGES.sub("", text)
    found = _strptime(hedged, formats) or _single(hedged) or _range(hedged, formats)
    if found is None:
        raise DateError(f"{original!r} is not a date hrdmap can read (e.g. 2019-03-04, March 2019, early 2019)")
    if hedged != text:
        return FuzzyDate(found.start, found.end, found.precision, original, approximate=True)
    return FuzzyDate(found.start, found.end, found.precision, original, found.approximate)
