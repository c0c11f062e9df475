"""The gazetteer tagger: countries, regions, UN entities and human rights mechanisms named in a passage.

Every tag carries the matched spans as evidence. Names come from the reference data (six UN languages,
everyday
variants, adjectives); the matching rules (word boundaries, case, longest match, blockers) are those of
:mod:`hrdmap.analyse.taggers.phrases`. On top, country names get three rules of their own (docs/taggers.md lists them
all):

- **Ambiguous names** ("Congo", "Congolese", "Korean", "Dominican") take the candidate that the same passage
names
  unambiguously ("the Democratic Republic of the Congo … in eastern Congo" → COD); otherwise their default
  ("Congo" → COG, the UN short name) with a lower score, or no tag when there is no default ("Congolese").
- **Personal names.** "Jordan", "Chad", "Georgia" (and "Maurice"/"Mauricio", Mauritius in French and Spanish)
are
  dropped when a title comes before them ("Mr. Chad") or a capitalised word that is not a place word stands
  right
  before or after them ("Jordan Smith", "Michael Jordan"), as a first name or surname would.
- **Organisations.** A country inside an organisation's name is tagged when the organisation is national
("Kenya
  National Commission on Human Rights", "Amnesty International Kenya": both are about Kenya). Names that only
  look
  national are blocked ("Bank of America") or never listed: the adjective "American" is not a variant of the
  United States ("American Bar Association", "Inter-American Commission"), nor are adjectives that are also UN
  language names ("Chinese", "Russian", "Spanish").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from typing import ClassVar

from hrdmap.analyse.reference import data
from hrdmap.analyse.taggers.base import Passage
from hrdmap.analyse.taggers.phrases import Hit, Phrase, PhraseMatcher
from hrdmap.domain.framework import Framework
from hrdmap.domain.tags import Evidence, EvidenceKind, Tag

COUNTRIES = "countries"
REGIONS = "regions"
UN_ENTITIES = "un-entities"
MECHANISMS = "mechanisms"

SCORE_NAME = 1.0
SCORE_CONTEXT = 0.85
SCORE_DEFAULT = 0.6

_TITLES = frozenset(
    "mr mrs ms miss dr sr sra srta m mme mlle prof sir judge father señor señora don doña monsieur "
    "madame".split()
)
_PLACE_WORDS = frozenset(
    """In The From To And Or Of For With Both Including Like As At On By Between Across Throughout Within
    Outside
    Neighbouring Neighboring Lake Northern Southern Eastern Western Central North South East West Kingdom
    Republic
    Hashemite Visit While Whereas Unlike Also Then Today Moreover However Furthermore Although Thus Since
    Until
    After Before During Under Against Over Than Via Where When Has Have Had Is Was Are Were Will Country
    Office
    Government Ministry Mission National Parliament Red Human Report Situation Delegation UNHCR Refugee Au En
    De
    Le La Les Et Du Des Al El Y Del Los Las Por Para Con Sur Le""".split()
)
_WORD = r"[^\W\d_][\w'’-]*"
_BEFORE = re.compile(rf"({_WORD})(\.?)\s+$")
_AFTER = re.compile(rf"\s+({_WORD})")


def _phrases() -> Iterable[Phrase]:
    rules = data.country_rules()
    person = set(rules.person_names)
    for country in data.countries():
        for variant in country.variants:
            yield Phrase(variant, ((COUNTRIES, country.id),), "person" if variant in person else "name")
    for ambiguity in rules.ambiguous:
        targets = tuple((COUNTRIES, i) for i in ambiguity.ids)
        yield from (Phrase(n, targets, "ambiguous", ambiguity.default) for n in ambiguity.names)
    yield from (Phrase(b, (), "blocker") for b in rules.blockers)
    for region in data.regions():
        yield from (Phrase(v, ((REGIONS, region.id),)) for v in region.variants)
    for framework, bodies in ((UN_ENTITIES, data.un_entities()), (MECHANISMS, data.mechanisms())):
        for body in bodies:
            yield from (Phrase(v, ((framework, body.id),)) for v in body.variants)
            yield from (Phrase(a, ((framework, body.id),), exact_case=True) for a in body.acronyms)


@cache
def default_matcher() -> PhraseMatcher:
    """The matcher over all shipped reference data (built once per process, about a second)."""
    return PhraseMatcher(_phrases())


def _is_name_word(word: str) -> bool:
    return len(word) > 1 and word[0].isupper() and word[1:].islower() and word not in _PLACE_WORDS


def looks_like_person(text: str, start: int, end: int) -> bool:
    """Whether the word at ``text[start:end]`` reads as a first name or surname rather than a place."""
    before = _BEFORE.search(text[max(0, start - 40) : start])
    if before and before.group(1).lower() in _TITLES:
        return True
    if before and not before.group(2) and _is_name_word(before.group(1)):
        return True
    after = _AFTER.match(text[end : end + 40])
    return bool(after and _is_name_word(after.group(1)))


def _evidence(hit: Hit, rule: str) -> Evidence:
    return Evidence(EvidenceKind.SPAN, hit.text, hit.start, hit.end, {"rule": rule})


def _resolve(hit: Hit, phrase: Phrase, certain: set[str]) -> list[tuple[str, str, float, str]]:
    """``(framework, label, score, rule)`` for one phrase of a hit."""
    if phrase.kind != "ambiguous":
        return [(fw, label, SCORE_NAME, phrase.kind) for fw, label in phrase.targets]
    chosen = [label for _, label in phrase.targets if label in certain]
    if len(chosen) == 1:
        return [(COUNTRIES, chosen[0], SCORE_CONTEXT, "ambiguous-context")]
    if phrase.default is not None:
        return [(COUNTRIES, phrase.default, SCORE_DEFAULT, "ambiguous-default")]
    return []


class GazetteerTagger:
    """Tags countries (ISO3), regions, UN entities and mechanisms, each with the matched spans.

    Example::

        GazetteerTagger().tag([Passage(1, "OHCHR trained defenders in Papua New Guinea.")])
        # [[Tag("countries", "PNG", 1.0, "gazetteer", (Evidence(SPAN, "Papua New Guinea", 27, 43),)),
        #   Tag("un-entities", "OHCHR", 1.0, "gazetteer", (Evidence(SPAN, "OHCHR", 0, 5),))]]
    """

    name: ClassVar[str] = "gazetteer"

    def __init__(
        self,
        matcher: PhraseMatcher | None = None,
        *,
        frameworks: Mapping[str, Framework] | None = None,
        embedder: str | None = None,
    ) -> None:
        """``frameworks`` and ``embedder`` are accepted as the registry passes them to every tagger; places need
        neither."""
        self._matcher = matcher or default_matcher()

    def tag(self, passages: Sequence[Passage]) -> list[list[Tag]]:
        """Tags for each passage, in order."""
        return [self.tag_text(p.text) for p in passages]

    def tag_text(self, text: str) -> list[Tag]:
        """Tags for one text, sorted by framework and label."""
        hits = [h for h in self._matcher.find(text) if not self._is_person(h, text)]
        certain = {
            label
            for h in hits
            for p in h.phrases
            if p.kind != "ambiguous"
            for fw, label in p.targets
            if fw == COUNTRIES
        }
        found: dict[tuple[str, str], tuple[float, list[Evidence]]] = {}
        for hit in hits:
            for phrase in hit.phrases:
                for framework, label, score, rule in _resolve(hit, phrase, certain):
                    best, spans = found.get((framework, label), (0.0, []))
                    if all(e.start != hit.start for e in spans):
                        spans.append(_evidence(hit, rule))
                    found[(framework, label)] = (max(best, score), spans)
        return [
            Tag(fw, label, score, self.name, tuple(spans))
            for (fw, label), (score, spans) in sorted(found.items())
        ]

    @staticmethod
    def _is_person(hit: Hit, text: str) -> bool:
        return all(p.kind == "person" for p in hit.phrases) and looks_like_person(text, hit.start, hit.end)
