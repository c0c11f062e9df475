"""Whether a passage tagged as a recommendation reads as one, in the six UN languages.

Section IV lists what contributors *recommended* ("contributors recommended the following: (a) …"). A passage
gets there only when its words recommend: a recommending verb ("recommends", "urges", "calls on", "should",
"recommande", "devrait", "recomienda", "debería", "рекомендует", "следует", "يوصي", "ينبغي", "建议", "应"), or an
opening imperative or infinitive ("Adopt …", "Ensure …", "Garantir …", "Fortalecer …"). A passage that only
*mentions* recommendations ("the recommendations of the Committee have not been implemented") or describes a
problem, and that a tagger also found to be a challenge (or a practice), is filed as that: it stays in its
area.
"""

from __future__ import annotations

import re

_VERBS = re.compile(
    r"\b(?:recommends?|recommended that|we recommend|urges?|urged|calls? (?:up)?on|encourages?|invites?|"
    r"should|ought to|must|needs? to|it is (?:essential|important|necessary|crucial|urgent) (?:to|that)|"
    r"recommande(?:nt|rait)?|exhorte|engage|invite|encourage|devrai(?:t|ent)|doi(?:t|vent)|il (?:est|serait) "
    r"(?:nécessaire|essentiel|important|urgent) (?:de|que)|"
    r"recomienda(?:n|mos)?|insta(?:mos)?|exhorta|alienta|invita|deber[ií]a(?:n)?|debe(?:n)?|es (?:necesario|"
    r"fundamental|esencial|importante|urgente) que)\b|"
    r"рекоменду|призыва|следует|должн[аыо]|необходимо|предлага|"
    r"يوصي|توصي|نوصي|ينبغي|يجب|ندعو|يدعو|تدعو|نحث|يحث|تحث|"
    r"建议|应当|应该|呼吁|敦促|促请|鼓励",
    re.IGNORECASE,
)
_OPENINGS = re.compile(
    r"^\s*(?:\(?[a-z0-9]{1,3}[.)]\s+)?(?:to\s+)?(?:adopt|ensure|establish|strengthen|provide|create|develop|support|"
    r"guarantee|protect|consider|continue|take|increase|include|promote|allocate|investigate|ratify|repeal|"
    r"amend|review|implement|publicly|recognize|recognise|involve|consult|fund|train|set up|put an end|end|"
    r"integrate|extend|accept|issue|respond|refrain|release|facilitate|enable|expand|invest|raise|engage|"
    r"adopter|garantir|renforcer|veiller|assurer|mettre|créer|établir|soutenir|prendre|reconnaître|"
    r"adoptar|garantizar|fortalecer|asegurar|crear|establecer|apoyar|promover|velar|reconocer|"
    r"принять|обеспечить|создать|укрепить|поддержать)\b",
    re.IGNORECASE,
)


def reads_as_recommendation(text: str) -> bool:
    """Whether ``text`` recommends something (a recommending verb, or an imperative or infinitive opening)."""
    return bool(_VERBS.search(text) or _OPENINGS.match(text))
