"""Personal names made comparable across sources: script, accents, case, particles and word order.

"Muḥammad al-Rubaʿi", "Мухаммад Аль-Рубаи" and "RUBAI, Muhammad" all become the words ``muhammad rubai``. The
transliteration is anyascii's (Unicode to ASCII, ISC licence); spelling variants that survive it ("Mohamed",
"Mohammad") are left to the fuzzy comparison of :mod:`hrdmap.monitoring.dedup`.
"""

from __future__ import annotations

import re
import unicodedata

from anyascii import anyascii

#: Words that join names and are often dropped or spelt differently by other sources.
PARTICLES = frozenset(
    {
        "al",
        "el",
        "ul",
        "bin",
        "ibn",
        "bint",
        "ben",
        "de",
        "del",
        "della",
        "da",
        "das",
        "do",
        "dos",
        "du",
        "la",
        "le",
        "van",
        "von",
        "der",
        "den",
        "y",
        "e",
    }
)
#: What a list writes when it has no name.
NO_NAME = re.compile(r"^(?:unidentified|unknown|n/?a|-+|anonymous|name withheld)$", re.I)


def name_words(name: str) -> tuple[str, ...]:
    """The words of a name, transliterated, lower-case, without particles; empty when the list gives no name.

    A name written ``"Surname, Given"`` is turned around first; bracketed notes ("[full name unavailable]") and
    modifier letters (ʿ, ʾ) are dropped.
    """
    name = re.sub(r"\[[^\]]*\]|\([^)]*\)", " ", name).strip()
    if not name or NO_NAME.match(name):
        return ()
    name = "".join(ch for ch in name if unicodedata.category(ch) not in ("Lm", "Sk"))
    if name.count(",") == 1:
        surname, given = name.split(",")
        name = f"{given} {surname}"
    ascii_text = anyascii(name).lower()
    words = re.split(r"[^a-z0-9]+", ascii_text.replace("'", ""))
    return tuple(w for w in words if w and w not in PARTICLES)


def name_key(name: str) -> str:
    """The words of a name sorted, joined by spaces (word order does not matter); empty when no name."""
    return " ".join(sorted(name_words(name)))
