"""The recommendations repository: upserts that merge, terms kept, and a status history read in date order."""

from __future__ import annotations

import datetime as dt

import pytest

from hrdmap.domain.recommendations import RecommendationSource
from hrdmap.domain.tracking import NOT_ASSESSED, Assessment, RecommendationRecord, Response, Status, Term
from hrdmap.storage.recommendations import Saved
from hrdmap.storage.repository import Store

AT = dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC)
RECORD = RecommendationRecord(
    key="A/HRC/28/15|115.1",
    text="Ratify the Optional Protocol to the Convention against Torture",
    source_kind=RecommendationSource.UPR,
    symbol="A/HRC/28/15",
    paragraph="115.1",
    recommending_states=("Croatia",),
    addressee="Slovenia",
    addressee_iso3="SVN",
    themes=(Term("uhri", "Acceptance of international norms", "A12"),),
    origin="csv",
)


def test_a_record_comes_back_as_saved(store: Store) -> None:
    with store.transaction():
        rec_id, saved = store.recommendations.save(RECORD, at=AT)
    assert saved is Saved.ADDED
    found = store.recommendations.get(rec_id)
    assert found is not None
    assert found.record == RECORD
    assert found.created_at == AT and found.status == NOT_ASSESSED and found.current is None


def test_saving_the_same_key_merges_instead_of_doubling(store: Store) -> None:
    richer = RecommendationRecord(
        key=RECORD.key,
        text="another wording that must not replace the first",
        response=Response.SUPPORTED,
        themes=(
            Term("free", "A12 Acceptance of international norms"),  # the same theme, written differently
            Term("hrd-areas", "Laws and policies at country level", "F"),
        ),
        groups=(Term("uhri", "general"),),
        origin="ohchr-thematic-list",
    )
    with store.transaction():
        first, _ = store.recommendations.save(RECORD, at=AT)
        again = store.recommendations.save(RECORD, at=AT)
        merged = store.recommendations.save(richer, at=AT + dt.timedelta(hours=1))
    assert again == (first, Saved.UNCHANGED)
    assert merged == (first, Saved.UPDATED)
    (only,) = store.recommendations.all()
    assert only.record.text == RECORD.text and only.record.origin == "csv"
    assert only.record.response is Response.SUPPORTED
    assert [t.text for t in only.record.themes] == [
        "A12 Acceptance of international norms",
        "F Laws and policies at country level",
    ]
    assert [t.name for t in only.record.groups] == ["general"]
    assert only.updated_at == AT + dt.timedelta(hours=1)


def test_the_current_status_is_the_latest_by_date_whatever_the_order_recorded(store: Store) -> None:
    with store.transaction():
        rec_id, _ = store.recommendations.save(RECORD, at=AT)
        store.recommendations.add_status(
            rec_id, Assessment(Status.IN_PROGRESS, dt.date(2016, 5, 1), "bill tabled"), recorded_by="ana", at=AT
        )
        store.recommendations.add_status(
            rec_id, Assessment(Status.NOT_STARTED, dt.date(2015, 1, 1)), recorded_by="ben", at=AT
        )
        store.recommendations.add_status(
            rec_id, Assessment(Status.IMPLEMENTED, dt.date(2018, 3, 2), "law in force"), recorded_by="ana", at=AT
        )
    found = store.recommendations.get(rec_id)
    assert found is not None
    assert [e.assessment.status for e in found.history] == [
        Status.NOT_STARTED,
        Status.IN_PROGRESS,
        Status.IMPLEMENTED,
    ]
    assert found.current is not None and found.current.assessment.evidence == "law in force"
    assert found.status == "implemented"
    assert [e.recorded_by for e in found.history] == ["ben", "ana", "ana"]


def test_status_entries_on_the_same_day_follow_the_order_recorded(store: Store) -> None:
    day = dt.date(2020, 1, 1)
    with store.transaction():
        rec_id, _ = store.recommendations.save(RECORD, at=AT)
        store.recommendations.add_status(rec_id, Assessment(Status.IN_PROGRESS, day), recorded_by="a", at=AT)
        store.recommendations.add_status(rec_id, Assessment(Status.NOT_IMPLEMENTED, day), recorded_by="b", at=AT)
    found = store.recommendations.get(rec_id)
    assert found is not None and found.status == "not_implemented"


def test_mandates_and_recommendations_share_the_store_connection(store: Store) -> None:
    with store.transaction():
        store.recommendations.save(RECORD, at=AT)
    assert store.mandates.resolutions() == []
    assert store.check() == []


def test_a_record_and_its_audit_entry_roll_back_together(store: Store) -> None:
    with pytest.raises(RuntimeError), store.transaction():
        store.recommendations.save(RECORD, at=AT)
        store.audit.record("recommendation.added", actor="ana", at=AT, subject="recommendation:1")
        raise RuntimeError("crash before the commit")
    assert store.recommendations.all() == []
    assert store.audit.entries() == []
