"""The framework-keyword tagger: labels whose keywords or patterns appear in a passage.

Every framework label may list keywords and regular expressions per language (see docs/frameworks.md).
Keywords
are matched with the same engine as the gazetteer (word boundaries, case rules, longest match); patterns with
``re`` (case-insensitive). A hit on a label also tags its ancestors ("journalists" → "journalists" and
"defenders" in ``groups-at-risk``), with a slightly lower score, because a journalist is a defender for the
map
even when the text never says "defender".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import ClassVar

from hrdmap.analyse.frameworks.loader import load_frameworks
from hrdmap.analyse.taggers.base import Passage
from hrdmap.analyse.taggers.phrases import Phrase, PhraseMatcher
from hrdmap.domain.framework import Framework
from hrdmap.domain.tags import STATEMENT_KINDS, Evidence, EvidenceKind, Tag

SCORE_KEYWORD = 0.7
SCORE_ANCESTOR = 0.6
_SKIP = frozenset({STATEMENT_KINDS})  # tagged by the statement-kind tagger's own cues


def _phrases(frameworks: Iterable[Framework]) -> Iterable[Phrase]:
    for framework in frameworks:
        for label in framework.labels:
            for words in label.keywords.values():
                yield from (Phrase(w, ((framework.id, label.id),), "keyword") for w in words)


def _patterns(frameworks: Iterable[Framework]) -> list[tuple[re.Pattern[str], str, str]]:
    return [
        (re.compile(p, re.IGNORECASE), fw.id, label.id)
        for fw in frameworks
        for label in fw.labels
        for ps in label.patterns.values()
        for p in ps
    ]


def _framework_of(phrase: Phrase) -> str:
    """The framework whose keyword ``phrase`` is: each framework's longest match is chosen on its own."""
    return phrase.targets[0][0]


class KeywordTagger:
    """Tags framework labels from their keywords and patterns, with the matched spans as evidence.

    Args:
        frameworks: The frameworks to tag with (statement kinds are left out); the built-in ones when omitted.
    """

    name: ClassVar[str] = "framework-keywords"

    def __init__(self, frameworks: Mapping[str, Framework] | None = None, *, embedder: str | None = None) -> None:
        """``embedder`` is accepted as the registry passes it to every tagger; keywords need none."""
        found = frameworks if frameworks is not None else load_frameworks()
        self._frameworks = {k: v for k, v in found.items() if k not in _SKIP}
        self._matcher = PhraseMatcher(_phrases(self._frameworks.values()))
        self._patterns = _patterns(self._frameworks.values())

    def tag(self, passages: Sequence[Passage]) -> list[list[Tag]]:
        """Tags for each passage, in order."""
        return [self.tag_text(p.text) for p in passages]

    def tag_text(self, text: str) -> list[Tag]:
        """Keyword tags for one text."""
        spans: dict[tuple[str, str], list[Evidence]] = {}
        for hit in self._matcher.find_each(text, _framework_of):
            for phrase in hit.phrases:
                for target in phrase.targets:
                    spans.setdefault(target, []).append(
                        Evidence(EvidenceKind.SPAN, hit.text, hit.start, hit.end)
                    )
        for pattern, framework, label in self._patterns:
            for match in pattern.finditer(text):
                evidence = Evidence(
                    EvidenceKind.SPAN, match.group(), match.start(), match.end(), {"pattern": pattern.pattern}
                )
                spans.setdefault((framework, label), []).append(evidence)
        return self._with_ancestors(spans)

    def _with_ancestors(self, spans: dict[tuple[str, str], list[Evidence]]) -> list[Tag]:
        scores = {key: SCORE_KEYWORD for key in spans}
        evidence = {key: list(found) for key, found in spans.items()}
        for (framework, label), found in spans.items():
            for parent in self._frameworks[framework].ancestors(label):
                scores.setdefault((framework, parent), SCORE_ANCESTOR)
                evidence.setdefault((framework, parent), []).extend(found)
        return [
            Tag(fw, label, scores[(fw, label)], self.name, _distinct(evidence[(fw, label)]))
            for fw, label in sorted(scores)
        ]


def _distinct(found: list[Evidence]) -> tuple[Evidence, ...]:
    """The spans in text order, each once, without those inside a longer one.

    A pattern and a keyword may both find a passage: "defenders" inside "environmental defenders" adds nothing.
    """
    by_span = {(e.start or 0, e.end or 0): e for e in found}
    outer = [k for k in by_span if not any(o != k and o[0] <= k[0] and k[1] <= o[1] for o in by_span)]
    return tuple(by_span[k] for k in sorted(outer))
