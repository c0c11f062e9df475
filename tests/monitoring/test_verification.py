"""The verification rule is checked: two independent reliable sources, or a primary one with corroboration."""

from __future__ import annotations

import datetime as dt

import pytest

from hrdmap.domain.monitoring.incidents import Act, FuzzyDate, Incident, Location, Source
from hrdmap.domain.monitoring.vocabulary import Independence, Reliability, SourceKind, VerificationStatus
from hrdmap.monitoring.verification import VerificationError, change_status, check_rule

AT = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)


def _source(name: str, reliability: str = "high", independence: str = "secondary", group: str = "") -> Source:
    return Source(
        SourceKind.ORGANISATION,
        name,
        name,
        Reliability.parse(reliability),
        Independence.parse(independence),
        independence_group=group,
    )


def _incident(*sources: Source, status: VerificationStatus = VerificationStatus.UNDER_VERIFICATION) -> Incident:
    return Incident(
        "Killing (fictional)", FuzzyDate.unknown(), Location("COL"), (Act("killing"),), sources=sources, status=status
    )


def test_two_reliable_sources_in_different_groups_verify() -> None:
    result = check_rule([_source("NGO A"), _source("Media B", "medium")])
    assert result.met and result.rule == "A"


@pytest.mark.parametrize(
    "sources",
    [
        [_source("NGO A")],
        [_source("NGO A"), _source("NGO A field office", group="ngo a")],
        [_source("NGO A"), _source("Media B", "low")],
        [_source("NGO A"), _source("Aggregator", independence="derived")],
    ],
    ids=["one source", "same group", "second is unreliable", "second repeats another"],
)
def test_sources_that_are_not_independent_and_reliable_do_not(sources: list[Source]) -> None:
    assert not check_rule(sources).met


def test_a_primary_source_with_corroboration_verifies() -> None:
    result = check_rule([_source("A relative", independence="primary"), _source("Local radio", "unknown")])
    assert result.met and result.rule == "B"


def test_verified_is_refused_without_the_rule_and_the_reason_says_why() -> None:
    with pytest.raises(VerificationError, match="do not meet the rule: .* 1 derived source"):
        change_status(
            _incident(_source("NGO A"), _source("Wire", independence="derived")),
            VerificationStatus.VERIFIED,
            by="officer",
            at=AT,
            reason="checked",
        )


def test_each_change_records_who_when_why_and_the_rule() -> None:
    incident = _incident(_source("NGO A"), _source("Media B"), status=VerificationStatus.REPORTED)
    incident = change_status(incident, VerificationStatus.UNDER_VERIFICATION, by="officer", at=AT, reason="assigned")
    incident = change_status(incident, VerificationStatus.VERIFIED, by="reviewer", at=AT, reason="two sources")
    assert incident.status is VerificationStatus.VERIFIED
    assert [(c.status, c.by) for c in incident.history] == [
        (VerificationStatus.UNDER_VERIFICATION, "officer"),
        (VerificationStatus.VERIFIED, "reviewer"),
    ]
    assert "rule A" in incident.history[-1].reason


@pytest.mark.parametrize(
    ("start", "target"),
    [
        (VerificationStatus.REPORTED, VerificationStatus.VERIFIED),
        (VerificationStatus.PROPOSED, VerificationStatus.UNDER_VERIFICATION),
        (VerificationStatus.REFUTED, VerificationStatus.VERIFIED),
    ],
)
def test_only_allowed_transitions(start: VerificationStatus, target: VerificationStatus) -> None:
    with pytest.raises(VerificationError, match="cannot go from"):
        change_status(_incident(_source("A"), _source("B"), status=start), target, by="x", at=AT, reason="r")


def test_a_change_needs_a_reason_and_an_aware_time() -> None:
    incident = _incident(status=VerificationStatus.REPORTED)
    with pytest.raises(VerificationError, match="needs a reason"):
        change_status(incident, VerificationStatus.UNDER_VERIFICATION, by="x", at=AT, reason=" ")
    with pytest.raises(VerificationError, match="timezone-aware"):
        change_status(incident, VerificationStatus.UNDER_VERIFICATION, by="x", at=dt.datetime(2026, 1, 1), reason="r")  # noqa: DTZ001
