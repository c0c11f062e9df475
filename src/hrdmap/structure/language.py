"""Language identification per block and per document, for the six UN languages.

The method, cheapest evidence first (speed matters: a PDF must be ingested at no less than half the rate of
bare text extraction, so a statistical model may not read every paragraph of every page):

1. **Script.** Most of the question is settled by the letters: Arabic script → ``ar``, Cyrillic → ``ru``, Han
   → ``zh``. Only Latin-script text needs more. Blocks without letters get no language; blocks mostly in
   another script (Greek, Devanagari …) get none either, since only the six languages are known.
2. **A declaration on the block** (HTML ``lang``, Word ``w:lang``, as ``RawBlock.lang``) is honoured when it
   names one of the six and agrees with the block's script.
3. **Function words.** In a Latin-script paragraph, the words that only English ("the", "of", "which"), only
   French ("et", "des", "qui", "d'") or only Spanish ("el", "los", "y", "del") use are counted; when one
   language has at least :data:`FUNCTION_WORDS_MIN` of them and four times as many as the next, it is the
   answer. This decides most long paragraphs at the cost of one pattern scan, and never decided wrongly on
   the test sets (UDHR in three languages, 4,366 blocks of ten UPR reports). When the blocks decided so far
   are mostly (:data:`DOMINANT_SHARE` of their letters) in one language, one of its function words and none
   of another's decide too: a UN document is in one language but for quotes and names, and on such short
   blocks lingua is slower and less often right (it read "A. Scope of international obligations" as French).
   Anything less clear-cut goes on.
4. **lingua** (``lingua-language-detector``), restricted to English, French and Spanish — the Latin-script
   languages among the six; Arabic, Chinese and Russian can never be the answer for Latin text — decides the
   remaining Latin blocks of at least :data:`MIN_LETTERS` letters, in parallel batches per document, on at
   most :data:`MAX_CHARS` characters of each. Blocks of :data:`LONG_TEXT` characters or more go to lingua's
   low-accuracy mode (trigrams only: about twice as fast, and as accurate at that length, which is where
   lingua's authors place its limit); shorter ones to its high-accuracy mode, the most accurate on short
   text. Both detectors are built once per process, with their models loaded.
   Lists of proper names ("Algeria, Argentina, Bolivia (Plurinational State of)", :func:`is_name_list`) skip
   lingua, which reads them as French or Spanish as often as English, and a block of at most
   :data:`BARE_WORDS` words without any function word takes the dominant language when there is one; contents
   entries' dot leaders are taken out first.
5. **Short Latin blocks** (headings, "Yes", "OHCHR", lists of names) inherit the document's language: the main
   Latin-script language decided so far; else the document's declared language (``RawDocument.lang``) when it is
   English, French or Spanish; else lingua on all the short Latin texts together, when they make enough letters;
   else the document's main language, whatever its script ("OHCHR" in an Arabic document is read as Arabic).

``Document.languages`` lists the languages by their share of the document's letters, main first, dropping
shares under :data:`MIN_SHARE`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import cache
from typing import Any

MIN_LETTERS = 20
"""Latin-script blocks with fewer letters than this inherit the document's language."""

MAX_CHARS = 200
"""Characters of a block that lingua reads; more adds time and no accuracy at this length."""

LONG_TEXT = 120
"""Blocks with at least this many characters are read in lingua's low-accuracy (faster) mode."""

MIN_SHARE = 0.05
"""Languages with a smaller share of the document's letters are left out of ``Document.languages``."""

FUNCTION_WORDS_MIN = 4
"""Function words of one language needed (with four times as many as any other) to decide without lingua."""

DOMINANT_SHARE = 0.9
"""Share of the decided letters a language needs for weaker evidence to decide the other blocks for it."""

BARE_WORDS = 6
"""A block of at most this many words and no function word (a heading: "D. International obligations") takes
the document's dominant language."""

