"""Extract recommendations from passages: UPR, treaty bodies, special procedures.

- **UPR** (reports of the Working Group on the Universal Periodic Review): numbered items "98.12. Adopt …
  (France);", one or several recommendations each ending with the recommending States in brackets
  ("(Austria, Brazil);", "(Bolivia (Plurinational State of));", grouped "(Chile); (Czech Republic);"). Which
  brackets are States, and how a misspelt State is kept and flagged, is :mod:`hrdmap.analyse.recommendation_states`.
  The response and the State under review come from the paragraph that introduces the list, however it is
  worded (:mod:`hrdmap.analyse.recommendation_leads`); a lead-in that names no State takes the State the report
  says it reviewed. Older reports number the items "1.", "2." … under the lead-in: they become "111.1",
  "111.2". Items glued into one passage (the first item of a page joined to the last of the page before) are
  split at their numbers.
- **Treaty bodies**: sentences such as "The Committee recommends that the State party …", "The Committee urges
  the State party to …" (French "Le Comité recommande", Spanish "El Comité recomienda").
- **Special procedures**: "The Special Rapporteur recommends that the Government …", likewise for Working
  Groups and Independent Experts.

The function is pure: passages in, recommendations out, no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from hrdmap.analyse import recommendation_leads as leads
from hrdmap.analyse.recommendation_states import GROUP, States, trailing_states
from hrdmap.analyse.taggers.base import Passage
from hrdmap.domain.recommendations import Recommendation, RecommendationSource

_NUMBER = re.compile(r"^\s*(\d{1,3}(?:\.\d{1,3})+)\.?\s+")
_PARAGRAPH_NUMBER = re.compile(r"^\s*(\d{1,3}(?:\.\d{1,3})*)\.\s+")
_BRACKETS = re.compile(rf"(?:{GROUP}\s*)+(?:[;.]|$)")
#: An item number inside a passage, after the end of the item before it: "… (France); 98.13. Ensure …".
_EMBEDDED = re.compile(r"(?<=[:;.])\s+(\d{1,3}\.\d{1,3})\.?\s+(?=[A-ZÀ-Ý])")
#: A plain item number after the States of the item before it, in a list numbered "1.", "2." …
_EMBEDDED_PLAIN = re.compile(r"(?<=\)[;.])\s+(\d{1,3})\.\s+(?=[A-ZÀ-Ý])")
_VERBS = (
    r"recommends?|urges?|calls? (?:up)?on|encourages?|requests?|invites?|recommande|engage|prie|"
    r"exhorte|recomienda|insta|exhorta|alienta"
)
_BODY = (
    r"(?P<body>(?:The|the|Le|le|El|el|La|la) (?:Committee|Subcommittee|Comité|Sous-Comité|Subcomité|"
    r"Special Rapporteur|Rapporteur spécial|Rapporteuse spéciale|Relator(?:a)? Especial|Working Group|"
    r"Groupe de travail|"
    r"Grupo de Trabajo|Independent Expert|Expert indépendant|Experto Independiente|Special Representative|"
    r"Special Procedures?|mandate holders?)(?: [A-Z][\w ,'-]{0,120}?)?)"
)
_PROSE = re.compile(
    rf"{_BODY}\s+(?:also |further |strongly |therefore |again )?(?P<verb>{_VERBS})\b", re.MULTILINE
)
_ADDRESSEE = re.compile(
    r"\s*(?:that |to |à |al? |a la )?(?P<addr>(?:all |the |l['’]|el |los |las |tous les )?"
    r"(?:State party|States parties|State|States|Government|Governments|authorities|international community|"
    r"United Nations|Human Rights Council|Member States|État partie|États|Gouvernement|Estado parte|Estados|"
    r"Gobierno))\b"
)


@dataclass(slots=True)
class _Context:
    """What earlier passages said about the numbered list that follows (UPR lead-in paragraphs).

    Attributes:
        lead: Number of the lead-in paragraph of the current list ("98").
        response: The response the lead-in states (``supported``, ``noted``, ``pending``).
        state_under_review: The State the lead-in names.
        reviewed: The State the report says it reviewed, for lead-ins that name none.
        numbered: Text of the numbered paragraphs met so far, by number: a list's lead-in is found by its number
            even when its wording was not recognised as one when it was read.
        plain_list: Whether items numbered "1.", "2." … may follow (a lead-in was the last numbered paragraph).
        last: Number of the last numbered paragraph, which an unnumbered passage continues (a lead-in split
            over two lines or pages).
    """

    lead: str | None = None
    response: str | None = None
    state_under_review: str | None = None
    reviewed: str | None = None
    numbered: dict[str, str] = field(default_factory=dict)
    plain_list: bool = False
    last: str | None = None

    def enter(self, lead: str, text: str) -> None:
        """Make the paragraph ``lead`` (its ``text``) the lead-in of the list that follows."""
        self.lead = lead
        self.response = leads.response(text)
        self.state_under_review = leads.first_state(text)

    def addressee(self) -> str | None:
        return self.state_under_review or self.reviewed


@dataclass(slots=True)
class _Part:
    """One recommendation of an item: its text, its States, and where it is in the passage."""

    text: str
    states: States
    start: int
    end: int


def _split_upr(body: str, offset: int = 0) -> list[_Part]:
    """The recommendations of a UPR item body, each ending with its States in brackets.

    A bracket of States with no text before it ("(Chile); (Czech Republic);", the same recommendation made by
    several States) adds its States to the recommendation before it.
    """
    found: list[_Part] = []
    start = 0
    for match in _BRACKETS.finditer(body):
        trailing = trailing_states(match.group())
        if trailing is None or match.start() < start:
            continue
        text = body[start : match.start() + trailing[0]].strip(" ;")
        states = trailing[1]
        if text:
            found.append(_Part(text, states, offset + start, offset + match.end()))
        elif found:
            last = found[-1]
            merged = States(
                tuple(dict.fromkeys((*last.states.names, *states.names))),
                tuple(dict.fromkeys((*last.states.unknown, *states.unknown))),
            )
            found[-1] = _Part(last.text, merged, last.start, offset + match.end())
        start = match.end()
    return found


def _number_and_body(passage: Passage) -> tuple[str | None, str, int]:
    if passage.label:
        return passage.label.strip().rstrip("."), passage.text, 0
    match = _NUMBER.match(passage.text) or _PARAGRAPH_NUMBER.match(passage.text)
    if match:
        return match.group(1), passage.text[match.end() :], match.end()
    return None, passage.text, 0


def _pieces(number: str | None, body: str, offset: int, plain: bool) -> list[tuple[str | None, str, int]]:
    """``(number, body, offset)`` of each item a passage holds: items glued into one passage (the first item
    of a page joined to the last one of the page before, a lead-in and its first item) are split at their
    numbers."""
    pattern = _EMBEDDED_PLAIN if plain else _EMBEDDED
    cuts = [m for m in pattern.finditer(body) if plain or m.group(1).split(".")[0] == _lead_of(number, m)]
    if not cuts:
        return [(number, body, offset)]
    pieces = [(number, body[: cuts[0].start()], offset)]
    for n, cut in enumerate(cuts):
        end = cuts[n + 1].start() if n + 1 < len(cuts) else len(body)
        pieces.append((cut.group(1), body[cut.end() : end], offset + cut.end()))
    return pieces


def _lead_of(number: str | None, cut: re.Match[str]) -> str:
    """The lead number an embedded item must carry: the passage's own lead, or any when it has none."""
    return number.split(".")[0] if number else cut.group(1).split(".")[0]


