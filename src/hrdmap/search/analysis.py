"""Turn text into search terms the same way for paragraphs, queries and snippets, in the six UN languages.

Both back-ends index the terms this module produces, so a query finds the same paragraphs whichever back-end
answers it. Analysis happens in two steps:

1. **Folding**, one character at a time: case folding, compatibility forms (ligatures, full-width Latin,
   Arabic presentation forms), accents and other combining marks removed ("défenseurs" → "defenseurs"),
   Russian "ё" → "е" (but "й" kept), and the usual Arabic normalisation: alef with hamza or madda and alef
   wasla → bare alef, ta marbuta → ha, alef maksura → ya, tatweel and harakat removed, Arabic-Indic digits →
   ASCII digits.
2. **Tokenising** the folded text: runs of letters and digits are words; anything else separates them
   ("A/HRC/38/18" → ``a hrc 38 18``). Chinese and Japanese have no spaces, so a run of Han or kana
   characters is indexed as overlapping character bigrams ("人权维护者" → ``人权 权维 维护 护者``) in the
   main field, and as single characters in a second field that answers one-character queries.

Folding maps characters one by one, which lets :func:`find_terms` point every match back at the characters of
the original text it came from: that is how snippets highlight what the reader typed, accents and all.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

MAX_TERM_CHARS = 64
"""Longer "words" (hashes, base64, URLs without separators) are not indexed."""

_ARABIC = {
    "\u0671": "\u0627",  # alef wasla → alef (alef with hamza/madda fold through their decomposition)
    "\u0672": "\u0627",  # alef with wavy hamza above
    "\u0673": "\u0627",  # alef with wavy hamza below
    "\u0629": "\u0647",  # ta marbuta → ha
    "\u0649": "\u064a",  # alef maksura → ya
    "\u06cc": "\u064a",  # Farsi ya → ya
    "\u0640": "",  # tatweel
}
_ARABIC_DIGITS = {chr(base + d): str(d) for base in (0x0660, 0x06F0) for d in range(10)}
_KEPT = {"й": "й", "Й": "й"}  # a letter of its own in Russian, not "и" with an accent
_SPECIAL = {**_ARABIC, **_ARABIC_DIGITS, **_KEPT}
_CJK_RANGES = (
    "\u3040-\u30ff"  # hiragana, katakana
    "\u3400-\u4dbf"  # Han extension A
    "\u4e00-\u9fff"  # Han unified ideographs
    "\uf900-\ufaff"  # Han compatibility ideographs
    "\U00020000-\U0003134f"  # Han extensions B–G
)
_WORD = re.compile(r"[^\W_]+")
_CJK_RUN = re.compile(f"[{_CJK_RANGES}]+")
_PIECE = re.compile(f"[^\\W_{_CJK_RANGES}]+|[{_CJK_RANGES}]+")


def _fold_char(ch: str) -> str:
    if ch in _SPECIAL:
        return _SPECIAL[ch]
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", ch).casefold())
    stripped = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return "".join(_SPECIAL.get(c, c) for c in stripped)


@cache
def fold_table() -> dict[int, str]:
    """The table :func:`fold` applies: every Basic Multilingual Plane character that folding changes."""
    table: dict[int, str] = {}
    for code in range(0x10000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        ch = chr(code)
        folded = _fold_char(ch)
        if folded != ch:
            table[code] = folded
    return table


@cache
def _irregular() -> re.Pattern[str]:
    """Characters that fold to zero or several characters (so offsets shift)."""
    codes = sorted(code for code, folded in fold_table().items() if len(folded) != 1)
    return re.compile("[" + "".join(re.escape(chr(code)) for code in codes) + "]")


def fold(text: str) -> str:
    """Fold case, accents, compatibility forms and Arabic letter variants (see the module docstring)."""
    return text.translate(fold_table())


def _fold_with_origin(text: str) -> tuple[str, list[int] | None]:
    """Fold ``text`` and say where each folded character came from (``None``: one to one)."""
    table = fold_table()
    if _irregular().search(text) is None:
        return text.translate(table), None
    pieces: list[str] = []
    origin: list[int] = []
    for index, ch in enumerate(text):
        folded = table.get(ord(ch), ch)
        pieces.append(folded)
        origin.extend([index] * len(folded))
    return "".join(pieces), origin


@dataclass(frozen=True, slots=True)
class Analysed:
    """The terms of one text, in the two indexed fields.

    Attributes:
        terms: Words and CJK bigrams in order, for the main field (phrases match consecutive terms).
        chars: Single Han or kana characters, for one-character queries (empty for other scripts).
    """

    terms: list[str]
    chars: list[str]


def _cjk_bigrams(run: str) -> list[str]:
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def analyse(text: str) -> Analysed:
    """Terms to index for a paragraph, or to look up for a query word.

    Example::

        >>> analyse("Défenseurs des droits: A/HRC/38/18").terms
        ['defenseurs', 'des', 'droits', 'a', 'hrc', '38', '18']
        >>> analyse("人权维护者").terms
        ['人权', '权维', '维护', '护者']
    """
    folded = fold(text)
    if _CJK_RUN.search(folded) is None:
        return Analysed([w for w in _WORD.findall(folded) if len(w) <= MAX_TERM_CHARS], [])
    terms: list[str] = []
    chars: list[str] = []
    for piece in _PIECE.findall(folded):
        if _CJK_RUN.match(piece):
            terms.extend(_cjk_bigrams(piece))
            chars.extend(piece)
        elif len(piece) <= MAX_TERM_CHARS:
            terms.append(piece)
    return Analysed(terms, chars)


@lru_cache(maxsize=256)
def _matcher(terms: frozenset[str], prefixes: frozenset[str]) -> re.Pattern[str]:
    """Finds all ``terms`` and words starting with ``prefixes``, overlapping occurrences included."""
    alternatives = [re.escape(t) for t in sorted(terms, key=len, reverse=True)]
    alternatives += [re.escape(p) + r"[^\W_]*" for p in sorted(prefixes, key=len, reverse=True)]
    return re.compile("(?=(" + "|".join(alternatives) + "))")


def _is_word_edge(folded: str, index: int) -> bool:
    """No letter or digit of a spaced script on this side: ``folded[index]`` does not continue a word."""
    if index < 0 or index >= len(folded):
        return True
    ch = folded[index]
    return not ch.isalnum() or _CJK_RUN.match(ch) is not None


def _whole(folded: str, start: int, end: int) -> bool:
    """Whether the tokeniser would produce ``folded[start:end]`` as a term there."""
    if _CJK_RUN.match(folded, start):
        return True
    return _is_word_edge(folded, start - 1) and _is_word_edge(folded, end)


def find_terms(
    text: str, terms: frozenset[str], prefixes: frozenset[str] = frozenset()
) -> list[tuple[int, int]]:
    """Where ``terms`` (analysed terms) or words starting with ``prefixes`` occur in ``text``.

    Returns:
        ``(start, end)`` offsets into ``text`` itself, so ``text[start:end]`` is what the author wrote
        ("Défenseurs", "الإنسان"). CJK bigrams may overlap.
    """
    if not terms and not prefixes:
        return []
    folded, origin = _fold_with_origin(text)
    found = [(m.start(1), m.end(1)) for m in _matcher(terms, prefixes).finditer(folded)]
    found = [(start, end) for start, end in found if _whole(folded, start, end)]
    if origin is None:
        return found
    return [(origin[start], origin[end - 1] + 1) for start, end in found]
