"""The lead-in of a UPR list of recommendations: the response it states and the State under review.

A Working Group report introduces each list with a numbered paragraph: "98. The recommendations … enjoy the
support of Kenya:", "99. The following recommendations did not enjoy the support of Kenya:", "111. The
recommendations formulated during the interactive dialogue and listed below will be examined by Slovenia …",
"86. Kenya considers that the following are already implemented …", "87. The following will be examined by
the State, which will provide responses in due time". Lead-ins are worded in many ways and do not always say
"recommendation", so the response is read from the wording of the response alone; the State under review is
the first State the lead-in names, else the State the report says it reviewed ("The review of Slovenia was
held at the 14th meeting …").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from hrdmap.analyse.reference import data as gazetteer_data
from hrdmap.analyse.taggers.gazetteer import COUNTRIES, default_matcher

SUPPORTED = "supported"
NOTED = "noted"
PENDING = "pending"

_NOTED = re.compile(
    r"(?:did|do|does|will) not (?:enjoy|have|receive|obtain) (?:the |its )?support|not (?:been )?supported|"
    r"(?:have|has|had) been noted|were noted|are noted|(?:has|have|had) noted|took note|takes? note|"
    r"(?:were|are|was|is) not accepted|(?:did not|does not|do not|could not|cannot|can not) accept|rejected|rejects|"
    r"will not be implemented|prend(?:re)? note|a pris note|ne bénéficient pas|n['’]ont pas recueilli|"
    r"no cuentan con el apoyo|no contaron con el apoyo|tom[oó] nota|toma nota",
    re.IGNORECASE,
)
_PENDING = re.compile(
    r"will be examined|will examine|will (?:provide|give) (?:its )?(?:responses?|answers?)|will respond|"
    r"in due (?:course|time)|examinera|seront examinées|examinará|serán examinadas",
    re.IGNORECASE,
)
_SUPPORTED = re.compile(
    r"enjoy(?:s|ed)? (?:the |its )?support|(?:have|has|had) been accepted|(?:were|are|was|is) accepted|"
    r"(?:accepts?|accepted|supports?|supported) (?:the following|by)|already (?:been )?implemented|"
    r"in the process of (?:being )?implement|bénéficient de l['’]appui|ont recueilli l['’]appui|acceptées|"
    r"cuentan con el apoyo|contaron con el apoyo|aceptadas|aceptó",
    re.IGNORECASE,
)
_LIST = re.compile(
    r"\bfollowing\b|\bbelow\b|suivantes|ci-dessous|siguientes|a continuación|:\s*$", re.IGNORECASE
)
_REVIEW_OF = re.compile(r"\breview of\s+(?:the\s+)?$|\bexamen (?:de |du |de la |des )$", re.IGNORECASE)


def response(text: str) -> str | None:
    """The response a lead-in states: ``supported``, ``noted``, ``pending`` (to be examined), or ``None``."""
    if _NOTED.search(text):
        return NOTED
    if _PENDING.search(text):
        return PENDING
    return SUPPORTED if _SUPPORTED.search(text) else None


def is_lead_in(text: str) -> bool:
    """Whether a numbered paragraph introduces a list of recommendations: it states a response to what follows
    ("the following", "listed below", or a closing colon)."""
    return response(text) is not None and bool(_LIST.search(text))


def _countries(text: str) -> list[tuple[int, str]]:
    return [
        (hit.start, label)
        for hit in default_matcher().find(text)
        for phrase in hit.phrases
        for framework, label in phrase.targets
        if framework == COUNTRIES
    ]


def first_state(text: str) -> str | None:
    """The UN short name of the first State named in ``text``, or ``None``."""
    found = _countries(text)
    return gazetteer_data.country_names("en").get(found[0][1]) if found else None


def reviewed_state(texts: Iterable[str]) -> str | None:
    """The State a UPR report says it reviewed ("The review of Slovenia was held …"), from its first passages."""
    names = gazetteer_data.country_names("en")
    for text in texts:
        for start, label in _countries(text):
            if _REVIEW_OF.search(text[max(0, start - 20) : start]):
                return names.get(label)
    return None