LATIN_LANGUAGES = ("en", "fr", "es")
_FUNCTION_WORDS = {
    "en": "the of and to is that for with by be are this which have has its their shall from it an or at not "
    "was were been all will should these such into any who",
    "fr": "et à au aux du des est qui dans pour par sur une ses ne pas il elle cette ce ces été être leur "
    "leurs avec ou d' l' qu' aussi",
    "es": "el los las del y por para con su sus al lo como más es este esta una o ha han",
}
_FUNCTION_WORD_LANGUAGE = {
    form: language
    for language, words in _FUNCTION_WORDS.items()
    for word in words.split()
    # "d'", "l'", "qu'" count only elided ("d'une", "l’homme"); whole words also before an apostrophe ("it's")
    for form in ((word,) if word.endswith("'") else (word, word + "'"))
}
# Punctuation and digits become spaces and an apostrophe ends its word ("d'une" → "d' une"), so that splitting
# on spaces gives the words. Done on UTF-8 bytes, with a byte table: several times faster than a word pattern.
_FUNCTION_WORD_BYTES = {word.encode(): language for word, language in _FUNCTION_WORD_LANGUAGE.items()}
_ASCII_BREAKS = b"!\"#$%&()*+,-./0123456789:;<=>?@[\\]^_`{|}~"
_BYTE_BREAKS = bytes.maketrans(_ASCII_BREAKS, b" " * len(_ASCII_BREAKS))
_OTHER_BREAKS = "“”«»–—…„‘•·\u00a0"
_FUNCTION_WORDS_SCAN = 600  # characters of a block scanned for function words
_SCRIPT_LANGUAGE = {"arabic": "ar", "cyrillic": "ru", "han": "zh"}
_LANGUAGE_SCRIPT = {
    "ar": "arabic", "ru": "cyrillic", "zh": "han", "en": "latin", "fr": "latin", "es": "latin"
}
_SCRIPTS = {
    "latin": re.compile(r"[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff]+"),
    "arabic": re.compile("[\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff\u0750-\u077f\u08a0-\u08ff]+"),
    "cyrillic": re.compile("[\u0400-\u04ff]+"),
    "han": re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+"),
}
_LETTERS = re.compile(r"[^\W\d_]+")
_LEADERS = re.compile(r"(?:\s?\.){4,}|…{2,}")  # a contents entry's dot leaders ("……… 12")
_LIST_ITEMS = re.compile(r"\s*(?:[,;\n]|\band\b|\bet\b|\by\b)\s*")
_LIST_LEAD = re.compile(r"^\s*(?:[•·▪◦●■►➢✓*\-–—]|\(\w{1,4}\)|\w{1,4}[.)])\s+")  # a bullet or label
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_ASCII_NON_LETTERS = bytes(code for code in range(128) if not chr(code).isalpha())


def script_letters(text: str) -> tuple[str | None, int]:
    """Return the script most of a text's letters are written in, and the number of letters.

    ASCII letters are counted with a byte translation (most blocks of a Latin-script document are ASCII but for
    a few quotes or accents); only the other characters go through the script patterns.

    Returns:
        ("latin" | "arabic" | "cyrillic" | "han" | "other" | ``None`` when there are no letters, letters).
    """
    ascii_part = text.encode("ascii", "ignore")
    latin = len(ascii_part.translate(None, _ASCII_NON_LETTERS))
    if len(ascii_part) == len(text):
        return ("latin", latin) if latin else (None, 0)
    rest = "".join(_NON_ASCII.findall(text))
    letters = latin + _count(_LETTERS, rest)
    if letters == 0:
        return None, 0
    latin += _count(_SCRIPTS["latin"], rest)
    if latin * 2 >= letters:  # mostly Latin: no need to count the other scripts
        return "latin", letters
    counts = {name: _count(pattern, rest) for name, pattern in _SCRIPTS.items() if name != "latin"}
    script, count = max(counts.items(), key=lambda item: item[1])
    return (script if count * 2 >= letters else "other"), letters


def _count(pattern: re.Pattern[str], text: str) -> int:
    """Characters of ``text`` matched by ``pattern`` (a pattern of runs, so few matches to build)."""
    return sum(len(run) for run in pattern.findall(text))


