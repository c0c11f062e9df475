"""Users, sessions, API tokens, wrapped data keys and intake links in SQL: the
:class:`hrdmap.storage.accounts.AccountRepository` of both adapters.

Tables are created by each adapter's ``migrations/0008_accounts.sql`` and ``migrations/0010_intake.sql``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from hrdmap.storage.accounts import IntakeLinkRecord, ReceiptRecord, SessionRecord, TokenRecord, UserRecord
from hrdmap.storage.rows import from_row
from hrdmap.storage.sql.repository import SqlRepository
from hrdmap.storage.sql.session import Row, maybe_stamp

_USER_FIELDS = (
    "name, password_hash, roles, scope_calls, scope_countries, sensitivity, disabled, totp_secret, "
    "recovery_codes, failed_logins, locked_until, language"
)
#: Stamped on a user written without a creation time.
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


class SqlAccounts(SqlRepository):
    """Users, sessions, tokens, wrapped data keys, intake links and receipts (``store.accounts``); implements
    :class:`hrdmap.storage.accounts.AccountRepository`."""

    def add_user(self, user: UserRecord) -> int:
        """Store a new user; returns its id.

        Raises:
            KeyError: A user has this name already.
        """
        if self.user_by_name(user.name) is not None:
            raise KeyError(user.name)
        marks = ", ".join("?" * 13)
        return self._session.insert(
            f"INSERT INTO users ({_USER_FIELDS}, created_at) VALUES ({marks})",  # noqa: S608 - constant
            (*self._user_values(user), self._session.stamp(user.created_at or _EPOCH)),
        )

    def save_user(self, user: UserRecord) -> None:
        """Replace the stored fields of the user with ``user.id``."""
        assignments = ", ".join(f"{name.strip()} = ?" for name in _USER_FIELDS.split(","))
        self._session.execute(
            f"UPDATE users SET {assignments} WHERE id = ?",  # noqa: S608 - constant
            (*self._user_values(user), user.id),
        )

    def user(self, user_id: int) -> UserRecord | None:
        """The user with this id, or ``None``."""
        row = self._session.one("SELECT * FROM users WHERE id = ?", (user_id,))
        return self._user(row) if row is not None else None

    def user_by_name(self, name: str) -> UserRecord | None:
        """The user with this sign-in name, or ``None``."""
        row = self._session.one("SELECT * FROM users WHERE name = ?", (name,))
        return self._user(row) if row is not None else None

    def users(self) -> list[UserRecord]:
        """Every user, by name (in code point order)."""
        return [self._user(r) for r in self._session.rows("SELECT * FROM users ORDER BY name COLLATE BINARY")]

    def add_session(self, session: SessionRecord) -> None:
        """Store a new session."""
        stamp = self._session.stamp
        self._session.execute(
            "INSERT INTO web_sessions (digest, user_id, created_at, expires_at, last_seen, mfa_done, origin) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (session.digest, session.user_id, stamp(session.created_at), stamp(session.expires_at),
             stamp(session.last_seen), bool(session.mfa_done), session.origin),
        )  # fmt: skip

    def session(self, digest: str) -> SessionRecord | None:
        """The session with this digest, or ``None``."""
        row = self._session.one("SELECT * FROM web_sessions WHERE digest = ?", (digest,))
        if row is None:
            return None
        stamp = self._session.from_stamp
        return from_row(
            SessionRecord,
            row,
            created_at=stamp(row["created_at"]),
            expires_at=stamp(row["expires_at"]),
            last_seen=stamp(row["last_seen"]),
            mfa_done=bool(row["mfa_done"]),
        )

    def save_session(self, session: SessionRecord) -> None:
        """Replace the stored fields of the session with ``session.digest``."""
        stamp = self._session.stamp
        self._session.execute(
            "UPDATE web_sessions SET expires_at = ?, last_seen = ?, mfa_done = ? WHERE digest = ?",
            (stamp(session.expires_at), stamp(session.last_seen), bool(session.mfa_done), session.digest),
        )

    def end_sessions(self, *, digest: str | None = None, user_id: int | None = None) -> int:
        """Delete one session (by digest) or all of a user's; returns how many ended."""
        if digest is not None:
            return self._session.execute("DELETE FROM web_sessions WHERE digest = ?", (digest,))
        return self._session.execute("DELETE FROM web_sessions WHERE user_id = ?", (user_id,))

    def add_token(self, token: TokenRecord) -> int:
        """Store a new API token; returns its id."""
        session = self._session
        return session.insert(
            "INSERT INTO api_tokens (user_id, name, digest, permissions, created_at, expires_at, revoked_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (token.user_id, token.name, token.digest, session.json(sorted(token.permissions)),
             session.stamp(token.created_at), self._maybe(token.expires_at), self._maybe(token.revoked_at)),
        )  # fmt: skip

    def token(self, digest: str) -> TokenRecord | None:
        """The token with this digest, or ``None``."""
        row = self._session.one("SELECT * FROM api_tokens WHERE digest = ?", (digest,))
        return self._token(row) if row is not None else None

    def tokens(self, user_id: int) -> list[TokenRecord]:
        """A user's tokens, newest first."""
        rows = self._session.rows("SELECT * FROM api_tokens WHERE user_id = ? ORDER BY id DESC", (user_id,))
        return [self._token(r) for r in rows]

    def revoke_token(self, token_id: int, *, at: dt.datetime) -> bool:
        """Mark a token revoked; ``False`` when it was revoked already or does not exist."""
        touched = self._session.execute(
            "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
            (self._session.stamp(at), token_id),
        )
        return touched > 0

    def keys(self) -> list[tuple[int, bytes]]:
        """The wrapped data keys (id, sealed bytes), oldest first."""
        rows = self._session.rows("SELECT id, sealed FROM data_keys ORDER BY id")
        return [(r["id"], bytes(r["sealed"])) for r in rows]

    def add_key(self, sealed: bytes, *, at: dt.datetime) -> int:
        """Store a wrapped data key; returns its id."""
        return self._session.insert(
            "INSERT INTO data_keys (sealed, created_at) VALUES (?, ?)", (sealed, self._session.stamp(at))
        )

    def replace_keys(self, sealed: Sequence[tuple[int, bytes]]) -> None:
        """Store new wrappings of existing data keys (after a master-key rotation)."""
        self._session.executemany("UPDATE data_keys SET sealed = ? WHERE id = ?", [(s, i) for i, s in sealed])

    def add_intake_link(self, link: IntakeLinkRecord) -> int:
        """Store a new intake link; returns its id."""
        stamp = self._session.stamp
        return self._session.insert(
            "INSERT INTO intake_links (call_key, stakeholder, created_at, created_by, valid_until, revoked_at,"
            " revoked_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (link.call_key, link.stakeholder, stamp(link.created_at), link.created_by, stamp(link.valid_until),
             self._maybe(link.revoked_at), link.revoked_by),
        )  # fmt: skip

    def intake_link(self, link_id: int) -> IntakeLinkRecord | None:
        """The intake link with this id, or ``None``."""
        row = self._session.one("SELECT * FROM intake_links WHERE id = ?", (link_id,))
        return self._link(row) if row is not None else None

    def intake_links(self, call_key: str) -> list[IntakeLinkRecord]:
        """The intake links of a call, newest first."""
        rows = self._session.rows("SELECT * FROM intake_links WHERE call_key = ? ORDER BY id DESC", (call_key,))
        return [self._link(r) for r in rows]

    def revoke_intake_link(self, link_id: int, *, at: dt.datetime, by: str) -> bool:
        """Mark a link revoked; ``False`` when it was revoked already or does not exist."""
        touched = self._session.execute(
            "UPDATE intake_links SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL",
            (self._session.stamp(at), by, link_id),
        )
        return touched > 0

    def add_receipt(self, receipt: ReceiptRecord) -> int:
        """Store the receipt of a file received; returns its id."""
        session = self._session
        return session.insert(
            "INSERT INTO intake_receipts (link_id, submitted_by, call_key, stakeholder, contribution_id, file_name,"
            " sha256, received, read_ok, reason, confidential, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (receipt.link_id, receipt.submitted_by, receipt.call_key, receipt.stakeholder, receipt.contribution_id,
             receipt.file_name, receipt.sha256, session.day(receipt.received), bool(receipt.read), receipt.reason,
             bool(receipt.confidential), session.stamp(receipt.at)),
        )  # fmt: skip

    def receipts(self, *, link_id: int | None = None, submitted_by: str | None = None) -> list[ReceiptRecord]:
        """Receipts of one link and/or one submitter (at least one given), newest first."""
        given = {"link_id": link_id, "submitted_by": submitted_by}
        clauses = [f"{column} = ?" for column, value in given.items() if value is not None]
        if not clauses:
            return []
        where = " AND ".join(clauses)
        rows = self._session.rows(
            f"SELECT * FROM intake_receipts WHERE {where} ORDER BY id DESC",  # noqa: S608 - constant columns
            [value for value in given.values() if value is not None],
        )
        return [self._receipt(r) for r in rows]

    def _maybe(self, at: dt.datetime | None) -> Any:
        """:meth:`SqlSession.stamp`, keeping ``None`` as ``NULL``."""
        return self._session.stamp(at) if at is not None else None

    def _names(self, value: Any) -> frozenset[str] | None:
        """A JSON list of names read back as a set; ``NULL`` (no limit) stays ``None``."""
        return None if value is None else frozenset(self._session.from_json(value))

    def _user_values(self, user: UserRecord) -> tuple[Any, ...]:
        """The values of ``_USER_FIELDS`` for ``user``, in that order."""
        json = self._session.json
        return (
            user.name,
            user.password_hash,
            json(sorted(user.roles)),
            None if user.scope_calls is None else json(sorted(user.scope_calls)),
            None if user.scope_countries is None else json(sorted(user.scope_countries)),
            user.sensitivity,
            bool(user.disabled),
            user.totp_secret,
            json(list(user.recovery_codes)),
            user.failed_logins,
            self._maybe(user.locked_until),
            user.language,
        )

    def _user(self, row: Row) -> UserRecord:
        session = self._session
        return from_row(
            UserRecord,
            row,
            roles=frozenset(session.from_json(row["roles"])),
            scope_calls=self._names(row["scope_calls"]),
            scope_countries=self._names(row["scope_countries"]),
            disabled=bool(row["disabled"]),
            recovery_codes=tuple(session.from_json(row["recovery_codes"])),
            locked_until=maybe_stamp(session, row["locked_until"]),
            created_at=maybe_stamp(session, row["created_at"]),
        )

    def _token(self, row: Row) -> TokenRecord:
        session = self._session
        return from_row(
            TokenRecord,
            row,
            permissions=frozenset(session.from_json(row["permissions"])),
            created_at=session.from_stamp(row["created_at"]),
            expires_at=maybe_stamp(session, row["expires_at"]),
            revoked_at=maybe_stamp(session, row["revoked_at"]),
        )

    def _link(self, row: Row) -> IntakeLinkRecord:
        session = self._session
        return from_row(
            IntakeLinkRecord,
            row,
            created_at=session.from_stamp(row["created_at"]),
            valid_until=session.from_stamp(row["valid_until"]),
            revoked_at=maybe_stamp(session, row["revoked_at"]),
        )

    def _receipt(self, row: Row) -> ReceiptRecord:
        session = self._session
        return from_row(
            ReceiptRecord,
            row,
            received=session.from_day(row["received"]),
            read=bool(row["read_ok"]),
            confidential=bool(row["confidential"]),
            at=session.from_stamp(row["at"]),
        )
