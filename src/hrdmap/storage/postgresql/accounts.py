"""The PostgreSQL implementation of :class:`hrdmap.storage.accounts.AccountRepository`.

Tables are created by ``migrations/0008_accounts.sql`` and ``migrations/0010_intake.sql``: the same rows as the
SQLite adapter's (:mod:`hrdmap.storage.sqlite.accounts`).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

from psycopg.rows import DictRow

from hrdmap.storage.accounts import IntakeLinkRecord, ReceiptRecord, SessionRecord, TokenRecord, UserRecord
from hrdmap.storage.postgresql.connection import Database
from hrdmap.storage.postgresql.values import maybe_utc, stamp, utc

_USER_FIELDS = (
    "name, password_hash, roles, scope_calls, scope_countries, sensitivity, disabled, totp_secret, "
    "recovery_codes, failed_logins, locked_until, language"
)


def _names(value: list[str] | None) -> frozenset[str] | None:
    return None if value is None else frozenset(value)


def _json(values: frozenset[str] | None) -> str | None:
    return None if values is None else json.dumps(sorted(values))


def _user(r: DictRow) -> UserRecord:
    return UserRecord(
        id=r["id"],
        name=r["name"],
        password_hash=r["password_hash"],
        roles=frozenset(r["roles"]),
        scope_calls=_names(r["scope_calls"]),
        scope_countries=_names(r["scope_countries"]),
        sensitivity=r["sensitivity"],
        disabled=bool(r["disabled"]),
        totp_secret=r["totp_secret"],
        recovery_codes=tuple(r["recovery_codes"]),
        failed_logins=r["failed_logins"],
        locked_until=maybe_utc(r["locked_until"]),
        created_at=maybe_utc(r["created_at"]),
        language=r["language"],
    )


def _user_columns(user: UserRecord) -> tuple[Any, ...]:
    return (
        user.name,
        user.password_hash,
        json.dumps(sorted(user.roles)),
        _json(user.scope_calls),
        _json(user.scope_countries),
        user.sensitivity,
        bool(user.disabled),
        user.totp_secret,
        json.dumps(list(user.recovery_codes)),
        user.failed_logins,
        stamp(user.locked_until) if user.locked_until else None,
        user.language,
    )


def _session(r: DictRow) -> SessionRecord:
    return SessionRecord(
        digest=r["digest"],
        user_id=r["user_id"],
        created_at=utc(r["created_at"]),
        expires_at=utc(r["expires_at"]),
        last_seen=utc(r["last_seen"]),
        mfa_done=bool(r["mfa_done"]),
        origin=r["origin"],
    )


def _token(r: DictRow) -> TokenRecord:
    return TokenRecord(
        id=r["id"],
        user_id=r["user_id"],
        name=r["name"],
        digest=r["digest"],
        permissions=frozenset(r["permissions"]),
        created_at=utc(r["created_at"]),
        expires_at=maybe_utc(r["expires_at"]),
        revoked_at=maybe_utc(r["revoked_at"]),
    )


class PostgresAccounts:
    """Users, sessions, tokens and wrapped data keys in PostgreSQL.

    Args:
        db: The store's connections; writes join the store's transaction.
    """

    def __init__(self, db: Database) -> None:
        self._db = db

    def add_user(self, user: UserRecord) -> int:
        """Store a new user; returns its id.

        Raises:
            KeyError: A user has this name already.
        """
        if self.user_by_name(user.name) is not None:
            raise KeyError(user.name)
        created = stamp(user.created_at) if user.created_at else dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
        marks = ", ".join(["%s"] * 13)
        query = f"INSERT INTO users ({_USER_FIELDS}, created_at) VALUES ({marks}) RETURNING id"  # noqa: S608
        return int(self._db.value(query, (*_user_columns(user), created)))

    def save_user(self, user: UserRecord) -> None:
        """Replace the stored fields of the user with ``user.id``."""
        assignments = ", ".join(f"{name.strip()} = %s" for name in _USER_FIELDS.split(","))
        self._db.execute(f"UPDATE users SET {assignments} WHERE id = %s", (*_user_columns(user), user.id))  # noqa: S608

    def user(self, user_id: int) -> UserRecord | None:
        """The user with this id, or ``None``."""
        row = self._db.one("SELECT * FROM users WHERE id = %s", (user_id,))
        return _user(row) if row else None

    def user_by_name(self, name: str) -> UserRecord | None:
        """The user with this sign-in name, or ``None``."""
        row = self._db.one("SELECT * FROM users WHERE name = %s", (name,))
        return _user(row) if row else None

    def users(self) -> list[UserRecord]:
        """Every user, by name."""
        return [_user(r) for r in self._db.rows('SELECT * FROM users ORDER BY name COLLATE "C"')]

    def add_session(self, session: SessionRecord) -> None:
        """Store a new session."""
        self._db.execute(
            "INSERT INTO web_sessions (digest, user_id, created_at, expires_at, last_seen, mfa_done, origin) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s)",
            (
                session.digest,
                session.user_id,
                stamp(session.created_at),
                stamp(session.expires_at),
                stamp(session.last_seen),
                bool(session.mfa_done),
                session.origin,
            ),
        )

    def session(self, digest: str) -> SessionRecord | None:
        """The session with this digest, or ``None``."""
        row = self._db.one("SELECT * FROM web_sessions WHERE digest = %s", (digest,))
        return _session(row) if row else None

    def save_session(self, session: SessionRecord) -> None:
        """Replace the stored fields of the session with ``session.digest``."""
        self._db.execute(
            "UPDATE web_sessions SET expires_at = %s, last_seen = %s, mfa_done = %s WHERE digest = %s",
            (stamp(session.expires_at), stamp(session.last_seen), bool(session.mfa_done), session.digest),
        )

    def end_sessions(self, *, digest: str | None = None, user_id: int | None = None) -> int:
        """Delete one session (by digest) or all of a user's; returns how many ended."""
        if digest is not None:
            return self._db.execute("DELETE FROM web_sessions WHERE digest = %s", (digest,))
        return self._db.execute("DELETE FROM web_sessions WHERE user_id = %s", (user_id,))

    def add_token(self, token: TokenRecord) -> int:
        """Store a new API token; returns its id."""
        return int(
            self._db.value(
                "INSERT INTO api_tokens (user_id, name, digest, permissions, created_at, expires_at, revoked_at) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s) RETURNING id",
                (
                    token.user_id,
                    token.name,
                    token.digest,
                    json.dumps(sorted(token.permissions)),
                    stamp(token.created_at),
                    stamp(token.expires_at) if token.expires_at else None,
                    stamp(token.revoked_at) if token.revoked_at else None,
                ),
            )
        )

    def token(self, digest: str) -> TokenRecord | None:
        """The token with this digest, or ``None``."""
        row = self._db.one("SELECT * FROM api_tokens WHERE digest = %s", (digest,))
        return _token(row) if row else None

    def tokens(self, user_id: int) -> list[TokenRecord]:
        """A user's tokens, newest first."""
        return [
            _token(r) for r in self._db.rows("SELECT * FROM api_tokens WHERE user_id = %s ORDER BY id DESC", (user_id,))
        ]

    def revoke_token(self, token_id: int, *, at: dt.datetime) -> bool:
        """Mark a token revoked; ``False`` when it was revoked already or does not exist."""
        touched = self._db.execute(
            "UPDATE api_tokens SET revoked_at = %s WHERE id = %s AND revoked_at IS NULL", (stamp(at), token_id)
        )
        return touched > 0

    def keys(self) -> list[tuple[int, bytes]]:
        """The wrapped data keys (id, sealed bytes), oldest first."""
        return [(r["id"], bytes(r["sealed"])) for r in self._db.rows("SELECT id, sealed FROM data_keys ORDER BY id")]

    def add_key(self, sealed: bytes, *, at: dt.datetime) -> int:
        """Store a wrapped data key; returns its id."""
        return int(
            self._db.value(
                "INSERT INTO data_keys (sealed, created_at) VALUES (%s, %s) RETURNING id", (sealed, stamp(at))
            )
        )

    def replace_keys(self, sealed: Sequence[tuple[int, bytes]]) -> None:
        """Store new wrappings of existing data keys (after a master-key rotation)."""
        self._db.executemany("UPDATE data_keys SET sealed = %s WHERE id = %s", [(s, i) for i, s in sealed])

    def add_intake_link(self, link: IntakeLinkRecord) -> int:
        """Store a new intake link; returns its id."""
        return int(
            self._db.value(
                "INSERT INTO intake_links (call_key, stakeholder, created_at, created_by, valid_until, revoked_at,"
                " revoked_by) VALUES (%s, %s, %s, %s, %s, %s, %s) RETURNING id",
                (
                    link.call_key,
                    link.stakeholder,
                    stamp(link.created_at),
                    link.created_by,
                    stamp(link.valid_until),
                    stamp(link.revoked_at) if link.revoked_at else None,
                    link.revoked_by,
                ),
            )
        )

    def intake_link(self, link_id: int) -> IntakeLinkRecord | None:
        """The intake link with this id, or ``None``."""
        rows = self._db.rows("SELECT * FROM intake_links WHERE id = %s", (link_id,))
        return _link(rows[0]) if rows else None

    def intake_links(self, call_key: str) -> list[IntakeLinkRecord]:
        """The intake links of a call, newest first."""
        rows = self._db.rows("SELECT * FROM intake_links WHERE call_key = %s ORDER BY id DESC", (call_key,))
        return [_link(r) for r in rows]

    def revoke_intake_link(self, link_id: int, *, at: dt.datetime, by: str) -> bool:
        """Mark a link revoked; ``False`` when it was revoked already or does not exist."""
        touched = self._db.execute(
            "UPDATE intake_links SET revoked_at = %s, revoked_by = %s WHERE id = %s AND revoked_at IS NULL",
            (stamp(at), by, link_id),
        )
        return touched > 0

    def add_receipt(self, receipt: ReceiptRecord) -> int:
        """Store the receipt of a file received; returns its id."""
        return int(
            self._db.value(
                "INSERT INTO intake_receipts (link_id, submitted_by, call_key, stakeholder, contribution_id,"
                " file_name, sha256, received, read_ok, reason, confidential, at)"
                " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s) RETURNING id",
                (
                    receipt.link_id,
                    receipt.submitted_by,
                    receipt.call_key,
                    receipt.stakeholder,
                    receipt.contribution_id,
                    receipt.file_name,
                    receipt.sha256,
                    receipt.received,
                    receipt.read,
                    receipt.reason,
                    receipt.confidential,
                    stamp(receipt.at),
                ),
            )
        )

    def receipts(self, *, link_id: int | None = None, submitted_by: str | None = None) -> list[ReceiptRecord]:
        """Receipts of one link and/or one submitter (at least one given), newest first."""
        if link_id is None and submitted_by is None:
            return []
        clauses: list[str] = []
        params: list[Any] = []
        if link_id is not None:
            clauses.append("link_id = %s")
            params.append(link_id)
        if submitted_by is not None:
            clauses.append("submitted_by = %s")
            params.append(submitted_by)
        where = " AND ".join(clauses)
        rows = self._db.rows(f"SELECT * FROM intake_receipts WHERE {where} ORDER BY id DESC", params)  # noqa: S608
        return [_receipt(r) for r in rows]


def _link(r: DictRow) -> IntakeLinkRecord:
    return IntakeLinkRecord(
        id=r["id"],
        call_key=r["call_key"],
        stakeholder=r["stakeholder"],
        created_at=utc(r["created_at"]),
        created_by=r["created_by"],
        valid_until=utc(r["valid_until"]),
        revoked_at=maybe_utc(r["revoked_at"]),
        revoked_by=r["revoked_by"],
    )


def _receipt(r: DictRow) -> ReceiptRecord:
    return ReceiptRecord(
        id=r["id"],
        link_id=r["link_id"],
        submitted_by=r["submitted_by"],
        call_key=r["call_key"],
        stakeholder=r["stakeholder"],
        contribution_id=r["contribution_id"],
        file_name=r["file_name"],
        sha256=r["sha256"],
        received=r["received"],
        read=bool(r["read_ok"]),
        reason=r["reason"],
        confidential=bool(r["confidential"]),
        at=utc(r["at"]),
    )
