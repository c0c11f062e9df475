"""The SQLite implementation of :class:`hrdmap.storage.accounts.AccountRepository`.

Tables are created by ``migrations/0008_accounts.sql`` and ``migrations/0010_intake.sql``.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Sequence

from hrdmap.storage.accounts import IntakeLinkRecord, ReceiptRecord, SessionRecord, TokenRecord, UserRecord
from hrdmap.storage.sqlite.timestamps import from_text, to_text


def _names(text: str | None) -> frozenset[str] | None:
    return None if text is None else frozenset(json.loads(text))


def _json(values: frozenset[str] | None) -> str | None:
    return None if values is None else json.dumps(sorted(values))


def _when(text: str | None) -> dt.datetime | None:
    return from_text(text) if text else None


def _stamp(at: dt.datetime | None) -> str | None:
    return to_text(at) if at is not None else None


def _user(r: sqlite3.Row) -> UserRecord:
    return UserRecord(
        id=r["id"],
        name=r["name"],
        password_hash=r["password_hash"],
        roles=frozenset(json.loads(r["roles"])),
        scope_calls=_names(r["scope_calls"]),
        scope_countries=_names(r["scope_countries"]),
        sensitivity=r["sensitivity"],
        disabled=bool(r["disabled"]),
        totp_secret=r["totp_secret"],
        recovery_codes=tuple(json.loads(r["recovery_codes"])),
        failed_logins=r["failed_logins"],
        locked_until=_when(r["locked_until"]),
        created_at=_when(r["created_at"]),
        language=r["language"],
    )


def _user_columns(user: UserRecord) -> tuple[object, ...]:
    return (
        user.name,
        user.password_hash,
        json.dumps(sorted(user.roles)),
        _json(user.scope_calls),
        _json(user.scope_countries),
        user.sensitivity,
        int(user.disabled),
        user.totp_secret,
        json.dumps(list(user.recovery_codes)),
        user.failed_logins,
        _stamp(user.locked_until),
        user.language,
    )


_USER_FIELDS = (
    "name, password_hash, roles, scope_calls, scope_countries, sensitivity, disabled, totp_secret, "
    "recovery_codes, failed_logins, locked_until, language"
)


def _session(r: sqlite3.Row) -> SessionRecord:
    return SessionRecord(
        digest=r["digest"],
        user_id=r["user_id"],
        created_at=from_text(r["created_at"]),
        expires_at=from_text(r["expires_at"]),
        last_seen=from_text(r["last_seen"]),
        mfa_done=bool(r["mfa_done"]),
        origin=r["origin"],
    )


def _token(r: sqlite3.Row) -> TokenRecord:
    return TokenRecord(
        id=r["id"],
        user_id=r["user_id"],
        name=r["name"],
        digest=r["digest"],
        permissions=frozenset(json.loads(r["permissions"])),
        created_at=from_text(r["created_at"]),
        expires_at=_when(r["expires_at"]),
        revoked_at=_when(r["revoked_at"]),
    )


class SqliteAccounts:
    """Users, sessions, tokens and wrapped data keys in SQLite.

    Args:
        conn: An open connection; writes join the store's transaction.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def add_user(self, user: UserRecord) -> int:
        """Store a new user; returns its id.

        Raises:
            KeyError: A user has this name already.
        """
        if self.user_by_name(user.name) is not None:
            raise KeyError(user.name)
        created = _stamp(user.created_at) or to_text(dt.datetime(1970, 1, 1, tzinfo=dt.UTC))
        cursor = self._conn.execute(
            f"INSERT INTO users ({_USER_FIELDS}, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",  # noqa: S608
            (*_user_columns(user), created),
        )
        return int(cursor.lastrowid or 0)

    def save_user(self, user: UserRecord) -> None:
        """Replace the stored fields of the user with ``user.id``."""
        assignments = ", ".join(f"{name.strip()} = ?" for name in _USER_FIELDS.split(","))
        self._conn.execute(f"UPDATE users SET {assignments} WHERE id = ?", (*_user_columns(user), user.id))  # noqa: S608

    def user(self, user_id: int) -> UserRecord | None:
        """The user with this id, or ``None``."""
        row = self._conn.execute("SELECT * FROM users WHERE id = ?", (user_id,)).fetchone()
        return _user(row) if row else None

    def user_by_name(self, name: str) -> UserRecord | None:
        """The user with this sign-in name, or ``None``."""
        row = self._conn.execute("SELECT * FROM users WHERE name = ?", (name,)).fetchone()
        return _user(row) if row else None

    def users(self) -> list[UserRecord]:
        """Every user, by name."""
        return [_user(r) for r in self._conn.execute("SELECT * FROM users ORDER BY name")]

    def add_session(self, session: SessionRecord) -> None:
        """Store a new session."""
        self._conn.execute(
            "INSERT INTO web_sessions (digest, user_id, created_at, expires_at, last_seen, mfa_done, origin) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                session.digest,
                session.user_id,
                to_text(session.created_at),
                to_text(session.expires_at),
                to_text(session.last_seen),
                int(session.mfa_done),
                session.origin,
            ),
        )

    def session(self, digest: str) -> SessionRecord | None:
        """The session with this digest, or ``None``."""
        row = self._conn.execute("SELECT * FROM web_sessions WHERE digest = ?", (digest,)).fetchone()
        return _session(row) if row else None

    def save_session(self, session: SessionRecord) -> None:
        """Replace the stored fields of the session with ``session.digest``."""
        self._conn.execute(
            "UPDATE web_sessions SET expires_at = ?, last_seen = ?, mfa_done = ? WHERE digest = ?",
            (to_text(session.expires_at), to_text(session.last_seen), int(session.mfa_done), session.digest),
        )

    def end_sessions(self, *, digest: str | None = None, user_id: int | None = None) -> int:
        """Delete one session (by digest) or all of a user's; returns how many ended."""
        if digest is not None:
            cursor = self._conn.execute("DELETE FROM web_sessions WHERE digest = ?", (digest,))
        else:
            cursor = self._conn.execute("DELETE FROM web_sessions WHERE user_id = ?", (user_id,))
        return cursor.rowcount

    def add_token(self, token: TokenRecord) -> int:
        """Store a new API token; returns its id."""
        cursor = self._conn.execute(
            "INSERT INTO api_tokens (user_id, name, digest, permissions, created_at, expires_at, revoked_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                token.user_id,
                token.name,
                token.digest,
                json.dumps(sorted(token.permissions)),
                to_text(token.created_at),
                _stamp(token.expires_at),
                _stamp(token.revoked_at),
            ),
        )
        return int(cursor.lastrowid or 0)

    def token(self, digest: str) -> TokenRecord | None:
        """The token with this digest, or ``None``."""
        row = self._conn.execute("SELECT * FROM api_tokens WHERE digest = ?", (digest,)).fetchone()
        return _token(row) if row else None

    def tokens(self, user_id: int) -> list[TokenRecord]:
        """A user's tokens, newest first."""
        rows = self._conn.execute("SELECT * FROM api_tokens WHERE user_id = ? ORDER BY id DESC", (user_id,))
        return [_token(r) for r in rows]

    def revoke_token(self, token_id: int, *, at: dt.datetime) -> bool:
        """Mark a token revoked; ``False`` when it was revoked already or does not exist."""
        cursor = self._conn.execute(
            "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", (to_text(at), token_id)
        )
        return cursor.rowcount > 0

    def keys(self) -> list[tuple[int, bytes]]:
        """The wrapped data keys (id, sealed bytes), oldest first."""
        rows = self._conn.execute("SELECT id, sealed FROM data_keys ORDER BY id")
        return [(r["id"], bytes(r["sealed"])) for r in rows]

    def add_key(self, sealed: bytes, *, at: dt.datetime) -> int:
        """Store a wrapped data key; returns its id."""
        cursor = self._conn.execute("INSERT INTO data_keys (sealed, created_at) VALUES (?, ?)", (sealed, to_text(at)))
        return int(cursor.lastrowid or 0)

    def replace_keys(self, sealed: Sequence[tuple[int, bytes]]) -> None:
        """Store new wrappings of existing data keys (after a master-key rotation)."""
        self._conn.executemany("UPDATE data_keys SET sealed = ? WHERE id = ?", [(s, i) for i, s in sealed])

    def add_intake_link(self, link: IntakeLinkRecord) -> int:
        """Store a new intake link; returns its id."""
        cursor = self._conn.execute(
            "INSERT INTO intake_links (call_key, stakeholder, created_at, created_by, valid_until, revoked_at,"
            " revoked_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (link.call_key, link.stakeholder, to_text(link.created_at), link.created_by, to_text(link.valid_until),
             _stamp(link.revoked_at), link.revoked_by),
        )  # fmt: skip
        return int(cursor.lastrowid or 0)

    def intake_link(self, link_id: int) -> IntakeLinkRecord | None:
        """The intake link with this id, or ``None``."""
        row = self._conn.execute("SELECT * FROM intake_links WHERE id = ?", (link_id,)).fetchone()
        return _link(row) if row else None

    def intake_links(self, call_key: str) -> list[IntakeLinkRecord]:
        """The intake links of a call, newest first."""
        rows = self._conn.execute("SELECT * FROM intake_links WHERE call_key = ? ORDER BY id DESC", (call_key,))
        return [_link(r) for r in rows]

    def revoke_intake_link(self, link_id: int, *, at: dt.datetime, by: str) -> bool:
        """Mark a link revoked; ``False`` when it was revoked already or does not exist."""
        cursor = self._conn.execute(
            "UPDATE intake_links SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL",
            (to_text(at), by, link_id),
        )
        return cursor.rowcount > 0

    def add_receipt(self, receipt: ReceiptRecord) -> int:
        """Store the receipt of a file received; returns its id."""
        cursor = self._conn.execute(
            "INSERT INTO intake_receipts (link_id, submitted_by, call_key, stakeholder, contribution_id, file_name,"
            " sha256, received, read_ok, reason, confidential, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (receipt.link_id, receipt.submitted_by, receipt.call_key, receipt.stakeholder, receipt.contribution_id,
             receipt.file_name, receipt.sha256, receipt.received.isoformat(), int(receipt.read), receipt.reason,
             int(receipt.confidential), to_text(receipt.at)),
        )  # fmt: skip
        return int(cursor.lastrowid or 0)

    def receipts(self, *, link_id: int | None = None, submitted_by: str | None = None) -> list[ReceiptRecord]:
        """Receipts of one link and/or one submitter (at least one given), newest first."""
        if link_id is None and submitted_by is None:
            return []
        clauses: list[str] = []
        params: list[int | str] = []
        if link_id is not None:
            clauses.append("link_id = ?")
            params.append(link_id)
        if submitted_by is not None:
            clauses.append("submitted_by = ?")
            params.append(submitted_by)
        where = " AND ".join(clauses)
        rows = self._conn.execute(f"SELECT * FROM intake_receipts WHERE {where} ORDER BY id DESC", params)  # noqa: S608
        return [_receipt(r) for r in rows]


def _link(r: sqlite3.Row) -> IntakeLinkRecord:
    return IntakeLinkRecord(
        id=r["id"],
        call_key=r["call_key"],
        stakeholder=r["stakeholder"],
        created_at=from_text(r["created_at"]),
        created_by=r["created_by"],
        valid_until=from_text(r["valid_until"]),
        revoked_at=_when(r["revoked_at"]),
        revoked_by=r["revoked_by"],
    )


def _receipt(r: sqlite3.Row) -> ReceiptRecord:
    return ReceiptRecord(
        id=r["id"],
        link_id=r["link_id"],
        submitted_by=r["submitted_by"],
        call_key=r["call_key"],
        stakeholder=r["stakeholder"],
        contribution_id=r["contribution_id"],
        file_name=r["file_name"],
        sha256=r["sha256"],
        received=dt.date.fromisoformat(r["received"]),
        read=bool(r["read_ok"]),
        reason=r["reason"],
        confidential=bool(r["confidential"]),
        at=from_text(r["at"]),
    )
