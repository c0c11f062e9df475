"""What the app holds while it runs: settings, the pool of workspaces, the clock and the sign-in limiter."""

from __future__ import annotations

from dataclasses import dataclass, field

from hrdmap.config import Settings
from hrdmap.domain.actor import Clock, SystemClock
from hrdmap.web.pool import WorkspacePool
from hrdmap.web.security import RateLimit
from hrdmap.web.settings import WebSettings


@dataclass
class AppState:
    """The running app's state (``app.state.hrdmap``).

    Attributes:
        settings: The data folder's settings.
        web: The web app's settings.
        pool: Workspaces lent to requests.
        clock: What time it is for every actor (a test gives a :class:`~hrdmap.domain.actor.FixedClock`).
        limiter: Sign-in attempts per client address.
    """

    settings: Settings
    web: WebSettings
    pool: WorkspacePool
    clock: Clock = field(default_factory=SystemClock)
    limiter: RateLimit = field(default_factory=lambda: RateLimit(10))
