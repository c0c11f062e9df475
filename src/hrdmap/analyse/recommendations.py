"""Extract recommendations from passages: UPR, treaty bodies, special procedures.

- **UPR** (reports of the Working Group on the Universal Periodic Review): numbered paragraphs
  "98.12. Adopt … (France);", one or several recommendations each ending with the recommending States in
  brackets
  ("(Austria, Brazil);", "(Bolivia (Plurinational State of));"). A bracket counts as the States only when
  every
  name in it is a State the gazetteer knows, so brackets inside the text ("the Convention (CED)") stay in the
  text.
  The response is read from the paragraph that introduces the list ("98. The recommendations … enjoy the
  support of
  Kenya" → supported; "did not enjoy the support" / "noted" → noted; "will be examined" → none yet); that
  paragraph also names the State under review, the addressee.
- **Treaty bodies**: sentences such as "The Committee recommends that the State party …", "The Committee
urges the
  State party to …" (French "Le Comité recommande", Spanish "El Comité recomienda").
- **Special procedures**: "The Special Rapporteur recommends that the Government …", likewise for Working
Groups
  and Independent Experts.

The function is pure: passages in, recommendations out, no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from hrdmap.analyse.reference import data as gazetteer_data
from hrdmap.analyse.taggers.base import Passage
from hrdmap.analyse.taggers.gazetteer import COUNTRIES, default_matcher
from hrdmap.domain.recommendations import Recommendation, RecommendationSource

_NUMBER = re.compile(r"^\s*(\d{1,3}(?:\.\d{1,3})+)\.?\s+")
_PARAGRAPH_NUMBER = re.compile(r"^\s*(\d{1,3}(?:\.\d{1,3})*)\.\s+")
_GROUP = r"\(((?:[^()]|\([^()]*\))+)\)"
_BRACKETS = re.compile(rf"(?:{_GROUP}\s*)+(?:[;.]|$)")
_ONE = re.compile(_GROUP)
_SEPARATORS = re.compile(r"(?:\s|,|\band\b|\bet\b|\by\b|;)*")
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
_SUPPORTED = re.compile(
    r"enjoy(?:s|ed)? (?:the |its )?support|have been accepted|were accepted|bénéficient de l['’]appui|"
    r"cuentan con el apoyo",
    re.I,
)
_NOTED = re.compile(
    r"(?:did|do|does) not enjoy (?:the |its )?support|have been noted|were noted|were not accepted|rejected|"
    r"will not be implemented|prend note",
    re.I,
)
_PENDING = re.compile(r"will be examined|will provide responses|examinera|examinará", re.I)


@dataclass(slots=True)
class _Context:
    """What earlier passages said about the numbered list that follows (UPR lead-in paragraphs)."""

    lead: str | None = None
    response: str | None = None
    state_under_review: str | None = None


def _states_in(content: str) -> tuple[str, ...] | None:
    """UN short names of the States listed in a bracket, or ``None`` when the bracket is not a list of
    States."""
    hits = default_matcher().find(content)
    states: list[str] = []
    covered = 0
    for hit in hits:
        ids = [label for p in hit.phrases for fw, label in p.targets if fw == COUNTRIES]
        if not ids or _SEPARATORS.fullmatch(content[covered : hit.start]) is None:
            return None
        default = next((p.default for p in hit.phrases if p.kind == "ambiguous"), None)
        states.append(default or ids[0])
        covered = hit.end
    if not states or _SEPARATORS.fullmatch(content[covered:]) is None:
        return None
    names = gazetteer_data.country_names("en")
    return tuple(names.get(s, s) for s in states)


def _trailing_states(chain: str) -> tuple[int, tuple[str, ...]] | None:
    """In "(CED) (France) (Chile)", the offset where the brackets of States begin, and the States."""
    groups = list(_ONE.finditer(chain))
    states: list[str] = []
    first = None
    for group in reversed(groups):
        found = _states_in(group.group(1))
        if found is None:
            break
        states[:0] = found
        first = group.start()
    return (first, tuple(states)) if first is not None else None


def _split_upr(body: str) -> list[tuple[str, tuple[str, ...], int, int]]:
    """(text, States, start, end) for each recommendation in a UPR paragraph body."""
    found = []
    start = 0
    for match in _BRACKETS.finditer(body):
        trailing = _trailing_states(match.group())
        if trailing is None or match.start() < start:
            continue
        text = body[start : match.start() + trailing[0]].strip(" ;")
        if text:
            found.append((text, trailing[1], start, match.end()))
        start = match.end()
    return found


def _number_and_body(passage: Passage) -> tuple[str | None, str, int]:
    if passage.label:
        return passage.label.strip().rstrip("."), passage.text, 0
    match = _NUMBER.match(passage.text)
    if match:
        return match.group(1), passage.text[match.end() :], match.end()
    return None, passage.text, 0


def _upr(passage: Passage, context: _Context) -> list[Recommendation]:
    number, body, offset = _number_and_body(passage)
    if number is None or "." not in number:
        return []
    parts = _split_upr(body)
    if not parts:
        return []
    text = " ".join(p[0] for p in parts)
    states = tuple(dict.fromkeys(s for p in parts for s in p[1]))
    in_list = context.lead is not None and number.split(".")[0] == context.lead
    return [
        Recommendation(
            number=number,
            text=text,
            recommending_states=states,
            addressee=context.state_under_review if in_list else None,
            source=RecommendationSource.UPR,
            body="Universal Periodic Review",
            response=context.response if in_list else None,
            passage_key=passage.key,
            start=offset + parts[0][2],
            end=offset + parts[-1][3],
        )
    ]


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


def _update_context(passage: Passage, context: _Context) -> None:
    """Remember a UPR lead-in paragraph ("98. The recommendations … enjoy the support of Kenya:")."""
    number, body, _ = _number_and_body(passage)
    lead = passage.label.strip().rstrip(".") if passage.label else None
    leading = re.match(r"^\s*(\d{1,3})\.\s+", passage.text)
    lead = lead or (leading.group(1) if leading else None)
    if lead is None or "." in lead or "recommendation" not in body.lower():
        return
    context.lead = lead
    context.response = "noted" if _NOTED.search(body) else "supported" if _SUPPORTED.search(body) else None
    if _PENDING.search(body):
        context.response = None
    names = gazetteer_data.country_names("en")
    states = [
        label
        for h in default_matcher().find(body)
        for p in h.phrases
        for fw, label in p.targets
        if fw == COUNTRIES
    ]
    context.state_under_review = names.get(states[0]) if states else None


def extract_recommendations(passages: Sequence[Passage]) -> list[Recommendation]:
    """Recommendations found in ``passages``, in document order.

    Passages are read in order so that a UPR list's lead-in paragraph can give its items their response and
    addressee. A passage yields UPR recommendations when it is numbered "N.M" and ends items with recommending
    States in brackets; otherwise the prose forms of treaty bodies and special procedures are looked for.
    """
    context = _Context()
    found: list[Recommendation] = []
    for passage in passages:
        upr = _upr(passage, context)
        if upr:
            found.extend(upr)
            continue
        _update_context(passage, context)
        found.extend(_prose(passage))
    return found
