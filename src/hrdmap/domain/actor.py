"""Who acts, with which rights, over what, and when: the context every use-case receives.

A service that writes, or reads data that may be protected, takes an :class:`Actor` as an argument. The edges
build it: the command line from the local user (:func:`hrdmap.cli.output.local_actor`), the web app from a
signed-in session. Nothing below the services reads the settings, the environment or the wall clock for who or
when: the actor's :class:`Clock` says when, so a test fixes time by giving a :class:`FixedClock`.

Roles carry permissions (:data:`ROLE_PERMISSIONS`, the small table the services check); a :class:`Scope` limits an
actor to some calls, countries and a highest sensitivity. A service refuses a write the actor may not make with
:class:`hrdmap.domain.errors.Forbidden`; a read of something the actor may not see answers as if it did not exist.

Example::

    officer = Actor("ana", frozenset({Role.OFFICER}), clock=FixedClock(dt.datetime(2026, 3, 1, tzinfo=dt.UTC)))
    officer.require(Permission.INGEST, "ingest files")   # passes
    officer.now()                                        # 2026-03-01 00:00:00+00:00
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import IntEnum, StrEnum
from typing import Protocol, runtime_checkable

from hrdmap.domain.errors import Forbidden


class Role(StrEnum):
    """What a person does in a team; each role carries the permissions of :data:`ROLE_PERMISSIONS`."""

    ADMINISTRATOR = "administrator"
    OFFICER = "officer"
    REVIEWER = "reviewer"
    ANALYST = "analyst"
    CONTRIBUTOR = "contributor"
    PUBLIC = "public"


class Permission(StrEnum):
    """One kind of thing a service may be asked to do."""

    READ_CORPUS = "read the corpus"  # documents, paragraphs, search, tags, exports
    READ_CONFIDENTIAL = "read confidential data"  # confidential contributions and contacts
    READ_AGGREGATES = "read aggregates"  # maps, counts, trackers without paragraph text
    INGEST = "ingest files"
    TAG = "tag paragraphs"
    REVIEW = "review tags"
    MANAGE_CALLS = "manage calls for inputs"  # calls, stakeholders, requests, contributions
    MANAGE_MANDATES = "manage mandates"
    TRACK_RECOMMENDATIONS = "track recommendations"
    MANAGE_INCIDENTS = "record and verify incidents"  # incidents, sources, verification, merges, cases, warnings
    DRAFT = "draft and publish reports"  # the draft, the public inputs page
    ADMINISTER = "administer the data folder"  # rebuild the index, users, the audit trail


_OFFICER = frozenset(Permission) - {Permission.ADMINISTER}

#: The permissions of each role. The web app (a later issue) may refine them; the services check these.
ROLE_PERMISSIONS: Mapping[Role, frozenset[Permission]] = {
    Role.ADMINISTRATOR: frozenset(Permission),
    Role.OFFICER: _OFFICER,
    Role.REVIEWER: frozenset({Permission.READ_CORPUS, Permission.READ_AGGREGATES, Permission.REVIEW}),
    Role.ANALYST: frozenset({Permission.READ_AGGREGATES}),
    Role.CONTRIBUTOR: frozenset(),
    Role.PUBLIC: frozenset(),
}


class Sensitivity(IntEnum):
    """How widely a record may be shown; higher is more restricted."""

    PUBLIC = 0
    RESTRICTED = 1
    CONFIDENTIAL = 2


@dataclass(frozen=True, slots=True)
class Scope:
    """What an actor may see at most: some calls, some countries, up to a sensitivity.

    Attributes:
        calls: Keys of the calls the actor works on; ``None`` for every call.
        countries: ISO 3166-1 alpha-3 codes; ``None`` for every country.
        sensitivity: The highest sensitivity the actor may read.
    """

    calls: frozenset[str] | None = None
    countries: frozenset[str] | None = None
    sensitivity: Sensitivity = Sensitivity.CONFIDENTIAL

    def allows_call(self, key: str) -> bool:
        """Whether the call ``key`` is in scope."""
        return self.calls is None or key in self.calls

    def allows_country(self, iso3: str) -> bool:
        """Whether the country ``iso3`` is in scope."""
        return self.countries is None or iso3 in self.countries

    def allows(self, sensitivity: Sensitivity) -> bool:
        """Whether records of ``sensitivity`` are in scope."""
        return sensitivity <= self.sensitivity


@runtime_checkable
class Clock(Protocol):
    """Says what time it is; services ask the actor's clock, never the wall clock."""

    def now(self) -> dt.datetime:
        """The current time, timezone-aware, in UTC."""
        ...


class SystemClock:
    """The wall clock: the one place hrdmap reads the current time for a use-case."""

    def now(self) -> dt.datetime:
        """The current time in UTC."""
        return dt.datetime.now(dt.UTC)


@dataclass(slots=True)
class FixedClock:
    """A clock that says what it is told; ``advance`` moves it. For tests and replays.

    Attributes:
        at: The time it says (timezone-aware).
    """

    at: dt.datetime

    def __post_init__(self) -> None:
        if self.at.tzinfo is None:
            raise ValueError("a FixedClock needs a timezone-aware time")

    def now(self) -> dt.datetime:
        """The time it was set to, in UTC."""
        return self.at.astimezone(dt.UTC)

    def advance(self, by: dt.timedelta) -> None:
        """Move the clock forward by ``by``."""
        self.at += by


@dataclass(frozen=True, slots=True)
class Actor:
    """Who acts: a name for the audit trail, roles, a scope, and the clock that says when.

    Attributes:
        name: Recorded in the audit trail and in every decision (a user name, never a display name).
        roles: The actor's roles.
        scope: What the actor may see at most.
        clock: What time it is for this actor's actions.
        limit: At most these permissions, whatever the roles allow (an API token made for one job); ``None``
            for all the roles allow.
    """

    name: str
    roles: frozenset[Role]
    scope: Scope = Scope()
    clock: Clock = field(default_factory=SystemClock)
    limit: frozenset[Permission] | None = None

    @property
    def permissions(self) -> frozenset[Permission]:
        """Everything the actor's roles allow (within :attr:`limit`)."""
        granted: frozenset[Permission] = frozenset().union(*(ROLE_PERMISSIONS[role] for role in self.roles))
        return granted if self.limit is None else granted & self.limit

    def can(self, permission: Permission) -> bool:
        """Whether the actor's roles allow ``permission``."""
        return permission in self.permissions

    def require(self, permission: Permission) -> None:
        """Refuse unless the actor's roles allow ``permission``.

        Raises:
            Forbidden: They do not; the message names the actor and what it may not do.
        """
        if not self.can(permission):
            roles = ", ".join(sorted(self.roles)) or "no role"
            raise Forbidden(f"{self.name} ({roles}) may not {permission.value}")

    def now(self) -> dt.datetime:
        """The actor's current time, timezone-aware, in UTC."""
        return self.clock.now()

    def today(self) -> dt.date:
        """The actor's current date (UTC)."""
        return self.now().date()
