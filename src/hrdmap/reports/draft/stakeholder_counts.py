"""Who contributed, counted by type in the words a UN report uses.

:func:`contributors_phrase` writes "51 stakeholders: 8 States (Chile, Norway …), 18 United Nations entities,
6 national human rights institutions, 2 regional organizations and 17 civil society organizations". The rules,
from the United Nations Editorial Manual (numbers) and the reports that use such sentences:

- numbers under 10 are words (*eight*), 10 and above figures (*18*); but numbers in one series that refer to
  the same thing follow the rule of the highest, so when any count is 10 or more every count is in figures
  (*8 States … and 17 civil society organizations*), otherwise all are words (*three States and two NHRIs*);
- a count of one takes the singular (*one State*, *1 United Nations entity*);
- items are joined with commas and "and" before the last, without a serial comma;
- member and observer States count together as "States" and are named, in alphabetical order (accents and
  case ignored), in parentheses; a State whose every contribution is confidential is counted, not named
  ("and one other");
- the total opens the phrase only when there is more than one type; the phrase is meant to follow words such
  as "Contributions were received from", never to open a sentence (where a number must be a word).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from hrdmap.domain.calls import StakeholderType

WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")

#: Report groups in the order reports list them: (types, singular, plural).
GROUPS: tuple[tuple[frozenset[StakeholderType], str, str], ...] = (
    (frozenset({StakeholderType.MEMBER_STATE, StakeholderType.OBSERVER_STATE}), "State", "States"),
    (frozenset({StakeholderType.UN_ENTITY}), "United Nations entity", "United Nations entities"),
    (
        frozenset({StakeholderType.SPECIAL_PROCEDURE}),
        "special procedure mandate holder",
        "special procedure mandate holders",
    ),
    (frozenset({StakeholderType.TREATY_BODY}), "treaty body", "treaty bodies"),
    (
        frozenset({StakeholderType.NHRI}),
        "national human rights institution",
        "national human rights institutions",
    ),
    (frozenset({StakeholderType.REGIONAL_ORGANISATION}), "regional organization", "regional organizations"),
    (frozenset({StakeholderType.NGO}), "civil society organization", "civil society organizations"),
    (frozenset({StakeholderType.ACADEMIC}), "academic institution", "academic institutions"),
    (frozenset({StakeholderType.OTHER}), "other stakeholder", "other stakeholders"),
)


@dataclass(frozen=True, slots=True)
class Contributor:
    """A stakeholder that contributed.

    Attributes:
        name: Its published name.
        type: Its type.
        named: Whether it may be named: ``False`` when every contribution it sent is confidential.
    """

    name: str
    type: StakeholderType
    named: bool = True


def join_and(items: Sequence[str]) -> str:
    """``"A, B and C"``: commas, and "and" before the last item (no serial comma)."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def number(n: int, *, words: bool) -> str:
    """``n`` as a word (zero to nine, when ``words``) or in figures."""
    return WORDS[n] if words and 0 <= n < len(WORDS) else str(n)


def counted(n: int, singular: str, plural: str, *, words: bool) -> str:
    """``"one State"``, ``"8 States"``: a number and the noun that agrees with it."""
    return f"{number(n, words=words)} {singular if n == 1 else plural}"


def alphabetical(names: Sequence[str]) -> list[str]:
    """Names in alphabetical order, ignoring accents and case ("Côte d'Ivoire" between "Costa Rica" and
    "Cuba")."""

    def key(name: str) -> tuple[str, str]:
        plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
        return plain.casefold(), name

    return sorted(names, key=key)


def _groups(contributors: Sequence[Contributor]) -> list[tuple[str, str, list[Contributor]]]:
    found = []
    for types, singular, plural in GROUPS:
        members = [c for c in contributors if c.type in types]
        if members:
            found.append((singular, plural, members))
    return found


def _state_names(states: list[Contributor], *, words: bool) -> str:
    named = alphabetical(sorted({c.name for c in states if c.named}))
    hidden = len(states) - len([c for c in states if c.named])
    if not named:
        return ""
    if hidden:
        named.append(counted(hidden, "other", "others", words=words))
    return f" ({join_and(named)})"


def contributors_phrase(contributors: Sequence[Contributor]) -> str:
    """The contributors counted by type, States named: see the module docstring for the rules.

    Args:
        contributors: Each stakeholder that contributed, once.

    Returns:
        ``"51 stakeholders: 8 States (…), 18 United Nations entities … and 17 civil society organizations"``,
        ``"three States (Chile, Norway and Portugal)"``, or ``"no stakeholder"``.
    """
    groups = _groups(contributors)
    if not groups:
        return "no stakeholder"
    total = len(contributors)
    words = max(total, *(len(m) for _, _, m in groups)) < 10
    parts = []
    for singular, plural, members in groups:
        names = _state_names(members, words=words) if singular == "State" else ""
        parts.append(counted(len(members), singular, plural, words=words) + names)
    if len(parts) == 1:
        return parts[0]
    return f"{counted(total, 'stakeholder', 'stakeholders', words=words)}: {join_and(parts)}"


def contributions_sentence(contributors: Sequence[Contributor]) -> str:
    """The sentence a report's introduction uses: "Contributions were received from …"."""
    if not contributors:
        return "No contributions were received."
    return f"Contributions were received from {contributors_phrase(contributors)}."


def confidential_sentence(count: int) -> str:
    """How a published list mentions the contributions it leaves out; empty when there are none."""
    if count <= 0:
        return ""
    noun = counted(count, "contribution is", "contributions are", words=True)
    return f"In addition, {noun} confidential and on file with the Secretariat."
