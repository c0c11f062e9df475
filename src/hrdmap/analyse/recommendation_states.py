"""The recommending States in brackets at the end of a UPR recommendation: "(Austria, Brazil and Chile);".

A bracket is read as States when every name in it is a State the gazetteer knows, so that brackets inside the
text ("the Convention (CED)", "(No. 118)") stay in the text. A bracket that names a State the gazetteer does not
know ("(Chilie)", a misspelling; "(Kyrgyztan, Chile)") is still read as States when it *looks like* a list of
State names (capitalised names separated by commas or "and", one at least close to a known name), so the
recommendation is kept and the unknown name is flagged rather than the whole recommendation dropped.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import cache

from hrdmap.analyse.reference import data as gazetteer_data
from hrdmap.analyse.taggers.gazetteer import COUNTRIES, default_matcher

GROUP = r"\(((?:[^()]|\([^()]*\))+)\)"
ONE = re.compile(GROUP)
_SEPARATORS = re.compile(r"(?:\s|,|\band\b|\bet\b|\by\b|;)*")
_NAME_PARTS = re.compile(r"\s*(?:,|;|\band\b|\bet\b|\by\b)\s*")
#: A name as States are written: capitalised words, with "of", "the", "and" or a bracket inside.
_NAME = re.compile(r"^(?:the\s+)?[A-ZÀ-Ý][\w'’.-]*(?:\s+(?:of|the|and|de|du|des|la|le|[A-ZÀ-Ý(][\w'’.()-]*))*$")
#: How close a misspelt name must be to a known one.
CLOSE = 0.8


@dataclass(frozen=True, slots=True)
class States:
    """The States of a bracket: UN short names of the known ones, and the names written that none matches."""

    names: tuple[str, ...]
    unknown: tuple[str, ...] = ()


@cache
def _known_names() -> dict[str, str]:
    """Lower-cased name forms (English UN short names and the gazetteer's variants) → UN short name."""
    english = gazetteer_data.country_names("en")
    forms: dict[str, str] = {}
    for country in gazetteer_data.countries():
        name = english.get(country.id, country.id)
        for variant in (name, *country.variants):
            if variant.isascii() or variant[:1].isupper():
                forms.setdefault(variant.lower(), name)
    return forms


def states_in(content: str) -> tuple[str, ...] | None:
    """UN short names of the States listed in a bracket, or ``None`` when the bracket is not a list of States."""
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


def likely_states(content: str) -> States | None:
    """The States of a bracket that names one the gazetteer does not know, or ``None`` when it is not a list
    of State names.

    Each part (split at commas and "and") is a known State or a capitalised name; at least one unknown part
    must be close to a known name (a misspelling), or a known State must stand beside it.
    """
    parts = _parts(content)
    if not parts or any(not _NAME.match(p) or p.isupper() for p in parts):
        return None
    known: list[str] = []
    unknown: list[str] = []
    close = False
    forms = _known_names()
    for part in parts:
        found = states_in(part)
        if found:
            known.extend(found)
            continue
        unknown.append(part)
        close = close or bool(difflib.get_close_matches(part.lower(), forms, n=1, cutoff=CLOSE))
    if unknown and not (close or known):
        return None
    return States(tuple(known + unknown), tuple(unknown))


def _parts(content: str) -> list[str]:
    """The names of a bracket, an article dropped, inverted names put right ("Venezuela, Bolivarian Republic
    of" → "Bolivarian Republic of Venezuela", as ISO writes them)."""
    parts: list[str] = []
    for raw in (p.strip() for p in _NAME_PARTS.split(content)):
        if not raw:
            continue
        part = re.sub(r"^the\s+", "", raw, flags=re.IGNORECASE)
        if parts and re.search(r"\s(?:of|of the)$", part):
            parts[-1] = f"{part} {parts[-1]}"
        else:
            parts.append(part)
    return parts


def trailing_states(chain: str) -> tuple[int, States] | None:
    """In "(CED) (France) (Chile)", the offset where the brackets of States begin, and the States.

    Only the last brackets of a chain can be States; a bracket of likely States (a misspelt name) counts only
    as the last one of the chain, where a recommendation's States stand.
    """
    groups = list(ONE.finditer(chain))
    names: list[str] = []
    unknown: list[str] = []
    first = None
    for n, group in enumerate(reversed(groups)):
        found = states_in(group.group(1))
        likely = likely_states(group.group(1)) if found is None and n == 0 else None
        if found is None and likely is None:
            break
        names[:0] = found if found is not None else likely.names if likely else ()
        unknown[:0] = likely.unknown if likely else ()
        first = group.start()
    return (first, States(tuple(names), tuple(unknown))) if first is not None else None
