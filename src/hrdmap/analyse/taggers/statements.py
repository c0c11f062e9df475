"""The statement-kind tagger: is a passage a practice, a challenge or gap, or a recommendation?

Each kind has cue phrases (English, French, Spanish; a few Russian and Arabic ones), each with a strength in
(0, 1). A passage's score for a kind combines the distinct cues found as independent signals,
``1 - Π(1 - strength)``; a kind is tagged when its score reaches :data:`THRESHOLD`. A passage may be several
kinds at once ("Despite the law adopted in 2015, defenders continue to face threats"). Each tag's evidence
lists the cues that fired, with their spans.

Two rules keep the kinds apart. A passage that *opens* as a recommendation item (an imperative "98.12. Adopt …",
an infinitive "Apoyar …", a subjunctive "Que le HCDH renforce …", "À l'État, d'adopter …", recommending States
in brackets at the end) is a recommendation only: the problem it names is not a finding. And *topical*
challenge words (threats, attacks, reprisals, harassment, gaps …) count only in a sentence with no practice or
recommendation cue: "UNDP supported clinics for defenders facing harassment" is a practice.

Practices are found by action verbs: a present perfect ("has established", "a adopté", "ha establecido"), a past
tense after an actor ("Norway supported", "UNDP helped", "We organized"), a bare past tense, a present tense
after an actor ("UNDP supports", "La Commission reçoit", "El Gobierno mantiene"), Spanish preterites ("apoyó"),
Russian and Arabic past forms ("поддержала", "نظّم").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import ClassVar

import ahocorasick

from hrdmap.analyse.taggers.base import Passage
from hrdmap.analyse.taggers.statement_cues import CASE_SENSITIVE, CUES, OPENINGS, TOPICAL, Cue
from hrdmap.analyse.taggers.statement_cues_more import RU_AR_ZH_CUES, RU_AR_ZH_OPENINGS, RU_AR_ZH_TOPICAL
from hrdmap.domain.framework import Framework
from hrdmap.domain.tags import STATEMENT_KINDS, Evidence, EvidenceKind, Tag

THRESHOLD = 0.5
#: The cues of the six UN languages.
ALL_CUES = CUES + RU_AR_ZH_CUES
_OPENINGS = OPENINGS | RU_AR_ZH_OPENINGS
_TOPICAL = TOPICAL | RU_AR_ZH_TOPICAL
#: Where a sentence or list item ends (Latin, Chinese and Arabic punctuation).
_ENDS = (". ", "; ", "。", "；", "؛", "! ", "? ", "！", "？")


def _near_any(text: str, position: int, anchors: Sequence[int]) -> bool:
    """Whether one of ``anchors`` is in the same sentence (or list item) as ``position``."""
    if not anchors:
        return False
    start = max(text.rfind(end, 0, position) for end in _ENDS)
    ends = [e for e in (text.find(end, position) for end in _ENDS) if e >= 0]
    end = min(ends) if ends else len(text)
    return any(start < anchor < end for anchor in anchors)


def _evidence(cue: Cue, match: re.Match[str]) -> Evidence:
    detail = {"rule": cue.id, "strength": str(cue.strength)}
    return Evidence(EvidenceKind.RULE, match.group().strip(), match.start(), match.end(), detail)


def _trigger_automaton(cues: Sequence[Cue]) -> ahocorasick.Automaton:
    """One automaton over every cue's triggers; each trigger maps to the indices of the cues it opens."""
    opened: dict[str, list[int]] = {}
    for index, cue in enumerate(cues):
        for trigger in cue.triggers:
            opened.setdefault(trigger, []).append(index)
    automaton = ahocorasick.Automaton()
    for trigger, indices in opened.items():
        automaton.add_word(trigger, tuple(indices))
    automaton.make_automaton()
    return automaton


def _compile(cue: Cue) -> re.Pattern[str]:
    return re.compile(cue.pattern, 0 if cue.id in CASE_SENSITIVE else re.IGNORECASE)


class StatementKindTagger:
    """Tags practice / challenge / recommendation with the cue phrases as evidence.

    Example::

        StatementKindTagger().tag([Passage(1, "98.12. Adopt a law on defenders (France);")])
        # [[Tag("statement-kinds", "recommendation", 0.92, "statement-kind", (Evidence(RULE, "98.12. Adopt",
        # 0, 12, …), …))]]
    """

    name: ClassVar[str] = "statement-kind"

    def __init__(
        self,
        cues: Sequence[Cue] = ALL_CUES,
        threshold: float = THRESHOLD,
        *,
        frameworks: Mapping[str, Framework] | None = None,
        embedder: str | None = None,
    ) -> None:
        """``frameworks`` and ``embedder`` are accepted as the registry passes them to every tagger; the cues are
        this module's."""
        self._cues = tuple((cue, _compile(cue)) for cue in cues)
        self._always = frozenset(i for i, cue in enumerate(cues) if not cue.triggers)
        self._triggers = _trigger_automaton(cues)
        self._threshold = threshold

    def tag(self, passages: Sequence[Passage]) -> list[list[Tag]]:
        """Tags for each passage, in order."""
        return [self.tag_text(p.text) for p in passages]

    def tag_text(self, text: str) -> list[Tag]:
        """Statement-kind tags for one text (none when no kind reaches the threshold)."""
        opened = set(self._always)
        for _, indices in self._triggers.iter(f" {text.lower()}"):
            opened.update(indices)
        fired: list[tuple[Cue, re.Match[str]]] = []
        topical: list[tuple[Cue, re.Pattern[str]]] = []
        for index in sorted(opened):
            cue, pattern = self._cues[index]
            if cue.id in _TOPICAL:
                topical.append((cue, pattern))
                continue
            match = pattern.search(text)
            if match is not None:
                fired.append((cue, match))
        anchors = [match.start() for cue, match in fired if cue.kind != "challenge"]
        for cue, pattern in topical:
            found = next((m for m in pattern.finditer(text) if not _near_any(text, m.start(), anchors)), None)
            if found is not None:
                fired.append((cue, found))
        return self._tags(fired)

    def _tags(self, fired: Iterable[tuple[Cue, re.Match[str]]]) -> list[Tag]:
        fired = list(fired)
        if any(cue.id in _OPENINGS for cue, _ in fired):
            fired = [(cue, match) for cue, match in fired if cue.kind == "recommendation"]
        by_kind: dict[str, list[tuple[Cue, re.Match[str]]]] = {}
        for cue, match in fired:
            by_kind.setdefault(cue.kind, []).append((cue, match))
        tags = []
        for kind, found in sorted(by_kind.items()):
            miss = 1.0
            for cue, _ in found:
                miss *= 1.0 - cue.strength
            score = round(1.0 - miss, 3)
            if score >= self._threshold:
                ranked = sorted(found, key=lambda f: -f[0].strength)
                tags.append(Tag(STATEMENT_KINDS, kind, score, self.name, tuple(_evidence(c, m) for c, m in ranked)))
        return tags
