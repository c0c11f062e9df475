"""How the report names contributors: "Norway", "the United Nations Development Programme", "the Niger".

UN style writes "Input by Norway." and "Input by the United Nations Development Programme.": an organization's
name takes "the" when it is built on a common noun (Office, Programme, Commission, Network …), a State's name
when UN usage gives it one ("the Niger", "the Russian Federation"). A trailing acronym in brackets
("(UNDP)") is dropped in running text. Confidential contributors are never named: :func:`credit` writes the
confidential phrase for them and :func:`redactor` removes their names from the passages quoted.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

_STATE_TYPES = frozenset({"member_state", "observer_state"})
#: States and observers whose UN short name takes "the" in running text.
_STATES_WITH_ARTICLE = frozenset(
    {
        "Bahamas",
        "Central African Republic",
        "Comoros",
        "Congo",
        "Czech Republic",
        "Democratic People's Republic of Korea",
        "Democratic Republic of the Congo",
        "Dominican Republic",
        "Gambia",
        "Holy See",
        "Lao People's Democratic Republic",
        "Maldives",
        "Marshall Islands",
        "Netherlands",
        "Netherlands (Kingdom of the)",
        "Niger",
        "Philippines",
        "Republic of Korea",
        "Republic of Moldova",
        "Russian Federation",
        "Solomon Islands",
        "State of Palestine",
        "Sudan",
        "Syrian Arab Republic",
        "United Arab Emirates",
        "United Kingdom of Great Britain and Northern Ireland",
        "United Kingdom",
        "United Republic of Tanzania",
        "United States of America",
        "United States",
        "Plurinational State of Bolivia",
        "Bolivarian Republic of Venezuela",
    }
)
#: Common nouns that make an organization's name take "the".
_COMMON_NOUNS = frozenset(
    "office programme program fund commission committee council centre center institute institution "
    "organization organisation agency association forum network link coalition alliance federation union "
    "secretariat department division mission entity bank ombudsperson ombudsman service foundation "
    "conference court group observatory platform team system university academy bureau board authority "
    "chamber society league movement initiative unit panel rapporteur representative".split()
)
_ACRONYM = re.compile(r"\s*\((?:[A-Z][A-Za-z]*[A-Z][A-Za-z-]*|[A-Z]{2,})\)\s*$")


def display_name(name: str, stakeholder_type: str) -> str:
    """The name as running text uses it, with its article: "the United Nations Development Programme"."""
    bare = _ACRONYM.sub("", name).strip()
    if bare.lower().startswith("the "):
        return "the " + bare[4:]
    if stakeholder_type in _STATE_TYPES:
        return f"the {bare}" if bare in _STATES_WITH_ARTICLE else bare
    head = re.split(r"\s+(?:of|for|on|de|des|du|del|para|pour)\s+", bare, maxsplit=1)[0]
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", head)}
    return f"the {bare}" if words & _COMMON_NOUNS else bare


def capitalised(name: str) -> str:
    """The name at the start of a sentence ("The United Nations Development Programme")."""
    return name[0].upper() + name[1:] if name else name


def join_names(names: Sequence[str], conjunction: str = "and") -> str:
    """ "A", "A and B", "A, B and C" (UN style: no serial comma)."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {conjunction} {names[-1]}"


def credit(named: Sequence[str], confidential: bool, phrases: Mapping[str, str]) -> str:
    """The footnote crediting a paragraph's sources.

    Args:
        named: Display names of the public contributors, in order, each once.
        confidential: Whether a confidential contribution is among the sources.
        phrases: The phrase templates (``credit``, ``credit_confidential``, ``credit_mixed``).
    """
    if named and confidential:
        return phrases["credit_mixed"].format(names=join_names(named))
    if named:
        return phrases["credit"].format(names=join_names(named))
    return phrases["credit_confidential"]


def redactor(names: Sequence[str]) -> Callable[[str], str]:
    """A function replacing every form of the given confidential contributors' names with "[…]".

    The forms are the names given, each also without a trailing bracket ("(fictional)", "(DSD)") and its
    acronym in brackets when there is one. The pattern is compiled once, for the whole draft.
    """
    forms: set[str] = set()
    for name in names:
        forms.add(name)
        forms.add(re.sub(r"\s*\([^()]*\)\s*$", "", name).strip())
        forms.update(re.findall(r"\(([A-Z][A-Za-z-]{1,})\)", name))
    kept = sorted((f for f in forms if len(f) > 2), key=len, reverse=True)
    if not kept:
        return lambda text: text
    pattern = re.compile(rf"(?<!\w)(?:{'|'.join(re.escape(f) for f in kept)})(?!\w)", re.IGNORECASE)
    return lambda text: pattern.sub("[…]", text)
