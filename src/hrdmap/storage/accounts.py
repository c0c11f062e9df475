"""Accounts of the web app: users, their sessions and API tokens, and the keys that wrap personal data.

The protocol and its records hold no secret in clear but the user's TOTP seed, which the services pass in
sealed (encrypted) form when a key ring is set up: passwords are Argon2id hashes, session and API tokens are
stored as SHA-256 digests of random values the client holds, recovery codes as Argon2id hashes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True, slots=True)
class UserRecord:
    """A person who signs in to the web app.

    Attributes:
        id: Its id (0 before it is stored).
        name: The sign-in name, recorded in the audit trail.
        password_hash: The Argon2id hash of the password.
        roles: Role names (:class:`hrdmap.domain.actor.Role` values).
        scope_calls: Keys of the calls the user works on; ``None`` for every call.
        scope_countries: ISO 3166-1 alpha-3 codes; ``None`` for every country.
        sensitivity: The highest sensitivity the user may read (0 public, 1 restricted, 2 confidential).
        disabled: A disabled user cannot sign in; their sessions and tokens stop working.
        totp_secret: The TOTP seed (sealed when a key ring is set up), or ``None`` before MFA is enrolled.
        recovery_codes: Argon2id hashes of the unused recovery codes.
        failed_logins: Failed sign-ins since the last success.
        locked_until: No sign-in is accepted before this time (UTC).
        created_at: When it was added (UTC).
        language: The user's interface language (ISO 639-1), or ``None`` for the browser's.
    """

    id: int
    name: str
    password_hash: str
    roles: frozenset[str]
    scope_calls: frozenset[str] | None = None
    scope_countries: frozenset[str] | None = None
    sensitivity: int = 2
    disabled: bool = False
    totp_secret: str | None = None
    recovery_codes: tuple[str, ...] = ()
    failed_logins: int = 0
    locked_until: dt.datetime | None = None
    created_at: dt.datetime | None = None
    language: str | None = None


@dataclass(frozen=True, slots=True)
class SessionRecord:
    """A signed-in browser.

    Attributes:
        digest: SHA-256 of the cookie's value (the value itself is never stored).
        user_id: Whose session it is.
        created_at: When it started (UTC).
        expires_at: When it ends whatever happens (UTC).
        last_seen: Its last request (UTC); a session idle too long ends.
        mfa_done: Whether the second factor was given (a session without it sees only the MFA pages).
        origin: The address the session started from.
    """

    digest: str
    user_id: int
    created_at: dt.datetime
    expires_at: dt.datetime
    last_seen: dt.datetime
    mfa_done: bool
    origin: str


@dataclass(frozen=True, slots=True)
class TokenRecord:
    """An API token for scripts: acts as its user, limited to some permissions.

    Attributes:
        id: Its id (0 before it is stored).
        user_id: Whose token it is.
        name: What the user called it.
        digest: SHA-256 of the token (the token is shown once, when made).
        permissions: The permission names it may use (never more than its user's roles allow).
        created_at: When it was made (UTC).
        expires_at: When it stops working (UTC), or ``None``.
        revoked_at: When it was revoked (UTC), or ``None``.
    """

    id: int
    user_id: int
    name: str
    digest: str
    permissions: frozenset[str]
    created_at: dt.datetime
    expires_at: dt.datetime | None = None
    revoked_at: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class IntakeLinkRecord:
    """A link an officer made for one stakeholder to submit to one call (the token signs its id).

    Attributes:
        id: Its id (0 before it is stored).
        call_key: The call.
        stakeholder: The stakeholder's key.
        created_at: When it was made (UTC).
        created_by: Who made it.
        valid_until: When it stops working (UTC).
        revoked_at: When it was revoked (UTC), or ``None``.
        revoked_by: Who revoked it.
    """

    id: int
    call_key: str
    stakeholder: str
    created_at: dt.datetime
    created_by: str
    valid_until: dt.datetime
    revoked_at: dt.datetime | None = None
    revoked_by: str | None = None


@dataclass(frozen=True, slots=True)
class ReceiptRecord:
    """What a contributor was given for one file received: kept so it sees its own submissions again.

    Attributes:
        id: Its id (0 before it is stored).
        link_id: The intake link it came through, if any.
        submitted_by: ``intake:<stakeholder>``, or the contributor's account when signed in.
        call_key: The call.
        stakeholder: The stakeholder's key.
        contribution_id: The contribution's number in the registry (the receipt's reference).
        file_name: The file's name as received.
        sha256: The fingerprint of the bytes received (to check later that the same file is meant).
        received: The day it was received.
        read: Whether text could be read from it.
        reason: Why not, when it could not.
        confidential: Whether it is kept confidential.
        at: When it was received (UTC).
    """

    id: int
    link_id: int | None
    submitted_by: str
    call_key: str
    stakeholder: str
    contribution_id: int
    file_name: str
    sha256: str
    received: dt.date
    read: bool
    reason: str | None
    confidential: bool
    at: dt.datetime


class AccountRepository(Protocol):
    """Users, sessions, API tokens and wrapped data keys."""

    def add_user(self, user: UserRecord) -> int:
        """Store a new user; returns its id.

        Raises:
            KeyError: A user has this name already.
        """
        ...

    def save_user(self, user: UserRecord) -> None:
        """Replace the stored fields of the user with ``user.id``."""
        ...

    def user(self, user_id: int) -> UserRecord | None:
        """The user with this id, or ``None``."""
        ...

    def user_by_name(self, name: str) -> UserRecord | None:
        """The user with this sign-in name, or ``None``."""
        ...

    def users(self) -> list[UserRecord]:
        """Every user, by name."""
        ...

    def add_session(self, session: SessionRecord) -> None:
        """Store a new session."""
        ...

    def session(self, digest: str) -> SessionRecord | None:
        """The session with this digest, or ``None``."""
        ...

    def save_session(self, session: SessionRecord) -> None:
        """Replace the stored fields of the session with ``session.digest``."""
        ...

    def end_sessions(self, *, digest: str | None = None, user_id: int | None = None) -> int:
        """Delete one session (by digest) or all of a user's; returns how many ended."""
        ...

    def add_token(self, token: TokenRecord) -> int:
        """Store a new API token; returns its id."""
        ...

    def token(self, digest: str) -> TokenRecord | None:
        """The token with this digest, or ``None``."""
        ...

    def tokens(self, user_id: int) -> list[TokenRecord]:
        """A user's tokens, newest first."""
        ...

    def revoke_token(self, token_id: int, *, at: dt.datetime) -> bool:
        """Mark a token revoked; ``False`` when it was revoked already or does not exist."""
        ...

    def keys(self) -> list[tuple[int, bytes]]:
        """The wrapped data keys (id, sealed bytes), oldest first."""
        ...

    def add_key(self, sealed: bytes, *, at: dt.datetime) -> int:
        """Store a wrapped data key; returns its id."""
        ...

    def replace_keys(self, sealed: Sequence[tuple[int, bytes]]) -> None:
        """Store new wrappings of existing data keys (after a master-key rotation)."""
        ...

    def add_intake_link(self, link: IntakeLinkRecord) -> int:
        """Store a new intake link; returns its id."""
        ...

    def intake_link(self, link_id: int) -> IntakeLinkRecord | None:
        """The intake link with this id, or ``None``."""
        ...

    def intake_links(self, call_key: str) -> list[IntakeLinkRecord]:
        """The intake links of a call, newest first."""
        ...

    def revoke_intake_link(self, link_id: int, *, at: dt.datetime, by: str) -> bool:
        """Mark a link revoked; ``False`` when it was revoked already or does not exist."""
        ...

    def add_receipt(self, receipt: ReceiptRecord) -> int:
        """Store the receipt of a file received; returns its id."""
        ...

    def receipts(self, *, link_id: int | None = None, submitted_by: str | None = None) -> list[ReceiptRecord]:
        """Receipts of one link and/or one submitter (at least one given), newest first."""
        ...
