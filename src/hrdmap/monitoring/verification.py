"""Verification of incidents, after the logic of the SDG 16.10.1 methodology: checked, not just recorded.

A fact counts as verified when it is corroborated by independent, reliable sources ("reasonable grounds to
believe"). hrdmap's rule (docs/monitoring.md), applied to an incident's sources:

* a source is **reliable** when graded ``high`` or ``medium``;
* a source graded ``derived`` repeats another and never counts as independent; sources in the same
  **independence group** (the same organisation, or reports that all go back to it) count once;
* **rule A**: at least two reliable sources in different independence groups; or
* **rule B**: one reliable ``primary`` source (a witness, the victim, a relative, a lawyer), corroborated by a
  source of another group that is not graded ``low``.

``verified`` is refused when neither holds. Every change of status says who, when and why, and only the changes
in :data:`~hrdmap.domain.monitoring.vocabulary.TRANSITIONS` are allowed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from hrdmap.domain.errors import InvalidInput
from hrdmap.domain.monitoring.incidents import Incident, Source, StatusChange
from hrdmap.domain.monitoring.vocabulary import TRANSITIONS, Independence, Reliability, VerificationStatus

_RELIABLE = frozenset({Reliability.HIGH, Reliability.MEDIUM})


class VerificationError(InvalidInput):
    """A status change that is not allowed, or ``verified`` without the sources the rule asks for."""


@dataclass(frozen=True, slots=True)
class RuleResult:
    """Whether the sources meet the verification rule, which part of it, and why (or why not)."""

    met: bool
    rule: str
    explanation: str


def _independent(sources: Sequence[Source]) -> list[Source]:
    return [s for s in sources if s.independence is not Independence.DERIVED]


def check_rule(sources: Sequence[Source]) -> RuleResult:
    """Apply the verification rule to an incident's sources."""
    usable = _independent(sources)
    reliable_groups = sorted({s.group for s in usable if s.reliability in _RELIABLE})
    if len(reliable_groups) >= 2:
        shown = ", ".join(reliable_groups[:4])
        return RuleResult(True, "A", f"{len(reliable_groups)} reliable independent sources ({shown})")
    for primary in (s for s in usable if s.independence is Independence.PRIMARY and s.reliability in _RELIABLE):
        corroborating = [s for s in usable if s.group != primary.group and s.reliability is not Reliability.LOW]
        if corroborating:
            return RuleResult(
                True, "B", f"a reliable primary source ({primary.group}) corroborated by {corroborating[0].group}"
            )
    derived = len(sources) - len(usable)
    return RuleResult(
        False,
        "",
        f"needs two reliable sources in different independence groups, or a reliable primary source with "
        f"corroboration; has {len(reliable_groups)} reliable independent group(s)"
        + (f" and {derived} derived source(s), which do not count" if derived else ""),
    )


def change_status(incident: Incident, status: VerificationStatus, *, by: str, at: dt.datetime, reason: str) -> Incident:
    """The incident with its status changed and the change appended to its history.

    Args:
        incident: The incident as it stands.
        status: The new status.
        by: Who decides.
        at: When (timezone-aware).
        reason: Why; required.

    Raises:
        VerificationError: The change is not allowed from the current status, no reason is given, or
            ``verified`` is asked for and the sources do not meet the rule.
    """
    if at.tzinfo is None:
        raise VerificationError("the time of a status change must be timezone-aware")
    if not reason.strip():
        raise VerificationError("a status change needs a reason")
    if status not in TRANSITIONS[incident.status]:
        allowed = ", ".join(sorted(s.value for s in TRANSITIONS[incident.status]))
        raise VerificationError(f"cannot go from {incident.status.value} to {status.value} (allowed: {allowed})")
    if status is VerificationStatus.VERIFIED:
        result = check_rule(incident.sources)
        if not result.met:
            raise VerificationError(f"not verified: the sources do not meet the rule: {result.explanation}")
        reason = f"{reason.strip()} [rule {result.rule}: {result.explanation}]"
    change = StatusChange(status=status, at=at, by=by, reason=reason.strip())
    return replace(incident, status=status, history=(*incident.history, change))
