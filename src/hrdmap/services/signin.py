"""Signing in to the web app: passwords, lockout, sessions, the second factor (TOTP) and API tokens.

The edge (the web app) hands the secrets its client holds (a session cookie, a bearer token) to
:func:`session_for` and :func:`token_actor`, which answer with the :class:`~hrdmap.domain.actor.Actor` that
acts: the stored user's name, roles and scope, never anything the client declares. The store keeps digests of
those secrets only.

Rules (the figures are module constants, documented in docs/web.md):

- a wrong name or password, a disabled or a locked account all answer the same :class:`SignInFailed`, so
  nobody learns which names exist; :data:`MAX_FAILURES` failures in a row lock the account for
  :data:`LOCK_MINUTES` minutes;
- a session ends :data:`SESSION_HOURS` hours after sign-in, or after :data:`IDLE_MINUTES` minutes unused;
- users whose roles can see confidential data must give a TOTP code (RFC 6238) or a one-time recovery code
  before the session counts as signed in, and enrol one on first sign-in.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass, replace

import pyotp

from hrdmap.domain.actor import Actor, Clock, Permission, Role, Scope, Sensitivity
from hrdmap.domain.errors import InvalidInput, NotFound
from hrdmap.services import audit_trail
from hrdmap.services.accounts import needs_mfa
from hrdmap.services.passwords import hash_secret, verify
from hrdmap.services.workspace import Workspace
from hrdmap.storage.accounts import SessionRecord, TokenRecord, UserRecord

MAX_FAILURES = 5
LOCK_MINUTES = 15
SESSION_HOURS = 12
IDLE_MINUTES = 30
RECOVERY_CODES = 10
#: TOTP codes accepted one step (30 s) either side of the server's time.
TOTP_WINDOW = 1
#: The name the audit trail gives someone not signed in.
ANONYMOUS = "anonymous"
_DUMMY_HASHES: dict[int, str] = {}


class SignInFailed(InvalidInput):
    """Wrong name or password, or a disabled or locked account: one message for all, so names do not leak."""


class WrongCode(InvalidInput):
    """A second-factor code that does not match."""


class UnknownToken(NotFound):
    """No API token of this user has that id."""


@dataclass(frozen=True, slots=True)
class SignedIn:
    """A session started by a correct password.

    Attributes:
        secret: The value for the session cookie (shown to the browser only).
        user: Who signed in.
        mfa_pending: The session needs a second factor (or its enrolment) before it counts.
    """

    secret: str
    user: UserRecord
    mfa_pending: bool


@dataclass(frozen=True, slots=True)
class SessionView:
    """A live session: who it is, the actor it acts as, and whether the second factor is still due."""

    session: SessionRecord
    user: UserRecord
    actor: Actor

    @property
    def mfa_pending(self) -> bool:
        """The second factor is due: the session may only give it (or enrol one)."""
        return not self.session.mfa_done


def digest(secret: str) -> str:
    """The SHA-256 hex digest under which a session or token secret is stored."""
    return hashlib.sha256(secret.encode()).hexdigest()


def actor_for(user: UserRecord, clock: Clock, limit: frozenset[Permission] | None = None) -> Actor:
    """The actor a stored user acts as: its name, roles and scope, with the server's clock."""
    scope = Scope(user.scope_calls, user.scope_countries, Sensitivity(user.sensitivity))
    return Actor(user.name, frozenset(Role(r) for r in user.roles), scope, clock, limit)


def anonymous(clock: Clock) -> Actor:
    """Someone not signed in: the public role, named ``anonymous`` in the audit trail."""
    return Actor(ANONYMOUS, frozenset({Role.PUBLIC}), clock=clock)


def _dummy(memory_kib: int) -> str:
    if memory_kib not in _DUMMY_HASHES:
        _DUMMY_HASHES[memory_kib] = hash_secret(memory_kib, secrets.token_hex(16))
    return _DUMMY_HASHES[memory_kib]


