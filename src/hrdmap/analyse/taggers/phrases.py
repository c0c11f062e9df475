"""Find many phrases in a text at once: the matching engine shared by the gazetteer and the keyword tagger.

One Aho-Corasick automaton (pyahocorasick) holds every phrase, folded: lower case, accents removed from Latin
letters, curly apostrophes made straight, hyphens, dashes and line breaks made spaces. Folding keeps every
character in place, so offsets found in the folded text are offsets in the original text. Then:

1. **Word boundaries.** A hit must not start or end inside a word ("Mali" is not found in "Somalia", "Oman"
not in
   "woman"). Phrases in Chinese or Japanese script have no boundaries to check, and a Chinese character next to
   a Latin word is a boundary ("LGBTI活动人士"); Arabic phrases may carry one proclitic letter (و ف ب ل ك)
   before them, or two (و or ف, then ب ل ك: "وبالحوار"), and one that opens with the article also follows ل
   without its alif ("الحوار", "للحوار").
2. **Case.** A phrase written with a capital first letter matches only a capitalised word ("Turkey", not the
bird
   "turkey"; "Chad", not "chad"). A one-word phrase with a capital after its first letter ("UK", "DRC", "oPt",
   "UN-Women", "WHO") is an acronym and matches only with its exact case ("WHO", never "who").
3. **Longest match wins.** Overlapping hits are settled longest first ("Papua New Guinea" over "Guinea",
   "Democratic Republic of the Congo" over "Congo"); a tie goes to the earlier hit.
4. **Stems.** A word ending in ``*`` may go on: "правозащитник*" finds "правозащитников", "правов* баз*" finds
   "правовой базы" (for inflected languages: Russian, Arabic).
5. **Blockers.** A phrase with no targets ("New Mexico", "Atlanta, Georgia") takes part in step 3 and then
hides
   what it covers.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import ahocorasick

Target = tuple[str, str]  # (framework, label)

_SPACES = "\n\t\r\u00a0\u2010\u2011\u2012\u2013\u2014\u2212-"
_APOSTROPHES = "\u2019\u2018`\u00b4\u02bc"
_PROCLITICS = frozenset("وفبلك")


def _fold_table() -> dict[int, str]:
    table = {ord(c): " " for c in _SPACES}
    table.update({ord(c): "'" for c in _APOSTROPHES})
    for code in range(0xC0, 0x250):
        decomposed = unicodedata.normalize("NFD", chr(code))
        if len(decomposed) > 1 and decomposed[0].isascii():
            table[code] = decomposed[0].lower()
    return table


_TABLE = _fold_table()


def fold(text: str) -> str:
    """Lower-case, accent-free form of ``text`` with the same length (offsets stay valid)."""
    low = text.lower()
    if len(low) != len(text):  # "İ" lowers to two characters: keep such characters as they are
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return low.translate(_TABLE)


def _is_cjk(text: str) -> bool:
    return any("\u3040" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff" for c in text)


def _is_arabic(text: str) -> bool:
    return any("\u0600" <= c <= "\u06ff" for c in text)


@dataclass(frozen=True, slots=True)
class Phrase:
    """A phrase to find and what it means.

    Attributes:
        text: The phrase as written; its case sets the case rule (see the module docstring).
        targets: ``(framework, label)`` pairs it signals; empty for a blocker.
        kind: What the phrase is, for the caller's own rules ("name", "ambiguous", "person", "keyword").
        default: For an ambiguous phrase, the label used when the context does not decide.
        exact_case: Force the exact-case rule (acronyms given as such).
    """

    text: str
    targets: tuple[Target, ...]
    kind: str = "name"
    default: str | None = None
    exact_case: bool = False

    @property
    def case_exact(self) -> bool:
        """Whether the phrase matches only with its exact case."""
        word = self.text.strip()
        return self.exact_case or (" " not in word and any(c.isupper() for c in word[1:]))


@dataclass(frozen=True, slots=True)
class Hit:
    """Where phrases were found: the span and the phrases (with the same folded text) whose case rule
    passed."""

    start: int
    end: int
    text: str
    phrases: tuple[Phrase, ...]


def _letters(text: str) -> str:
    return "".join(c for c in text if c.isalnum())


def _case_ok(phrase: Phrase, original: str) -> bool:
    if phrase.case_exact:
        written = _letters(phrase.text)
        found = _letters(original)
        return found.startswith(written) if phrase.text.endswith("*") else found == written
    first = phrase.text[:1]
    return not first.isupper() or original[:1].isupper()


class PhraseMatcher:
    """Finds phrases in texts; built once, used for many texts.

    Example::

        matcher = PhraseMatcher([Phrase("Niger", (("countries", "NER"),)), Phrase("Nigeria", (("countries",
        "NGA"),))])
        [h.text for h in matcher.find("Nigeria and the Niger")]  # ['Nigeria', 'Niger']
    """

    def __init__(self, phrases: Iterable[Phrase]) -> None:
        by_key: dict[str, list[Phrase]] = {}
        for phrase in phrases:
            key = fold(phrase.text.strip())
            if key.strip(" *"):
                by_key.setdefault(key, []).append(phrase)
        by_word: dict[str, list[tuple[re.Pattern[str] | None, tuple[Phrase, ...]]]] = {}
        for key, found in by_key.items():
            for variant in _arabic_forms(key):
                word, shape = _stems(variant)
                by_word.setdefault(word, []).append((shape, tuple(found)))
        self._automaton = ahocorasick.Automaton()
        for word, shapes in by_word.items():
            self._automaton.add_word(word, (len(word), tuple(shapes), _is_cjk(word), _is_arabic(word)))
        self._empty = not by_key
        if not self._empty:
            self._automaton.make_automaton()

    def find(self, text: str) -> list[Hit]:
        """Non-overlapping hits in ``text``, in text order, blockers removed."""
        return [h for h in _longest_first(self._candidates(text)) if any(p.targets for p in h.phrases)]

    def find_each(self, text: str, group: Callable[[Phrase], str]) -> list[Hit]:
        """Hits in ``text`` that overlap only hits of other groups: the longest match is chosen among the
        phrases of one ``group`` at a time (one framework's keywords do not hide another's), in text order."""
        grouped: dict[str, list[Hit]] = {}
        for hit in self._candidates(text):
            members: dict[str, list[Phrase]] = {}
            for phrase in hit.phrases:
                members.setdefault(group(phrase), []).append(phrase)
            for key, phrases in members.items():
                grouped.setdefault(key, []).append(Hit(hit.start, hit.end, hit.text, tuple(phrases)))
        found = [h for hits in grouped.values() for h in _longest_first(hits) if any(p.targets for p in h.phrases)]
        return sorted(found, key=lambda h: h.start)

    def _candidates(self, text: str) -> list[Hit]:
        """Every hit in ``text``, overlapping ones included."""
        if self._empty or not text:
            return []
        folded = fold(text)
        candidates: list[Hit] = []
        for end_index, (length, shapes, free, arabic) in self._automaton.iter(folded):
            start = end_index - length + 1
            for shape, phrases in shapes:
                end = end_index + 1
                if shape is not None:  # a stem: the word goes on, and so may the words after it
                    match = shape.match(folded, start)
                    if match is None:
                        continue
                    end = match.end()
                if not free and not _bounded(folded, start, end, arabic):
                    continue
                original = text[start:end]
                passing = tuple(p for p in phrases if _case_ok(p, original))
                if passing:
                    candidates.append(Hit(start, end, original, passing))
        return candidates


def _stems(key: str) -> tuple[str, re.Pattern[str] | None]:
    """What the automaton looks for, and the shape a hit must have when the phrase has stems.

    A word ending in ``*`` may go on ("правозащитник*" finds правозащитники, правозащитников; "المدافع*" finds
    المدافعين). The automaton finds the text up to the first ``*``; the shape then checks the rest of the phrase
    ("правов* баз*" finds "правовой базы").
    """
    if "*" not in key:
        return key, None
    head = key[: key.index("*")]
    parts = [re.escape(part) for part in key.split("*")]
    shape = r"\w*".join(parts).replace(r"\ ", r"\s+")
    return head, re.compile(shape + r"\w*" if key.endswith("*") else shape)


def _arabic_forms(key: str) -> tuple[str, ...]:
    """An Arabic phrase opening with the article also after the preposition ل, which drops the article's alif
    ("الحوار" → "للحوار"); the other one-letter proclitics are allowed by :func:`_bounded`."""
    return (key, "لل" + key[2:]) if key.startswith("ال") and len(key) > 3 else (key,)


def _letter(char: str) -> bool:
    """A character that continues a word: Chinese and Japanese characters do not (their text has no spaces, so
    "LGBTI活动人士" holds the word "LGBTI")."""
    return char.isalnum() and not _is_cjk(char)


def _bounded(folded: str, start: int, end: int, arabic: bool) -> bool:
    if end < len(folded) and _letter(folded[end]):
        return False
    if start == 0 or not _letter(folded[start - 1]):
        return True
    if not arabic or folded[start - 1] not in _PROCLITICS:
        return False
    if start == 1 or not _letter(folded[start - 2]):
        return True  # one proclitic: "والحوار", "بالحوار"
    # two: a conjunction then a preposition ("وبالحوار", "وللمدافعين")
    return folded[start - 2] in "وف" and folded[start - 1] in "بلك" and (start == 2 or not _letter(folded[start - 3]))


def _longest_first(hits: list[Hit]) -> list[Hit]:
    kept: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (h.start - h.end, h.start)):
        if all(hit.end <= k.start or hit.start >= k.end for k in kept):
            kept.append(hit)
    return sorted(kept, key=lambda h: h.start)
