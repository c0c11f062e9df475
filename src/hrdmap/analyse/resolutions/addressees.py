"""Who a request is addressed to: normalised names for the usual addressees of UN resolutions.

Resolutions name the same addressee in many ways ("the United Nations High Commissioner for Human Rights",
"the Office of the High Commissioner", "OHCHR"; "Member States", "States"). :func:`normalise` maps the noun
phrase after the verb to one name, so a registry can answer "what is the Secretary-General asked to do?". A
name is recognised only at the start of the phrase (after "the", "all", "other", "relevant"), so "presiding
officers of intergovernmental organs" stays as written rather than becoming "intergovernmental organs".
"""

from __future__ import annotations

import re

from hrdmap.domain.mandates import Addressee

SECRETARY_GENERAL = "Secretary-General"
HIGH_COMMISSIONER = "High Commissioner for Human Rights / OHCHR"
DEFENDERS_RAPPORTEUR = "Special Rapporteur on the situation of human rights defenders"

_QUALIFIERS = re.compile(
    r"^(?:(?:the|all|other|relevant|concerned|interested|all\s+other|all\s+relevant|les?|la|l['’]|los|las|el|al"
    r"|a\s+los|a\s+las|a\s+la|aux|au|tous\s+les|todos\s+los)\s+)+",
    re.IGNORECASE,
)

#: (pattern anchored at the start of the phrase, normalised name); "all States" is handled before the table.
_NAMES: tuple[tuple[str, str], ...] = (
    (r"secretary[-\s]general|secr[ée]taire\s+g[ée]n[ée]ral|secretario\s+general", SECRETARY_GENERAL),
    (
        r"(?:united\s+nations\s+)?high\s+commissioner\s+for\s+human\s+rights|high\s+commissioner\b"
        r"|office\s+of\s+the\s+(?:united\s+nations\s+)?high\s+commissioner|ohchr\b|office\b(?!\s+of)"
        r"|haut[-\s]commissa|alto\s+comisionad",
        HIGH_COMMISSIONER,
    ),
    (r"special\s+rapporteur\s+on\s+the\s+situation\s+of\s+human\s+rights\s+defenders", DEFENDERS_RAPPORTEUR),
    (r"president\s+of\s+the\s+general\s+assembly", "President of the General Assembly"),
    (r"president\s+of\s+the\s+human\s+rights\s+council", "President of the Human Rights Council"),
    (
        r"human\s+rights\s+council|consejo\s+de\s+derechos\s+humanos|conseil\s+des\s+droits",
        "Human Rights Council",
    ),
    (r"(?:human\s+rights\s+)?treaty\s+bodies", "treaty bodies"),
    (r"special\s+procedures", "special procedures"),
    (
        r"(?:united\s+nations\s+(?:entities|agencies|system)|entities\s+of\s+the\s+united\s+nations"
        r"|agencies,\s+funds\s+and\s+programmes|organismos\s+de\s+las\s+naciones\s+unidas)",
        "United Nations entities",
    ),
    (r"intergovernmental\s+organs", "intergovernmental organs"),
    (r"national\s+human\s+rights\s+institutions", "national human rights institutions"),
    (r"regional\s+(?:and\s+subregional\s+)?organizations", "regional organizations"),
    (r"civil\s+society|non-governmental\s+organizations", "civil society"),
    (r"(?:other\s+|relevant\s+)?stakeholders", "other stakeholders"),
    (r"business\s+enterprises", "business enterprises"),
    (r"states\s+parties", "States parties"),
    (r"(?:member\s+)?states\b|states\s+members|governments\b|[ée]tats\b|estados\b", "States"),
    (r"international\s+community", "the international community"),
)
_NAME_RES = tuple((re.compile(pattern, re.IGNORECASE), name) for pattern, name in _NAMES)
_ALL_STATES = re.compile(
    r"^(?:all|tous\s+les|todos\s+los|a\s+todos\s+los)\s+(?:member\s+)?(?:states|[ée]tats|estados)\b(?!\s+parties)",
    re.IGNORECASE,
)
_RAPPORTEUR = re.compile(r"special\s+rapporteur(?:\s+on\s+(?P<topic>.+))?$", re.IGNORECASE)
_SPLIT = re.compile(r",\s*(?:and\s+)?|\s+and\s+|\s+y\s+|\s+et\s+")


def _strip(text: str) -> str:
    return " ".join(text.split()).strip(" ,;:")


def normalise(text: str, rapporteur: str | None = None) -> Addressee:
    """The normalised addressee for the words after the verb.

    Args:
        text: The addressee as written ("the United Nations High Commissioner for Human Rights").
        rapporteur: The full title of the Special Rapporteur the resolution is about, used for a bare "the
            Special Rapporteur".

    Returns:
        The addressee, named as in the module's table, or by its words (leading "the" removed) when unknown.
    """
    written = _strip(text)
    name = known_name(written, rapporteur)
    return Addressee(name or _QUALIFIERS.sub("", written) or written, written)


def known_name(text: str, rapporteur: str | None = None) -> str | None:
    """The normalised name of a recognised addressee, or ``None`` when the words are not recognised."""
    written = _strip(text)
    if _ALL_STATES.match(written):
        return "all States"
    phrase = _QUALIFIERS.sub("", written)
    for pattern, name in _NAME_RES:
        if pattern.match(phrase):
            return name
    rapporteur_match = _RAPPORTEUR.match(phrase)
    if rapporteur_match is None:
        return None
    topic = rapporteur_match.group("topic")
    return f"Special Rapporteur on {topic}" if topic else rapporteur or "Special Rapporteur"


def split(text: str, rapporteur: str | None = None) -> list[Addressee]:
    """One addressee per named party when the phrase joins known ones ("the Secretary-General and the High
    Commissioner"); otherwise the whole phrase as one addressee."""
    parts = [p for p in _SPLIT.split(_strip(text)) if p.strip()]
    if len(parts) > 1 and all(known_name(p, rapporteur) for p in parts):
        return [normalise(p, rapporteur) for p in parts]
    return [normalise(text, rapporteur)]


def rapporteur_title(text: str) -> str | None:
    """The first full "Special Rapporteur on …" title in a resolution, cut before the clause that follows."""
    m = re.search(
        r"Special\s+Rapporteur\s+on\s+(?P<topic>[^,;:()]+?)"
        r"(?=\s*[,;:().]|\s+to\s+(?:continue|submit|present|report|include|pay|take)\b"
        r"|\s+and\s+(?:of\s+)?the\b|\s+in\s+|$)",
        text,
    )
    return f"Special Rapporteur on {' '.join(m.group('topic').split())}" if m else None