def _item(
    number: str, body: str, offset: int, passage: Passage, context: _Context
) -> Recommendation | None:
    """The recommendation of one UPR item ("98.12. Adopt … (France);"), or ``None`` when it has no States."""
    parts = _split_upr(body, offset)
    if not parts:
        return None
    lead = number.split(".")[0]
    if lead != context.lead and lead in context.numbered:
        context.enter(lead, context.numbered[lead])
    in_list = lead == context.lead
    return Recommendation(
        number=number,
        text="; ".join(p.text for p in parts),
        recommending_states=tuple(dict.fromkeys(s for p in parts for s in p.states.names)),
        addressee=context.addressee(),
        source=RecommendationSource.UPR,
        body="Universal Periodic Review",
        response=context.response if in_list and context.response != leads.PENDING else None,
        passage_key=passage.key,
        start=parts[0].start,
        end=parts[-1].end,
        unknown_states=tuple(dict.fromkeys(s for p in parts for s in p.states.unknown)),
    )


def _upr(passage: Passage, context: _Context) -> list[Recommendation]:
    """The UPR recommendations of a passage; remembers lead-ins and numbered paragraphs as it goes."""
    number, body, offset = _number_and_body(passage)
    plain = context.plain_list and number is not None and "." not in number
    found: list[Recommendation] = []
    for n, (item_number, item_body, item_offset) in enumerate(_pieces(number, body, offset, plain)):
        if item_number is None:
            if n == 0 and context.last is not None and item_body.strip():
                _remember(context.last, f"{context.numbered[context.last]} {item_body.strip()}", context)
            continue
        if "." in item_number or plain:
            full = item_number if "." in item_number else f"{context.lead}.{item_number}"
            rec = _item(full, item_body, item_offset, passage, context)
            if rec is not None:
                found.append(rec)
                continue
        if "." not in item_number:
            _remember(item_number, item_body, context)
    return found


