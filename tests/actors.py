"""The actors tests act as: ``TESTER`` holds every role; tests of permissions build their own.

The clock is the system's; a test that fixes time gives an actor a :class:`hrdmap.domain.actor.FixedClock`.
"""

from __future__ import annotations

from hrdmap.domain.actor import Actor, Role

TESTER = Actor("tester", frozenset({Role.ADMINISTRATOR}))