def function_word_counts(text: str) -> dict[str, int]:
    """Count the function words only English, only French and only Spanish use in (the start of) a text."""
    head = text[:_FUNCTION_WORDS_SCAN].lower()
    if not head.isascii():
        for char in _OTHER_BREAKS:
            if char in head:
                head = head.replace(char, " ")
        head = head.replace("’", "'")
    words = head.replace("'", "' ").encode().translate(_BYTE_BREAKS).split()
    found = Counter(map(_FUNCTION_WORD_BYTES.get, words))
    return {language: found[language] for language in LATIN_LANGUAGES}


def by_function_words(text: str, *, expected: str | None = None) -> str | None:
    """Decide English, French or Spanish by function words, when clear-cut.

    Args:
        text: A Latin-script text.
        expected: The language most of the document is in, if any: then one function word of that language and
            none of another are enough.

    Returns:
        The language, or ``None`` when the function words do not settle it.
    """
    return _by_counts(function_word_counts(text), expected)


def _by_counts(counts: dict[str, int], expected: str | None) -> str | None:
    (best, most), (_, next_most), _ = sorted(counts.items(), key=lambda item: -item[1])
    if most >= FUNCTION_WORDS_MIN and most >= 4 * next_most:
        return best
    return best if best == expected and most >= 1 and next_most == 0 else None


def is_name_list(text: str) -> bool:
    """Tell whether a text is a list of proper names: States, organizations, people with their titles
    ("Algeria, Argentina, Bolivia (Plurinational State of), Botswana"; "• Ms. Maysa Al Thawadi, Journalist;";
    "(d) Observer for a national human rights institution: Conseil national des droits de l'homme du Maroc;").

    Such lists say nothing of the language they are written in, and lingua reads them as French or Spanish as
    often as English; they take the document's language. A list has two or more items, separated by commas,
    semicolons or "and" / "et" / "y", at least three in four of them opening with a capital and at most twelve
    words long; a short lead ending in a colon ("Observers for non-governmental organizations:") is left out.
    """
    body = _LIST_LEAD.sub("", text, count=1)
    lead, colon, rest = body.partition(":")
    if colon and len(lead.split()) <= 12 and rest.strip():
        body = rest
    items = [item for item in _LIST_ITEMS.split(body.strip(" .;")) if item]
    if len(items) < 2 - bool(colon):
        return False
    names = sum(1 for item in items if item[:1].isupper() and len(item.split()) <= 12)
    return names * 4 >= len(items) * 3


def declared_language(tag: str | None, script: str | None) -> str | None:
    """Return a declared BCP 47 tag's language when it is one of the six and agrees with ``script``."""
    if not tag:
        return None
    language = re.split(r"[-_]", tag.strip().lower(), maxsplit=1)[0]
    return language if _LANGUAGE_SCRIPT.get(language) == script else None


def detect_latin(texts: Sequence[str]) -> list[str | None]:
    """Detect English, French or Spanish for each Latin-script text, in one parallel batch."""
    long = [i for i, text in enumerate(texts) if len(text) >= LONG_TEXT]
    short = [i for i, text in enumerate(texts) if len(text) < LONG_TEXT]
    found: list[str | None] = [None] * len(texts)
    for indices, detector in ((long, _detector(fast=True)), (short, _detector(fast=False))):
        if indices:
            results = detector.detect_languages_in_parallel_of([texts[i][:MAX_CHARS] for i in indices])
            for i, result in zip(indices, results, strict=True):
                found[i] = result.iso_code_639_1.name.lower() if result is not None else None
    return found


