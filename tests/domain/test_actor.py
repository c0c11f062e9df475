"""The actor: roles carry permissions, a scope limits what is seen, a clock says when."""

from __future__ import annotations

import datetime as dt

import pytest

from hrdmap.domain.actor import (
    ROLE_PERMISSIONS,
    Actor,
    FixedClock,
    Permission,
    Role,
    Scope,
    Sensitivity,
    SystemClock,
)
from hrdmap.domain.errors import Forbidden

AT = dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC)


def test_every_role_has_a_row_in_the_table() -> None:
    assert set(ROLE_PERMISSIONS) == set(Role)


def test_an_administrator_may_do_everything_an_officer_all_but_administer() -> None:
    admin, officer = Actor("a", frozenset({Role.ADMINISTRATOR})), Actor("o", frozenset({Role.OFFICER}))
    assert admin.permissions == frozenset(Permission)
    assert officer.permissions == frozenset(Permission) - {Permission.ADMINISTER}


def test_an_analyst_sees_aggregates_only_and_a_reviewer_may_not_ingest() -> None:
    analyst = Actor("an", frozenset({Role.ANALYST}))
    reviewer = Actor("re", frozenset({Role.REVIEWER}))
    assert analyst.can(Permission.READ_AGGREGATES) and not analyst.can(Permission.READ_CORPUS)
    with pytest.raises(Forbidden, match=r"^re \(reviewer\) may not ingest files$"):
        reviewer.require(Permission.INGEST)


def test_roles_add_up() -> None:
    both = Actor("b", frozenset({Role.REVIEWER, Role.ANALYST}))
    assert both.permissions == ROLE_PERMISSIONS[Role.REVIEWER] | ROLE_PERMISSIONS[Role.ANALYST]


def test_an_actor_without_a_role_may_do_nothing() -> None:
    nobody = Actor("x", frozenset())
    assert not nobody.permissions
    with pytest.raises(Forbidden, match="no role"):
        nobody.require(Permission.READ_CORPUS)


def test_a_scope_limits_calls_countries_and_sensitivity() -> None:
    scope = Scope(calls=frozenset({"hrd-2026"}), countries=frozenset({"KEN"}), sensitivity=Sensitivity.RESTRICTED)
    assert scope.allows_call("hrd-2026") and not scope.allows_call("other")
    assert scope.allows_country("KEN") and not scope.allows_country("COL")
    assert scope.allows(Sensitivity.PUBLIC) and scope.allows(Sensitivity.RESTRICTED)
    assert not scope.allows(Sensitivity.CONFIDENTIAL)
    everything = Scope()
    assert everything.allows_call("any") and everything.allows(Sensitivity.CONFIDENTIAL)


def test_a_fixed_clock_says_what_it_is_told_and_moves_when_asked() -> None:
    clock = FixedClock(AT)
    actor = Actor("ana", frozenset({Role.OFFICER}), clock=clock)
    assert actor.now() == AT and actor.today() == dt.date(2026, 3, 1)
    clock.advance(dt.timedelta(days=1))
    assert actor.today() == dt.date(2026, 3, 2)


def test_a_fixed_clock_refuses_a_naive_time() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        FixedClock(dt.datetime(2026, 3, 1))  # noqa: DTZ001 - the point of the test


def test_the_system_clock_is_aware_and_in_utc() -> None:
    now = SystemClock().now()
    assert now.tzinfo is not None and now.utcoffset() == dt.timedelta(0)
