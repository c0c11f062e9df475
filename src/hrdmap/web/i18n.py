"""The interface in the six UN languages: message catalogs (gettext ``.po`` files read with Babel), the
language of a request, and dates and numbers in its conventions.

Catalogs live in ``hrdmap/web/locale/<lang>/LC_MESSAGES/messages.po``; they are compiled in memory when first
used, so the package ships no binary ``.mo`` files. English is the source language. Arabic is written right to
left: pages in Arabic carry ``dir="rtl"``.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
from collections.abc import Callable
from importlib.resources import files

from babel import Locale
from babel.dates import format_date, format_datetime
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import NullTranslations, Translations

#: The six official languages of the UN, by ISO 639-1 code, each named in itself.
LANGUAGES: dict[str, str] = {
    "ar": "العربية",
    "zh": "中文",
    "en": "English",
    "fr": "Français",
    "ru": "Русский",
    "es": "Español",
}
RTL = frozenset({"ar"})
DEFAULT = "en"
LANG_COOKIE = "hrdmap_lang"


@functools.cache
def translations(lang: str) -> NullTranslations:
    """The compiled catalog of ``lang`` (an empty one for English or a language without a catalog)."""
    if lang == DEFAULT or lang not in LANGUAGES:
        return NullTranslations()
    source = files("hrdmap.web").joinpath("locale", lang, "LC_MESSAGES", "messages.po")
    if not source.is_file():
        return NullTranslations()
    with source.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled)


def gettext(lang: str) -> Callable[[str], str]:
    """The function that translates a message into ``lang``."""
    return translations(lang).gettext


def negotiate(cookie: str | None, accept: str | None, preferred: str | None = None) -> str:
    """The language of a request: the chosen one (cookie), the user's, then the browser's, then English."""
    for candidate in (cookie, preferred):
        if candidate in LANGUAGES:
            return candidate
    for part in (accept or "").split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in LANGUAGES:
            return code
    return DEFAULT


def direction(lang: str) -> str:
    """``rtl`` for Arabic, ``ltr`` for the others."""
    return "rtl" if lang in RTL else "ltr"


def date_text(value: dt.date | dt.datetime | None, lang: str) -> str:
    """A date (or a time, in UTC) written as ``lang`` writes it; empty for none."""
    if value is None:
        return ""
    locale = Locale.parse(lang)
    if isinstance(value, dt.datetime):
        return format_datetime(value, "medium", tzinfo=dt.UTC, locale=locale)
    return format_date(value, "medium", locale=locale)


def number_text(value: float, lang: str) -> str:
    """A number written as ``lang`` writes it (grouping and decimal signs)."""
    return format_decimal(value, locale=Locale.parse(lang))