def _remember(number: str, text: str, context: _Context) -> None:
    """Keep a numbered paragraph; make it the current lead-in when it introduces a list."""
    context.numbered[number] = text
    context.last = number
    context.plain_list = leads.is_lead_in(text)
    if context.plain_list:
        context.enter(number, text)


def _source_of(body: str) -> RecommendationSource:
    lowered = body.lower()
    if any(w in lowered for w in ("committee", "comité", "subcommittee")):
        return RecommendationSource.TREATY_BODY
    return RecommendationSource.SPECIAL_PROCEDURE


def _prose(passage: Passage) -> list[Recommendation]:
    numbered = _PARAGRAPH_NUMBER.match(passage.text)
    number = passage.label.strip().rstrip(".") if passage.label else numbered.group(1) if numbered else None
    matches = list(_PROSE.finditer(passage.text))
    found = []
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(passage.text)
        addressee = _ADDRESSEE.match(passage.text, match.end())
        found.append(
            Recommendation(
                number=number,
                text=passage.text[match.start() : end].strip(),
                addressee=addressee.group("addr") if addressee else None,
                source=_source_of(match.group("body")),
                body=match.group("body").split(" ", 1)[1].strip(),
                passage_key=passage.key,
                start=match.start(),
                end=end,
            )
        )
    return found


def extract_recommendations(passages: Sequence[Passage]) -> list[Recommendation]:
    """Recommendations found in ``passages``, in document order.

    Passages are read in order so that a UPR list's lead-in paragraph can give its items their response and
    addressee. A passage yields UPR recommendations when it is numbered "N.M" (or "1.", "2." … right after a
    lead-in) and ends items with recommending States in brackets; otherwise the prose forms of treaty bodies
    and special procedures are looked for.
    """
    context = _Context(reviewed=leads.reviewed_state(p.text for p in passages[:40]))
    found: list[Recommendation] = []
    for passage in passages:
        upr = _upr(passage, context)
        if upr:
            found.extend(upr)
            continue
        found.extend(_prose(passage))
    return found


def announced_list(passages: Sequence[Passage]) -> str | None:
    """The number of the first paragraph that introduces a list of UPR recommendations, or ``None``.

    Used to tell "no recommendation here" from "a list is announced and none of its items could be read".
    """
    for passage in passages:
        number, body, _ = _number_and_body(passage)
        if number is not None and "." not in number and leads.is_lead_in(body):
            return number
    return None
