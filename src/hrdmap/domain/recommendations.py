"""Recommendations: what a UN body or a State asks someone to do, as found in a document.

The Universal Periodic Review (UPR) numbers each recommendation and names the States that made it
("98.12. Adopt a law on the protection of human rights defenders (France, Norway);"); treaty bodies and
special
procedures write them in prose ("The Committee recommends that the State party …"). A :class:`Recommendation`
keeps what follow-up needs: who recommended, to whom, and the response when the document states it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class RecommendationSource(StrEnum):
    """The kind of body a recommendation comes from."""

    UPR = "upr"
    TREATY_BODY = "treaty_body"
    SPECIAL_PROCEDURE = "special_procedure"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Recommendation:
    """One recommendation found in a passage.

    Attributes:
        number: The paragraph number as printed, normalised ("98.12"), or ``None``.
        text: The recommendation's text without its number and the recommending States.
        recommending_states: UN short names of the recommending States (UPR), in document order.
        addressee: Who is asked to act ("the State party", "the Government", "all States"), or ``None``.
        source: The kind of body.
        body: The body's name ("Committee against Torture", "Special Rapporteur") when the text names it.
        response: "supported" or "noted" when the text states the response (UPR), else ``None``.
        passage_key: Key of the passage the recommendation was found in.
        start: Offset of the recommendation in the passage's text.
        end: End offset in the passage's text.
        unknown_states: Names written in the States' brackets that are no State the gazetteer knows (a
            misspelling such as "Chilie"); they are kept, as written, in ``recommending_states`` too.
    """

    number: str | None
    text: str
    recommending_states: tuple[str, ...] = ()
    addressee: str | None = None
    source: RecommendationSource = RecommendationSource.OTHER
    body: str | None = None
    response: str | None = None
    passage_key: int | None = None
    start: int = 0
    end: int = 0
    unknown_states: tuple[str, ...] = ()
