"""Word forms: reduce words to their Snowball stems, so ``defender`` finds ``defenders`` and ``défenseurs``.

Stemming depends on the language, and a word's script says only part of it:

- **Cyrillic** words are stemmed as Russian and **Arabic** words with the Arabic light stemmer, whatever the
  paragraph's language.
- **Latin** words are stemmed in the paragraph's language when it is English, French or Spanish, and as
  English otherwise (Latin words in Russian, Arabic or Chinese paragraphs are mostly English names and titles;
  a paragraph without a language is treated the same way).
- Other scripts (Chinese and Japanese bigrams, Greek …), and words that start with a digit, have no stem.

A stem is stored *tagged* with its language, ``"en" + "defend"`` → ``endefend``, so that an English stem never
matches a French one that happens to be spelt the same, and a paragraph matches at most one stem of each query
word. Tags are two letters and stems never start with a digit, so a tagged stem is always one word for both
back-ends' tokenizers and two different (language, stem) pairs never give the same tag.

The stemmer reads folded words (:mod:`hrdmap.search.analysis`), so accents typed or not give the same stem,
with one exception: Arabic ta marbuta (``ة``) is kept until after stemming, because the Arabic stemmer needs it to
remove feminine endings (``المدافعة`` → ``مدافع``, like ``المدافعين``).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from functools import lru_cache

import Stemmer

SNOWBALL = {"en": "english", "fr": "french", "es": "spanish", "ru": "russian", "ar": "arabic"}
"""Stemmed languages (ISO 639-1) and their Snowball algorithm."""
LATIN_LANGUAGES = ("en", "fr", "es")
"""Languages whose Latin-script words are stemmed in their own language; others fall back to English."""
TA_MARBUTA = "\u0629"
"""Kept in the words handed to the stemmer, folded to ha (``ه``) in the stems it returns."""
_HA = "\u0647"
_PER_THREAD = threading.local()


def _stemmer(language: str) -> Stemmer.Stemmer:
    """This thread's stemmer for ``language`` (a Snowball stemmer must not be shared between threads)."""
    stemmers: dict[str, Stemmer.Stemmer] = _PER_THREAD.__dict__.setdefault("stemmers", {})
    if language not in stemmers:
        stemmers[language] = Stemmer.Stemmer(SNOWBALL[language])
    return stemmers[language]


def latin_language(code: str | None) -> str:
    """The language whose stemmer reads the Latin-script words of a paragraph in ``code`` (ISO 639-1).

    Example::

        >>> latin_language("FR"), latin_language("ru"), latin_language(None)
        ('fr', 'en', 'en')
    """
    primary = (code or "").casefold().partition("-")[0]
    return primary if primary in LATIN_LANGUAGES else "en"


def _script_language(word: str) -> str | None:
    """``"latin"``, or the language of the stemmer for ``word`` by the script of its first character."""
    first = word[0]
    if first < "\u0250":
        return "latin" if first.isalpha() else None
    if "\u0400" <= first <= "\u052f":
        return "ru"
    if "\u0600" <= first <= "\u06ff" or "\u0750" <= first <= "\u077f":
        return "ar"
    return None


def _tagged(language: str, word: str) -> str:
    stem: str = _stemmer(language).stemWord(word)
    if language == "ar":
        stem = stem.replace(TA_MARBUTA, _HA)
    return language + stem


@lru_cache(maxsize=1 << 16)
def _paragraph_stem(word: str, latin: str) -> str | None:
    """The tagged stem of a word of a paragraph whose Latin-script words are stemmed in ``latin``.

    Cached: a corpus repeats its words, and snippets stem every word of the paragraphs they show.
    """
    stemmed_as = _script_language(word) if word else None
    if stemmed_as is None:
        return None
    return _tagged(latin if stemmed_as == "latin" else stemmed_as, word)


def paragraph_stems(words: Iterable[str], language: str | None) -> list[str | None]:
    """Tagged stems of a paragraph's words, one per word (``None`` where the script has no stemmer).

    Args:
        words: Folded words, ta marbuta kept (see the module docstring).
        language: The paragraph's language (ISO 639-1), or ``None``.
    """
    latin = latin_language(language)
    return [_paragraph_stem(word, latin) for word in words]


def query_stems(word: str, languages: Sequence[str] = ()) -> tuple[str, ...]:
    """Tagged stems under which a query word occurs in paragraphs of ``languages`` (any language when empty).

    A Latin-script word is stemmed in each language its paragraphs may have been stemmed in: the Latin
    languages of the filter, or English, French and Spanish without one.

    Example::

        >>> query_stems("defenders")
        ('endefend', 'frdefender', 'esdefenders')
        >>> query_stems("defenders", languages=["en", "ru"])
        ('endefend',)
    """
    stemmed_as = _script_language(word) if word else None
    if stemmed_as is None:
        return ()
    if stemmed_as != "latin":
        candidates: Sequence[str] = (stemmed_as,)
    elif languages:
        candidates = sorted({latin_language(code) for code in languages})
    else:
        candidates = LATIN_LANGUAGES
    return tuple(dict.fromkeys(_tagged(language, word) for language in candidates))
