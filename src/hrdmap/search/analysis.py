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
3. **Stemming** the words of a paragraph in its language (:mod:`hrdmap.search.stemming`), for a third field
   that lets a query word find the paragraph's other forms of it ("defender" → "defenders").

Folding maps characters one by one, which lets :func:`find_terms` point every match back at the characters of
the original text it came from: that is how snippets highlight what the reader typed, accents and all.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache

from hrdmap.search.stemming import TA_MARBUTA, paragraph_stems, query_stems

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
def _stem_fold_table() -> dict[int, str]:
    """:func:`fold_table`, except that ta marbuta stays for the stemmer (see :mod:`hrdmap.search.stemming`)."""
    table = dict(fold_table())
    for code in [code for code in table if TA_MARBUTA in unicodedata.normalize("NFKD", chr(code))]:
        table[code] = TA_MARBUTA
    return table


_TA_MARBUTA_FOLD = str.maketrans(TA_MARBUTA, "\u0647")


@cache
def _irregular() -> re.Pattern[str]:
    """Characters that fold to zero or several characters (so offsets shift)."""
    codes = sorted(code for code, folded in fold_table().items() if len(folded) != 1)
    return re.compile("[" + "".join(re.escape(chr(code)) for code in codes) + "]")


_NON_ASCII = re.compile(r"([^\x00-\x7f]+)")


def _translate(text: str, table: dict[int, str]) -> str:
    """``text.translate(table)``, several times faster on text that is mostly ASCII.

    The tables only lowercase ASCII letters, which ``str.lower`` does much faster than a lookup per character.
    """
    if text.isascii():
        return text.lower()
    pieces = _NON_ASCII.split(text)  # ASCII at even indexes, the rest at odd ones
    return "".join(piece.translate(table) if i % 2 else piece.lower() for i, piece in enumerate(pieces))


def fold(text: str) -> str:
    """Fold case, accents, compatibility forms and Arabic letter variants (see the module docstring)."""
    return _translate(text, fold_table())


def _fold_with_origin(text: str, table: dict[int, str]) -> tuple[str, list[int] | None]:
    """Fold ``text`` with ``table`` and say where each folded character came from (``None``: one to one)."""
    if text.isascii() or _irregular().search(text) is None:
        return _translate(text, table), None
    pieces: list[str] = []
    origin: list[int] = []
    for index, ch in enumerate(text):
        folded = table.get(ord(ch), ch)
        pieces.append(folded)
        origin.extend([index] * len(folded))
    return "".join(pieces), origin


@dataclass(frozen=True, slots=True)
class Analysed:
    """The terms of one text, in the three indexed fields.

    Attributes:
        terms: Words and CJK bigrams in order, for the main field (phrases match consecutive terms).
        chars: Single Han or kana characters, for one-character queries (empty for other scripts).
        stems: Tagged stems of the words (:mod:`hrdmap.search.stemming`), for word-form matches; only
            :func:`analyse_paragraph` fills them.
    """

    terms: list[str]
    chars: list[str]
    stems: list[str] = field(default_factory=list)


def _cjk_bigrams(run: str) -> list[str]:
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def _split(folded: str) -> tuple[list[str], list[str]]:
    """Words and CJK bigrams, and single CJK characters, of folded text."""
    if _CJK_RUN.search(folded) is None:
        return [w for w in _WORD.findall(folded) if len(w) <= MAX_TERM_CHARS], []
    terms: list[str] = []
    chars: list[str] = []
    for piece in _PIECE.findall(folded):
        if _CJK_RUN.match(piece):
            terms.extend(_cjk_bigrams(piece))
            chars.extend(piece)
        elif len(piece) <= MAX_TERM_CHARS:
            terms.append(piece)
    return terms, chars


def analyse(text: str) -> Analysed:
    """Terms to look up for a query word or phrase (no stems: see :func:`word_stems`).

    Example::

        >>> analyse("Défenseurs des droits: A/HRC/38/18").terms
        ['defenseurs', 'des', 'droits', 'a', 'hrc', '38', '18']
        >>> analyse("人权维护者").terms
        ['人权', '权维', '维护', '护者']
    """
    terms, chars = _split(fold(text))
    return Analysed(terms, chars)


def analyse_paragraph(text: str, language: str | None) -> Analysed:
    """Terms to index for a paragraph: those of :func:`analyse`, and the stems of its words in ``language``.

    Example::

        >>> analyse_paragraph("Défenseurs des droits, 2018", "fr").stems
        ['frdefenseur', 'frde', 'frdroit']
    """
    for_stems = _translate(text, _stem_fold_table())
    words, chars = _split(for_stems)
    terms = [w.translate(_TA_MARBUTA_FOLD) for w in words] if TA_MARBUTA in for_stems else words
    stems = [stem for stem in paragraph_stems(words, language) if stem is not None]
    return Analysed(terms, chars, stems)


