"""UN editorial conventions for dates, numbers and language names in running text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
#: English names of the languages contributions are commonly written in (the six UN languages first).
LANGUAGE_NAMES = {
    "ar": "Arabic", "zh": "Chinese", "en": "English", "fr": "French", "ru": "Russian", "es": "Spanish",
    "pt": "Portuguese", "de": "German", "it": "Italian", "tr": "Turkish", "fa": "Persian", "sw": "Kiswahili",
}  # fmt: skip
_SMALL = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def un_date(day: dt.date) -> str:
    """A date as UN documents write it: "2 March 2026"."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def language_name(code: str) -> str:
    """The English name of a language ("fr" → "French"), or its code when the name is not known."""
    return LANGUAGE_NAMES.get(code, code)


def number_words(n: int) -> str:
    """Numbers below ten in words, others in figures ("eight", "51")."""
    return _SMALL[n] if 0 <= n < len(_SMALL) else f"{n:,}"


def paragraph_reference(numbers: Sequence[int]) -> str:
    """ "para. 16", "paras. 16 and 17", "paras. 4, 16 and 17"."""
    if len(numbers) == 1:
        return f"para. {numbers[0]}"
    listed = [str(n) for n in numbers]
    return f"paras. {', '.join(listed[:-1])} and {listed[-1]}"


def lower_first(text: str) -> str:
    """The text with its first letter lower-cased, unless it opens an acronym or a proper name ("UN-Women")."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text