def sign_in(workspace: Workspace, actor: Actor, name: str, password: str, *, origin: str) -> SignedIn:
    """Check a password and start a session.

    Args:
        workspace: The data folder.
        actor: The visitor (not signed in yet): its clock says when.
        name: The sign-in name typed.
        password: The password typed.
        origin: The client's address, for the audit trail.

    Raises:
        SignInFailed: Wrong name or password, a disabled account, or a locked one.
    """
    memory = workspace.settings.argon2_memory_kib
    store, now = workspace.store, actor.now()
    user = store.accounts.user_by_name(name)
    if user is None:
        verify(memory, _dummy(memory), password)  # the same work as for a real name
        _audit_failure(workspace, actor, name, origin, "unknown name")
        raise SignInFailed("wrong name or password, or the account is locked")
    locked = user.locked_until is not None and user.locked_until > now
    if user.disabled or locked or not verify(memory, user.password_hash, password):
        _failed(workspace, actor, user, origin, "disabled" if user.disabled else "locked" if locked else "password")
        raise SignInFailed("wrong name or password, or the account is locked")
    secret = secrets.token_urlsafe(32)
    pending = needs_mfa(user)
    session = SessionRecord(
        digest(secret), user.id, now, now + dt.timedelta(hours=SESSION_HOURS), now, not pending, origin
    )
    with store.transaction():
        store.accounts.save_user(replace(user, failed_logins=0, locked_until=None))
        store.accounts.add_session(session)
        audit_trail.record(
            workspace, actor_for(user, actor.clock), "user.signed_in", detail={"mfa_pending": pending}, origin=origin
        )
    return SignedIn(secret, user, pending)


def _failed(workspace: Workspace, actor: Actor, user: UserRecord, origin: str, why: str) -> None:
    failures = user.failed_logins + 1
    locked_until = user.locked_until
    if failures >= MAX_FAILURES:
        locked_until = actor.now() + dt.timedelta(minutes=LOCK_MINUTES)
    with workspace.store.transaction():
        workspace.store.accounts.save_user(replace(user, failed_logins=failures, locked_until=locked_until))
        _audit_failure(workspace, actor, user.name, origin, why)
        if failures == MAX_FAILURES:
            audit_trail.record(workspace, actor, "user.locked", subject=f"user:{user.name}", origin=origin)


def _audit_failure(workspace: Workspace, actor: Actor, name: str, origin: str, why: str) -> None:
    with workspace.store.transaction():
        audit_trail.record(
            workspace, actor, "user.sign_in_failed", subject=f"user:{name[:64]}", detail={"why": why}, origin=origin
        )


def session_for(workspace: Workspace, clock: Clock, secret: str) -> SessionView | None:
    """The live session whose cookie holds ``secret``, its last use brought up to now; ``None`` when there is
    none, it expired (it is then deleted), or its user is disabled."""
    store, now = workspace.store, clock.now()
    session = store.accounts.session(digest(secret))
    if session is None:
        return None
    user = store.accounts.user(session.user_id)
    idle = now - session.last_seen > dt.timedelta(minutes=IDLE_MINUTES)
    if user is None or user.disabled or now >= session.expires_at or idle:
        with store.transaction():
            store.accounts.end_sessions(digest=session.digest)
        return None
    if now - session.last_seen > dt.timedelta(seconds=60):  # one write a minute at most
        session = replace(session, last_seen=now)
        with store.transaction():
            store.accounts.save_session(session)
    return SessionView(session, user, actor_for(user, clock))


def sign_out(workspace: Workspace, actor: Actor, secret: str, *, origin: str) -> None:
    """End the session whose cookie holds ``secret``."""
    with workspace.store.transaction():
        if workspace.store.accounts.end_sessions(digest=digest(secret)):
            audit_trail.record(workspace, actor, "user.signed_out", origin=origin)


def new_totp_secret() -> str:
    """A fresh TOTP seed (base32, 160 bits) for enrolment; nothing is stored until :func:`enrol`."""
    return pyotp.random_base32(32)


def provisioning_uri(secret: str, name: str) -> str:
    """The ``otpauth://`` URI an authenticator app reads (typed, or from a QR code)."""
    return pyotp.TOTP(secret).provisioning_uri(name=name, issuer_name="hrdmap")


def enrol(workspace: Workspace, view: SessionView, secret: str, code: str, *, origin: str) -> list[str]:
    """Store a TOTP seed after a code from it was checked; the session counts as signed in. Returns the
    one-time recovery codes (shown once; only their hashes are stored).

    Raises:
        WrongCode: The code does not match the seed.
        hrdmap.domain.errors.InvalidInput: A second factor is enrolled already.
    """
    if view.user.totp_secret is not None:
        raise InvalidInput("a second factor is enrolled already; an administrator can reset it")
    if not pyotp.TOTP(secret).verify(code.strip(), for_time=view.actor.now(), valid_window=TOTP_WINDOW):
        raise WrongCode("that code does not match: check the authenticator's clock and type the current code")
    codes = [secrets.token_hex(5) for _ in range(RECOVERY_CODES)]
    memory = workspace.settings.argon2_memory_kib
    user = replace(view.user, totp_secret=secret, recovery_codes=tuple(hash_secret(memory, c) for c in codes))
    with workspace.store.transaction():
        workspace.store.accounts.save_user(user)
        workspace.store.accounts.save_session(replace(view.session, mfa_done=True))
        audit_trail.record(workspace, view.actor, "user.mfa_enrolled", origin=origin)
    return codes