def word_stems(text: str, languages: Sequence[str] = ()) -> tuple[str, ...]:
    """Tagged stems that a query word also matches in paragraphs of ``languages`` (all when empty).

    Empty unless ``text`` is a single word of a script with a stemmer (not a CJK run, a number, or a word the
    analyser splits, such as ``A/HRC/38/18``).
    """
    words, _ = _split(_translate(text, _stem_fold_table()))
    return query_stems(words[0], languages) if len(words) == 1 else ()


@lru_cache(maxsize=256)
def _matcher(terms: frozenset[str], prefixes: frozenset[str]) -> re.Pattern[str]:
    """Finds all ``terms`` and words starting with ``prefixes``, overlapping occurrences included.

    Only CJK bigrams overlap; without them the pattern does without the lookahead, which would stop the
    regex engine from skipping ahead to the possible first characters.
    """
    alternatives = [re.escape(t) for t in sorted(terms, key=len, reverse=True)]
    alternatives += [re.escape(p) + r"[^\W_]*" for p in sorted(prefixes, key=len, reverse=True)]
    if any(_CJK_RUN.search(term) for term in terms | prefixes):
        return re.compile("(?=(" + "|".join(alternatives) + "))")
    return re.compile("(" + "|".join(alternatives) + ")")


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


def _exact_spans(folded: str, terms: frozenset[str], prefixes: frozenset[str]) -> list[tuple[int, int]]:
    if not terms and not prefixes:
        return []
    found = [(m.start(1), m.end(1)) for m in _matcher(terms, prefixes).finditer(folded)]
    return [(start, end) for start, end in found if _whole(folded, start, end)]


@lru_cache(maxsize=256)
def _stem_candidates(stems: frozenset[str]) -> re.Pattern[str] | None:
    """Finds the words that may have one of the tagged ``stems``, so that only those need stemming.

    The English, French, Spanish and Russian stemmers change only the ending of a word, and by at most two
    letters past the stem (``ugly`` → ``ugli``, ``indication`` → ``indiqu``), so a word starts with its stem
    less two letters; the Arabic stemmer also removes prefixes, so any Arabic word may have an Arabic stem.
    A word missed by this filter would only lose its highlight, never a hit.
    """
    prefixes = {stem[2:][: max(1, len(stem) - 4)] for stem in stems if len(stem) > 2 and stem[:2] != "ar"}
    alternatives = [re.escape(prefix) for prefix in sorted(prefixes)]
    if any(stem.startswith("ar") for stem in stems):
        alternatives.append("[\u0600-\u06ff\u0750-\u077f]")
    if not alternatives:
        return None
    # No lookbehind for the start of a word: a pattern that opens with literals lets the regex engine skip
    # ahead fast; matches that start inside a word are dropped by the caller.
    return re.compile(f"(?:{'|'.join(alternatives)})[^\\W_{_CJK_RANGES}]*")


def _stem_spans(for_stems: str, stems: frozenset[str], language: str | None) -> list[tuple[int, int]]:
    candidates = _stem_candidates(stems) if stems else None
    if candidates is None:
        return []
    words = [
        m
        for m in candidates.finditer(for_stems)
        if len(m.group()) <= MAX_TERM_CHARS and _is_word_edge(for_stems, m.start() - 1)
    ]
    tagged = paragraph_stems([m.group() for m in words], language)
    return [m.span() for m, stem in zip(words, tagged, strict=True) if stem in stems]


def _original(spans: list[tuple[int, int]], origin: list[int] | None) -> list[tuple[int, int]]:
    """Spans in folded text moved back onto the text it was folded from."""
    if origin is None:
        return spans
    return [(origin[start], origin[end - 1] + 1) for start, end in spans]


def find_terms(
    text: str,
    terms: frozenset[str],
    prefixes: frozenset[str] = frozenset(),
    stems: frozenset[str] = frozenset(),
    language: str | None = None,
) -> list[tuple[int, int]]:
    """Where ``terms`` (analysed terms), words starting with ``prefixes``, or words with ``stems`` occur.

    Args:
        text: The paragraph as written.
        terms: Analysed terms to find.
        prefixes: Words starting with these are found too.
        stems: Tagged stems (:mod:`hrdmap.search.stemming`): words of ``text`` whose stem in ``language`` is
            one of them are found too ("defenders" for the stems of "defender").
        language: The paragraph's language, which decides how its Latin-script words are stemmed.

    Returns:
        ``(start, end)`` offsets into ``text`` itself, so ``text[start:end]`` is what the author wrote
        ("Défenseurs", "الإنسان"). CJK bigrams may overlap, and a word may be found both ways.
    """
    if not terms and not prefixes and not stems:
        return []
    for_stems, origin = _fold_with_origin(text, _stem_fold_table())
    folded = for_stems.translate(_TA_MARBUTA_FOLD) if TA_MARBUTA in for_stems else for_stems
    return _original(_exact_spans(folded, terms, prefixes) + _stem_spans(for_stems, stems, language), origin)
