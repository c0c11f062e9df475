"""Read what a user types into a search box: words, "quoted phrases", OR, and -exclusions.

The syntax is small on purpose and never fails: characters it has no use for separate words, so
``A/HRC/38/18``, ``"98.12"``, ``(a)`` and ``don't`` are all ordinary queries.

- Words must all occur (AND), in any of their forms: ``defender`` also finds ``defenders`` (the paragraph's
  words are stemmed in its language, see :mod:`hrdmap.search.stemming`), though exact forms rank higher. A
  word the analyser splits into several terms is matched as a phrase, so ``A/HRC/38/18`` finds the symbol and
  not its four parts scattered about.
- ``"quoted words"`` must occur next to each other, in that order, as written (folded, but not stemmed): a
  quoted single word, ``"defender"``, finds that form only. “Curly”, „low“ and «guillemet» quotes work too.
- ``OR`` (capitals) between two words or phrases accepts either: ``defenders OR activists killed``.
- ``word*`` matches words that start with ``word`` (``defend*``: defend, defender, defenders …), and
  ``"human rig*"`` phrases whose last word starts so.
- ``-word``, ``-"a phrase"`` or ``NOT word`` exclude paragraphs that contain them. ``AND`` is accepted and
  changes nothing.
- A single Chinese or Japanese character matches that character anywhere; longer runs match as bigrams.

Back-ends fall back to "any of the words" when all of them together find nothing (see ``docs/search.md``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from hrdmap.search.analysis import analyse, word_stems

TERMS_FIELD = "terms"
"""Index field of words and CJK bigrams."""
CHARS_FIELD = "chars"
"""Index field of single CJK characters."""
STEMS_FIELD = "stems"
"""Index field of the tagged stems of the words (no positions: phrases match exact words only)."""
EXACT_BOOST = 2.0
"""How much more a word as typed weighs than another form of it (a match on its stem only)."""
MAX_CLAUSES = 64
"""Words after this many are ignored, so a pasted page cannot make one query arbitrarily slow."""

_QUOTES = str.maketrans({q: '"' for q in "“”„‟«»＂"})
_PREFIX = re.compile(r"[^\W_]\*+\s*$")
_TOKEN = re.compile(r'(?P<neg>-)?(?:"(?P<phrase>[^"]*)"|(?P<word>[^\s"]+))')


@dataclass(frozen=True, slots=True)
class Phrase:
    """Terms that must occur in this order, next to each other, in one field (or a single term).

    Attributes:
        field: :data:`TERMS_FIELD` or :data:`CHARS_FIELD`.
        terms: Analysed terms.
        prefix: The last term matches any term that starts with it.
        stems: Tagged stems in :data:`STEMS_FIELD` that match too, ranked below the exact term: set for an
            unquoted single word of a stemmed script only.
    """

    field: str
    terms: tuple[str, ...]
    prefix: bool = False
    stems: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Clause:
    """One unit of the query: any of its alternatives may match.

    Attributes:
        alternatives: Phrases joined by ``OR``.
        excluded: The clause must not match (``-word``).
    """

    alternatives: tuple[Phrase, ...]
    excluded: bool = False


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    """A query ready for a back-end: required clauses (AND) and excluded ones."""

    clauses: tuple[Clause, ...]

    @property
    def required(self) -> tuple[Clause, ...]:
        """Clauses a hit must match."""
        return tuple(c for c in self.clauses if not c.excluded)

    @property
    def excluded(self) -> tuple[Clause, ...]:
        """Clauses a hit must not match."""
        return tuple(c for c in self.clauses if c.excluded)

    def _phrases(self) -> list[Phrase]:
        return [phrase for clause in self.required for phrase in clause.alternatives]

    def highlight_terms(self) -> frozenset[str]:
        """Whole terms to mark in snippets: those of the required clauses."""
        return frozenset(term for p in self._phrases() for term in (p.terms[:-1] if p.prefix else p.terms))

    def highlight_prefixes(self) -> frozenset[str]:
        """Prefixes to mark in snippets (with the rest of the word they start)."""
        return frozenset(p.terms[-1] for p in self._phrases() if p.prefix)

    def highlight_stems(self) -> frozenset[str]:
        """Tagged stems whose words to mark in snippets (the paragraph's other forms of the query's words)."""
        return frozenset(stem for p in self._phrases() for stem in p.stems)


def _phrase(text: str, quoted: bool, languages: Sequence[str]) -> Phrase | None:
    """The phrase a word or quoted text stands for, or ``None`` when it has no terms (punctuation only)."""
    analysed = analyse(text)
    if not analysed.terms:
        return None
    if len(analysed.chars) == 1 and analysed.terms == analysed.chars:
        return Phrase(CHARS_FIELD, tuple(analysed.chars))
    prefix = _PREFIX.search(text) is not None
    stems = () if quoted or prefix or len(analysed.terms) > 1 else word_stems(text, languages)
    return Phrase(TERMS_FIELD, tuple(analysed.terms), prefix=prefix, stems=stems)


def parse_query(text: str, languages: Sequence[str] = ()) -> ParsedQuery:
    """Parse a user's query; never raises.

    Args:
        text: What the user typed.
        languages: The search's language filter (empty: any language), which decides the languages a
            Latin-script word is stemmed in (:func:`hrdmap.search.stemming.query_stems`).

    Example::

        >>> [c.alternatives[0].terms for c in parse_query('A/HRC/38/18 "human rights"').clauses]
        [('a', 'hrc', '38', '18'), ('human', 'rights')]
        >>> parse_query("defenders", languages=["en"]).clauses[0].alternatives[0].stems
        ('endefend',)
    """
    clauses: list[Clause] = []
    join_next = negate_next = False
    for match in _TOKEN.finditer(text.translate(_QUOTES)):
        if len(clauses) > MAX_CLAUSES:
            break
        word = match.group("word")
        if word in ("OR", "AND", "NOT"):
            join_next = word == "OR" and bool(clauses) and not clauses[-1].excluded
            negate_next = word == "NOT"
            continue
        quoted = word is None
        phrase = _phrase(match.group("phrase") if quoted else word, quoted, languages)
        excluded = match.group("neg") is not None or negate_next
        if phrase is not None and join_next and not excluded:
            clauses[-1] = Clause((*clauses[-1].alternatives, phrase))
        elif phrase is not None:
            clauses.append(Clause((phrase,), excluded))
        join_next = negate_next = False
    return ParsedQuery(tuple(clauses[:MAX_CLAUSES]))
