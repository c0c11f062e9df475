"""The accounts repository: users, sessions, API tokens and wrapped data keys, as every adapter must keep them."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from hrdmap.storage.accounts import IntakeLinkRecord, ReceiptRecord, SessionRecord, TokenRecord, UserRecord
from hrdmap.storage.repository import Store

AT = dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC)
ANA = UserRecord(0, "ana", "$argon2id$fake", frozenset({"officer"}), created_at=AT)


def test_a_user_is_stored_read_back_and_replaced(store: Store) -> None:
    with store.transaction():
        user_id = store.accounts.add_user(replace(ANA, scope_calls=frozenset({"c"}), scope_countries=frozenset()))
    stored = store.accounts.user(user_id)
    assert stored == replace(ANA, id=user_id, scope_calls=frozenset({"c"}), scope_countries=frozenset())
    assert store.accounts.user_by_name("ana") == stored and store.accounts.user_by_name("bo") is None
    locked = replace(stored, failed_logins=5, locked_until=AT, totp_secret="S", recovery_codes=("h1", "h2"))  # noqa: S106
    with store.transaction():
        store.accounts.save_user(locked)
    assert store.accounts.user(user_id) == locked
    assert [u.name for u in store.accounts.users()] == ["ana"]


def test_a_name_is_taken_once(store: Store) -> None:
    with store.transaction():
        store.accounts.add_user(ANA)
        with pytest.raises(KeyError):
            store.accounts.add_user(ANA)


def test_sessions_are_found_by_digest_updated_and_ended(store: Store) -> None:
    with store.transaction():
        user_id = store.accounts.add_user(ANA)
        for digest in ("d1", "d2"):
            store.accounts.add_session(SessionRecord(digest, user_id, AT, AT + dt.timedelta(hours=1), AT, False, "::1"))
    first = store.accounts.session("d1")
    assert first is not None and not first.mfa_done and first.origin == "::1"
    with store.transaction():
        store.accounts.save_session(replace(first, mfa_done=True, last_seen=AT + dt.timedelta(minutes=5)))
    assert store.accounts.session("d1") == replace(first, mfa_done=True, last_seen=AT + dt.timedelta(minutes=5))
    with store.transaction():
        assert store.accounts.end_sessions(digest="d1") == 1
        assert store.accounts.end_sessions(user_id=user_id) == 1
    assert store.accounts.session("d2") is None


def test_tokens_are_revoked_once(store: Store) -> None:
    with store.transaction():
        user_id = store.accounts.add_user(ANA)
        token = TokenRecord(0, user_id, "script", "t1", frozenset({"READ_CORPUS"}), AT)
        token_id = store.accounts.add_token(token)
    assert store.accounts.token("t1") == replace(token, id=token_id)
    with store.transaction():
        assert store.accounts.revoke_token(token_id, at=AT)
        assert not store.accounts.revoke_token(token_id, at=AT)
    revoked = store.accounts.token("t1")
    assert revoked is not None and revoked.revoked_at == AT
    assert [t.id for t in store.accounts.tokens(user_id)] == [token_id]


def test_data_keys_are_kept_in_order_and_rewrapped(store: Store) -> None:
    with store.transaction():
        first = store.accounts.add_key(b"\x00sealed-1", at=AT)
        second = store.accounts.add_key(b"sealed-2", at=AT)
    assert store.accounts.keys() == [(first, b"\x00sealed-1"), (second, b"sealed-2")]
    with store.transaction():
        store.accounts.replace_keys([(first, b"new-1")])
    assert store.accounts.keys() == [(first, b"new-1"), (second, b"sealed-2")]


def test_intake_links_are_revoked_once_and_receipts_found_by_link_or_submitter(store: Store) -> None:
    until = AT + dt.timedelta(days=30)
    link = IntakeLinkRecord(0, "call-1", "ngo-1", AT, "olu", until)
    with store.transaction():
        link_id = store.accounts.add_intake_link(link)
        other = store.accounts.add_intake_link(replace(link, call_key="call-2"))
    assert store.accounts.intake_link(link_id) == replace(link, id=link_id)
    assert [x.id for x in store.accounts.intake_links("call-1")] == [link_id]
    receipt = ReceiptRecord(0, link_id, "intake:ngo-1", "call-1", "ngo-1", 7, "a.pdf", "ab" * 32, AT.date(), True,
                            None, True, AT)  # fmt: skip
    with store.transaction():
        first = store.accounts.add_receipt(receipt)
        second = store.accounts.add_receipt(replace(receipt, submitted_by="cai", read=False, reason="empty"))
        store.accounts.add_receipt(replace(receipt, link_id=other, submitted_by="someone"))
    assert store.accounts.receipts(link_id=link_id) == [
        replace(receipt, id=second, submitted_by="cai", read=False, reason="empty"),
        replace(receipt, id=first),
    ]
    assert [r.id for r in store.accounts.receipts(submitted_by="cai")] == [second]
    assert store.accounts.receipts() == []
    with store.transaction():
        assert store.accounts.revoke_intake_link(link_id, at=AT, by="ada")
        assert not store.accounts.revoke_intake_link(link_id, at=AT, by="ada")
    revoked = store.accounts.intake_link(link_id)
    assert revoked is not None and revoked.revoked_at == AT and revoked.revoked_by == "ada"
    assert store.accounts.intake_link(999) is None
