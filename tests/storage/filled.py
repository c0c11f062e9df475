"""A store with something in every table, written through the repositories (every value fictional)."""

from __future__ import annotations

import datetime as dt

from hrdmap.domain.calls import CallRequest, Channel, Consent, Contribution
from hrdmap.domain.tags import Evidence, EvidenceKind, Tag
from hrdmap.domain.tracking import Assessment, RecommendationRecord, Status, Term
from hrdmap.storage.accounts import SessionRecord, TokenRecord, UserRecord
from hrdmap.storage.repository import Store
from hrdmap.storage.tags import Decision, NewTag

from .test_calls_repository import CALL, NHRI
from .test_documents import make_document
from .test_incidents_repository import _incident

AT = dt.datetime(2026, 3, 1, 9, 30, 15, 123456, tzinfo=dt.UTC)


def fill(store: Store) -> None:
    """Documents (two versions of one, a member of a zip), tags, reviews, a call with its registry, a
    recommendation with its history, incidents merged and in a case, an account, a quarantined file."""
    with store.transaction():
        first = store.documents.add_version(make_document("/in/a.pdf", "a" * 64), at=AT)
        store.documents.add_version(make_document("/in/a.pdf", "b" * 64, meta={"é": [1, 2.5, None]}), at=AT)
        store.documents.add_version(make_document("/in/z.zip!m.pdf", "c" * 64), at=AT)
        store.documents.mark_indexed([first.version_id], True)
        blocks = [b.id for b in store.documents.blocks(first.version_id)]
        run = store.tags.start_run({"gazetteer": "1"}, actor="ana", at=AT)
        evidence = (Evidence(EvidenceKind.SPAN, "defenders", 4, 13, {"lang": "en"}),)
        tags = [
            NewTag(b, Tag("hrd-areas", "G", 0.25 + 0.125 * n, "gazetteer", evidence), 0.5) for n, b in enumerate(blocks)
        ]
        store.tags.replace("gazetteer", blocks, tags, run_id=run.id, at=AT)
        store.tags.finish_run(run.id, at=AT)
        tag = store.tags.for_blocks(blocks[:1])[blocks[0]][0]
        store.tags.add_review(blocks[0], "hrd-areas", "G", Decision.ACCEPT, reviewer="bo", at=AT, tag_id=tag.id)
        call_id, _ = store.calls.save_call(CALL, at=AT)
        store.calls.save_stakeholder(NHRI, at=AT)
        store.calls.set_contact(NHRI.key, "cndh@example.org")
        store.calls.add_request(call_id, CallRequest(NHRI.key, dt.date(2026, 3, 2), Channel.EMAIL), at=AT)
        contribution = Contribution(NHRI.key, dt.date(2026, 4, 1), Consent.PUBLIC, "/in/a.pdf", "fr")
        contribution_id, _ = store.calls.save_contribution(call_id, contribution, at=AT)
        store.calls.link_documents(contribution_id, [first.id])
        record = RecommendationRecord(
            key="A/HRC/28/15|115.1", text="Protect defenders (fictional)", themes=(Term("hrd-areas", "G", "G"),)
        )
        rec_id, _ = store.recommendations.save(record, at=AT)
        store.recommendations.add_status(
            rec_id, Assessment(Status.IN_PROGRESS, dt.date(2026, 2, 1)), recorded_by="a", at=AT
        )
        older = store.incidents.add(_incident("Ana (fictional)", "t:1"), at=AT)
        newer = store.incidents.add(_incident("Ana (fictional)", "t:2"), at=AT)
        store.incidents.merge(newer, older, at=AT, actor="bo", reason="same event")  # points at a later id
        store.audit.record("test.filled", actor="ana", at=AT, detail={"n": 1})
        user_id = store.accounts.add_user(UserRecord(0, "ana", "$argon2id$fake", frozenset({"officer"}), created_at=AT))
        store.accounts.add_session(
            SessionRecord("d" * 64, user_id, AT, AT + dt.timedelta(hours=1), AT, True, "127.0.0.1")
        )
        store.accounts.add_token(TokenRecord(0, user_id, "ci", "e" * 64, frozenset({"read"}), AT))
        store.accounts.add_key(b"\x00sealed\xff", at=AT)
        store.quarantine.refuse("f" * 64, "/in/bomb.zip", "over_budget", "too large", at=AT)
