"""Which countries a passage is *about*, from the countries it names.

The gazetteer tags every country a passage names. The map counts a country only when the passage is about it.
A mention does not make the passage about the country when it is:

- **a recommending State** in the brackets that close a recommendation ("… protect journalists (Chile);
  (Czech Republic);"): the recommendation is about the State under review, not about Chile;
- **part of an organisation's name** ("the Kenya Human Rights Commission", "the Netherlands Helsinki
  Committee", "the Colombian Commission of Jurists", "Comisión Colombiana de Juristas"): an organisation
  reporting from or about elsewhere;
- **a State speaking** in a dialogue ("Norway expressed concern about …", "The delegation of Germany
  welcomed …", "France recommended that …"): the State that voiced concern is not the one it was about;
- **a sender** ("the Permanent Mission of Norway", "the Embassy of Sweden").

When every mention of a passage is a recommending or speaking State, the passage is about the State its
document is about (the State under review of a UPR report), when that is known; otherwise it is about no
country. Reviewed country labels (a person added or accepted them) always count. Pure: text and spans in,
country ids out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from hrdmap.analyse.recommendation_states import ONE, states_in

ORGANISATION = "organisation"
RECOMMENDING = "recommending"
SPEAKER = "speaker"
SENDER = "sender"

_CONNECTORS = r"(?:of|for|on|the|and|in|de|des|du|la|le|les|del|y|et|pour|para|por|d['’]|l['’]|of the|de la)"
_CAPITALISED = r"[A-ZÀ-ÝА-Я][\w'’.-]*"
#: Nouns that make a capitalised name an organisation's ("… Human Rights Commission", "Comisión … de Juristas").
_ORGANISATION_NOUNS = re.compile(
    r"\b(?:commission|committee|centre|center|network|coalition|foundation|association|council|league|union|"
    r"institute|watch|society|forum|alliance|federation|movement|initiative|observatory|platform|collective|"
    r"organi[sz]ation|bar|trust|fund|project|front|campaign|clinic|"
    r"comisión|comité|fundación|asociación|red|coalición|consejo|observatorio|colectivo|corporación|"
    r"commission|associação|fondation|ligue|réseau|collectif|observatoire|syndicat|"
    r"комитет|центр|фонд|ассоциация|сеть)\b",
    re.IGNORECASE,
)
_SENDER_BEFORE = re.compile(
    r"(?:permanent mission|mission|embassy|delegation|representative|representatives|ambassador|consulate|"
    r"mission permanente|ambassade|délégation|misión permanente|embajada|delegación|"
    r"постоянное представительство|посольство)\s+(?:of|de|del|de la|du)\s+(?:the\s+|la\s+|l['’])?$",
    re.IGNORECASE,
)
_SPEECH = re.compile(
    r"^(?:['’]s delegation)?\s*(?:,[^,]{1,60},\s*)?(?:also |further |furthermore |strongly |again |however |"
    r"remained |was |were |had )?"
    r"(?:expressed|noted|welcomed|commended|recommended|urged|encouraged|asked|inquired|enquired|stated|said|"
    r"raised|voiced|acknowledged|appreciated|congratulated|called|made|thanked|praised|regretted|concerned|"
    r"referred|highlighted|requested|recognized|recognised|shared|hoped|deplored|condemned|emphasized|"
    r"emphasised|stressed|underlined|took note|supported|applauded|wished|questioned|sought|suggested|"
    r"a (?:salué|noté|recommandé|demandé|exprimé|félicité|encouragé|souligné|pris note)|s['’]est (?:dite?|félicitée?)|"
    r"(?:expresó|observó|acogió|recomendó|instó|alentó|preguntó|señaló|encomió|felicitó|tomó nota))\b",
    re.IGNORECASE,
)


def mention_role(text: str, start: int, end: int) -> str | None:
    """Why the country named at ``text[start:end]`` does not make the passage about it, or ``None`` when it
    does (a recommending State, a speaker, a sender, or part of an organisation's name)."""
    if _in_recommending_brackets(text, start, end):
        return RECOMMENDING
    if _SENDER_BEFORE.search(text[max(0, start - 60) : start]):
        return SENDER
    if _in_organisation(text, start, end):
        return ORGANISATION
    if _is_speaker(text, start, end):
        return SPEAKER
    return None


def _in_recommending_brackets(text: str, start: int, end: int) -> bool:
    for group in ONE.finditer(text):
        if group.start() < start and end <= group.end():
            after = text[group.end() : group.end() + 4]
            closes = re.match(r"\s*(?:[;.,]|\(|$)", after) is not None
            return closes and states_in(group.group(1)) is not None
    return False


def _in_organisation(text: str, start: int, end: int) -> bool:
    """Whether the mention sits inside a capitalised name that contains an organisation noun."""
    word = rf"(?:{_CAPITALISED}|{_CONNECTORS})"
    before = re.search(rf"(?:{_CAPITALISED}\s+(?:{word}\s+)*)?$", text[max(0, start - 80) : start])
    after = re.match(rf"(?:\s+(?:{word}\s+)*{_CAPITALISED})?", text[end : end + 100])
    name = (before.group() if before else "") + " " + (after.group() if after else "")
    return any(w[:1].isupper() and _ORGANISATION_NOUNS.fullmatch(w) for w in re.findall(r"[\w'’.-]+", name))


def _is_speaker(text: str, start: int, end: int) -> bool:
    """Whether the mention is the subject of a verb of speech or attitude that opens its sentence."""
    opening = text[max(0, start - 40) : start]
    sentence_start = re.search(r"(?:^|[.;:]\s+|\d\.\s+)(?:The\s+|the\s+|La\s+|Le\s+|El\s+)?"
                               r"(?:(?:delegation|representative|Government) of\s+(?:the\s+)?)?$", opening)
    if sentence_start is None:
        return False
    return _SPEECH.match(text[end : end + 120]) is not None


def countries_about(
    text: str, mentions: Mapping[str, Sequence[tuple[int, int]]], document_country: str | None = None
) -> set[str]:
    """The countries ``text`` is about, among those it names.

    Args:
        text: The passage.
        mentions: Country id → the spans where the gazetteer found it.
        document_country: The State the passage's document is about (a UPR report's State under review), for a
            passage whose only mentions are recommending or speaking States.
    """
    about: set[str] = set()
    roles: set[str] = set()
    for country, spans in mentions.items():
        found = [mention_role(text, s, e) for s, e in spans] or [None]
        if any(role is None for role in found):
            about.add(country)
        roles.update(role for role in found if role)
    if not about and document_country and roles & {RECOMMENDING, SPEAKER}:
        about.add(document_country)
    return about
