"""Security of every response and every form: headers, CSRF tokens, and the sign-in rate limit.

Headers (on every response, errors included): a Content-Security-Policy that allows scripts, styles and images
from the app itself only (no ``unsafe-inline``, no other origin), ``frame-ancestors 'none'``, no referrer, no
sniffing, and HSTS when the app is served over TLS. Uvicorn is started without its ``server`` header.

CSRF: a random value in an HttpOnly, SameSite=Strict cookie (:data:`CSRF_COOKIE`), and in each form (or the
``X-CSRF-Token`` header of a script's request) its HMAC under the secret key; a state-changing request whose
token does not match is refused. Requests authenticated by an API bearer token carry no cookie and need none.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSRF_COOKIE = "hrdmap_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
]
HSTS = (b"strict-transport-security", b"max-age=31536000; includeSubDomains")


class SecurityHeaders:
    """ASGI middleware that adds the security headers to every HTTP response and drops any ``server`` header.

    Args:
        app: The application.
        tls: Add HSTS (the app is reached over HTTPS).
    """

    def __init__(self, app: ASGIApp, *, tls: bool) -> None:
        self.app = app
        self.headers = [*_HEADERS, HSTS] if tls else list(_HEADERS)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"server"]
                present = {k.lower() for k, _ in kept}
                kept.extend((k, v) for k, v in self.headers if k not in present)
                if scope.get("scheme") == "https" and HSTS[0] not in present and HSTS not in self.headers:
                    kept.append(HSTS)
                message["headers"] = kept
            await send(message)

        await self.app(scope, receive, send_with_headers)


def new_csrf_cookie() -> str:
    """A fresh random value for the CSRF cookie."""
    return secrets.token_urlsafe(24)


def csrf_token(secret_key: bytes, cookie: str) -> str:
    """The token forms carry for the CSRF cookie ``cookie``."""
    return hmac.new(secret_key, cookie.encode(), hashlib.sha256).hexdigest()


def csrf_ok(secret_key: bytes, cookie: str | None, token: str | None) -> bool:
    """Whether ``token`` is the one for ``cookie`` (compared in constant time)."""
    if not cookie or not token:
        return False
    return hmac.compare_digest(csrf_token(secret_key, cookie), token)


class RateLimit:
    """At most ``per_minute`` events per key (a client address) in any sliding minute, in this process.

    Args:
        per_minute: The limit.
        clock: Seconds, monotonic (``time.monotonic`` unless a test gives its own).
    """

    def __init__(self, per_minute: int, clock: Callable[[], float] | None = None) -> None:
        self._limit = per_minute
        self._clock: Callable[[], float] = clock or time.monotonic
        self._seen: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, key: str) -> bool:
        """Count one event for ``key``; ``False`` when it is over the limit (the event is not counted)."""
        now = self._clock()
        with self._lock:
            seen = self._seen.setdefault(key, deque())
            while seen and now - seen[0] >= 60:
                seen.popleft()
            if len(seen) >= self._limit:
                return False
            seen.append(now)
            if len(self._seen) > 10_000:  # forget idle addresses so memory stays bounded
                self._seen = {k: v for k, v in self._seen.items() if v and now - v[-1] < 60}
            return True