def second_factor(workspace: Workspace, view: SessionView, code: str, *, origin: str) -> None:
    """Check a TOTP code, or use up a recovery code; the session then counts as signed in. Five wrong codes
    in a row lock the account as wrong passwords do.

    Raises:
        WrongCode: The code matches neither.
    """
    user, code = view.user, code.strip().lower()
    store = workspace.store
    if user.totp_secret and pyotp.TOTP(user.totp_secret).verify(
        code, for_time=view.actor.now(), valid_window=TOTP_WINDOW
    ):
        used = None
    else:
        memory = workspace.settings.argon2_memory_kib
        used = next((h for h in user.recovery_codes if verify(memory, h, code)), None)
        if used is None:
            _failed(workspace, view.actor, user, origin, "second factor")
            if user.failed_logins + 1 >= MAX_FAILURES:
                with store.transaction():
                    store.accounts.end_sessions(user_id=user.id)
            raise WrongCode("that code does not match")
    left = tuple(h for h in user.recovery_codes if h != used)
    with store.transaction():
        store.accounts.save_user(replace(user, recovery_codes=left, failed_logins=0))
        store.accounts.save_session(replace(view.session, mfa_done=True))
        detail = {"recovery_code": used is not None, "recovery_codes_left": len(left)}
        audit_trail.record(workspace, view.actor, "user.second_factor", detail=detail, origin=origin)


# API tokens


def create_token(
    workspace: Workspace,
    actor: Actor,
    name: str,
    permissions: frozenset[Permission] | None = None,
    *,
    days: int | None = 90,
) -> tuple[str, TokenRecord]:
    """Make an API token for the actor's own account, limited to ``permissions`` (all of the actor's when
    ``None``); returns the token (shown once) and its record.

    Raises:
        hrdmap.domain.errors.InvalidInput: A permission the actor does not hold, or no name.
        UnknownUser-like NotFound: The actor has no account.
    """
    user = workspace.store.accounts.user_by_name(actor.name)
    if user is None:
        raise NotFound(f"no user '{actor.name}'")
    wanted = actor.permissions if permissions is None else permissions
    extra = wanted - actor.permissions
    if extra:
        raise InvalidInput(f"permissions: the token cannot have what its user lacks ({', '.join(sorted(extra))})")
    if not name.strip():
        raise InvalidInput("name: say what the token is for")
    secret = "hrdmap_" + secrets.token_urlsafe(32)
    now = actor.now()
    expires = now + dt.timedelta(days=days) if days else None
    record = TokenRecord(0, user.id, name.strip()[:80], digest(secret), frozenset(p.name for p in wanted), now, expires)
    with workspace.store.transaction():
        record = replace(record, id=workspace.store.accounts.add_token(record))
        audit_trail.record(workspace, actor, "token.created", subject=f"token:{record.id}")
    return secret, record


def list_tokens(workspace: Workspace, actor: Actor) -> list[TokenRecord]:
    """The actor's own API tokens, newest first."""
    user = workspace.store.accounts.user_by_name(actor.name)
    return workspace.store.accounts.tokens(user.id) if user else []


def revoke_token(workspace: Workspace, actor: Actor, token_id: int) -> None:
    """Revoke one of the actor's tokens (an administrator may revoke anyone's).

    Raises:
        UnknownToken: The actor has no such token.
    """
    store = workspace.store
    user = store.accounts.user_by_name(actor.name)
    mine = {t.id for t in store.accounts.tokens(user.id)} if user else set()
    if token_id not in mine and not actor.can(Permission.ADMINISTER):
        raise UnknownToken(f"no token {token_id}")
    with store.transaction():
        if not store.accounts.revoke_token(token_id, at=actor.now()):
            raise UnknownToken(f"no token {token_id}")
        audit_trail.record(workspace, actor, "token.revoked", subject=f"token:{token_id}")


def token_actor(workspace: Workspace, clock: Clock, secret: str) -> Actor | None:
    """The actor a bearer token acts as, or ``None`` when it is unknown, revoked, expired or its user disabled."""
    store = workspace.store
    token = store.accounts.token(digest(secret))
    if token is None or token.revoked_at is not None:
        return None
    if token.expires_at is not None and clock.now() >= token.expires_at:
        return None
    user = store.accounts.user(token.user_id)
    if user is None or user.disabled:
        return None
    return actor_for(user, clock, frozenset(Permission[p] for p in token.permissions))