def identify_languages(
    texts: Sequence[str], declared: Sequence[str | None], document_declared: str | None
) -> tuple[list[str | None], tuple[str, ...]]:
    """Identify the language of every block and rank the document's languages.

    Args:
        texts: The blocks' texts, labels included, in document order.
        declared: The language each block's format declares (BCP 47) or ``None``, aligned with ``texts``.
        document_declared: The language the file declares for itself, if any.

    Returns:
        Each block's language (ISO 639-1, or ``None``), and the document's languages, main first.
    """
    texts = [_LEADERS.sub(" ", text) if ".." in text or "…" in text else text for text in texts]
    scripts = [script_letters(text) for text in texts]
    languages: list[str | None] = [None] * len(texts)
    pending: dict[int, dict[str, int]] = {}  # undecided Latin blocks and their function-word counts
    for i, (script, letters) in enumerate(scripts):
        own = declared_language(declared[i], script)
        if own is not None or script is None:
            languages[i] = own
        elif script in _SCRIPT_LANGUAGE:
            languages[i] = _SCRIPT_LANGUAGE[script]
        elif script == "latin" and letters >= MIN_LETTERS:
            counts = function_word_counts(texts[i])
            languages[i] = _by_counts(counts, None)
            if languages[i] is None and not is_name_list(texts[i]):
                pending[i] = counts
    still = _settle_by_document_language(languages, texts, scripts, pending)
    for i, language in zip(still, detect_latin([texts[i] for i in still]), strict=True):
        languages[i] = language
    fallback = _fallback_language(_ranked(languages, scripts, 0.0), texts, scripts, document_declared)
    for i, (script, _) in enumerate(scripts):
        if languages[i] is None and script == "latin":
            languages[i] = fallback
    return languages, _ranked(languages, scripts)


def _settle_by_document_language(
    languages: list[str | None],
    texts: Sequence[str],
    scripts: Sequence[tuple[str | None, int]],
    pending: dict[int, dict[str, int]],
) -> list[int]:
    """Settle undecided blocks by weaker function-word evidence when the decided ones are mostly in one language;
    a short block without any function word (a heading) takes that language.

    Args:
        languages: The languages decided so far, completed in place.
        texts: The blocks' texts.
        scripts: Each block's script and letters.
        pending: The undecided blocks and their function-word counts.

    Returns:
        The blocks still undecided.
    """
    expected = _dominant_language(languages, scripts)
    if expected is None:
        return list(pending)
    still = []
    for i, counts in pending.items():
        bare = not any(counts.values()) and len(texts[i].split()) <= BARE_WORDS + 1  # a label may lead
        languages[i] = expected if bare else _by_counts(counts, expected)
        if languages[i] is None:
            still.append(i)
    return still


def _dominant_language(languages: Sequence[str | None], scripts: Sequence[tuple[str | None, int]]) -> str | None:
    """The Latin-script language of at least :data:`DOMINANT_SHARE` of the letters of the blocks decided so far."""
    shares: Counter[str] = Counter()
    for language, (_, letters) in zip(languages, scripts, strict=True):
        if language in LATIN_LANGUAGES:
            shares[language] += letters
    if not shares:
        return None
    language, letters = shares.most_common(1)[0]
    return language if letters >= DOMINANT_SHARE * sum(shares.values()) else None


def _fallback_language(
    main: tuple[str, ...],
    texts: Sequence[str],
    scripts: Sequence[tuple[str | None, int]],
    document_declared: str | None,
) -> str | None:
    """The language short Latin blocks inherit (see the module's docstring)."""
    latin = [language for language in main if language in LATIN_LANGUAGES]
    if latin:
        return latin[0]
    own = declared_language(document_declared, "latin")
    if own is not None:
        return own
    short = [text for text, (script, _) in zip(texts, scripts, strict=True) if script == "latin"]
    letters = sum(n for script, n in scripts if script == "latin")
    if letters >= MIN_LETTERS:
        return detect_latin([" ".join(short)])[0]
    return main[0] if main else None


def _ranked(
    languages: Sequence[str | None], scripts: Sequence[tuple[str | None, int]], min_share: float = MIN_SHARE
) -> tuple[str, ...]:
    """Languages by their share of letters, main first, without shares under ``min_share``."""
    shares: Counter[str] = Counter()
    for language, (_, letters) in zip(languages, scripts, strict=True):
        if language is not None:
            shares[language] += letters
    total = sum(shares.values())
    return tuple(lang for lang, n in shares.most_common() if n >= min_share * total)


@cache
def _detector(*, fast: bool) -> Any:
    """A lingua detector for the Latin-script UN languages, built once (lingua ships no type hints)."""
    from lingua import Language, LanguageDetectorBuilder

    builder = LanguageDetectorBuilder.from_languages(Language.ENGLISH, Language.FRENCH, Language.SPANISH)
    builder = builder.with_preloaded_language_models()
    return (builder.with_low_accuracy_mode() if fast else builder).build()
