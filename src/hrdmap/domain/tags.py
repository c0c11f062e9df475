"""Tags on paragraphs, with the evidence that explains them.

A tag says that a paragraph carries a label of a framework ("hrd-areas" / "G", "countries" / "KEN"), with a score
and the evidence a reviewer needs to check it: the matched span, the rule, or the nearest labelled examples.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class EvidenceKind(StrEnum):
    """How a tagger justifies a tag."""

    SPAN = "span"          # a matched piece of the paragraph (gazetteer, keyword)
    RULE = "rule"          # a named rule fired (a pattern, a recommendation form)
    EXAMPLES = "examples"  # nearest labelled examples or label definitions (embedding classifier)


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why a tag was given.

    Attributes:
        kind: Span, rule or examples.
        text: What a reviewer reads: the matched text, the rule's description, or an example's text.
        start: Start offset of the span in the paragraph text (spans only).
        end: End offset of the span (spans only).
        detail: More, for tools: the rule id, the example's block id, the similarity.
    """

    kind: EvidenceKind
    text: str
    start: int | None = None
    end: int | None = None
    detail: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Tag:
    """A label on a paragraph.

    Attributes:
        framework: Id of the framework or vocabulary ("hrd-areas", "countries", "un-entities", "statement-kinds").
        label: The label's id within it ("G", "KEN", "OHCHR", "recommendation").
        score: Confidence in [0, 1]; calibrated per label where the tagger can.
        tagger: Name of the tagger that gave it ("gazetteer", "framework-classifier" …).
        evidence: Why.
    """

    framework: str
    label: str
    score: float
    tagger: str
    evidence: tuple[Evidence, ...] = ()


#: The framework of statement kinds: what a paragraph reports (``analyse/frameworks/data/statement-kinds.yaml``).
STATEMENT_KINDS = "statement-kinds"


class StatementKind(StrEnum):
    """The labels of :data:`STATEMENT_KINDS`: a practice, a challenge or a recommendation."""

    PRACTICE = "practice"
    CHALLENGE = "challenge"
    RECOMMENDATION = "recommendation"
