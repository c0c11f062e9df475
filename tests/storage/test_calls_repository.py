"""The calls repository: upserts that say what changed, contacts apart, links kept in order."""

from __future__ import annotations

import datetime as dt

import pytest

from hrdmap.domain.calls import (
    Accreditation,
    Call,
    CallRequest,
    Channel,
    Consent,
    Contribution,
    MandateReference,
    Stakeholder,
    StakeholderType,
)
from hrdmap.domain.document import Document
from hrdmap.storage.calls import CallRepository, Change
from hrdmap.storage.repository import Store

AT = dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC)
CALL = Call("c", "A call", dt.date(2026, 4, 30), MandateReference("A/RES/72/247", (16, 17), "resolution 72/247"))
NHRI = Stakeholder("cndh", "CNDH", StakeholderType.NHRI, "Madagascar", "MDG", Accreditation.A)


@pytest.fixture
def registry(store: Store) -> CallRepository:
    return store.calls


def test_saving_says_what_changed_and_reads_back(registry: CallRepository) -> None:
    assert registry.save_call(CALL, at=AT)[1] is Change.CREATED
    assert registry.save_call(CALL, at=AT)[1] is Change.UNCHANGED
    changed = Call("c", "A renamed call", CALL.deadline, CALL.mandate)
    assert registry.save_call(changed, at=AT)[1] is Change.UPDATED
    stored = registry.call("c")
    assert stored is not None and stored.call == changed and stored.resolution_id is None
    assert registry.save_stakeholder(NHRI, at=AT)[1] is Change.CREATED
    assert registry.stakeholder("cndh") == NHRI
    assert registry.stakeholders([StakeholderType.NGO]) == []


def test_contacts_are_kept_apart_and_read_through_one_method(registry: CallRepository) -> None:
    registry.save_stakeholder(NHRI, at=AT)
    assert registry.set_contact("cndh", "focal@example.org") is True
    assert registry.set_contact("cndh", "focal@example.org") is False
    assert "example.org" not in repr(registry.stakeholders())
    assert registry.contacts(["cndh", "other"]) == {"cndh": "focal@example.org"}
    assert registry.set_contact("cndh", None) is True
    assert registry.contacts(["cndh"]) == {}
    with pytest.raises(KeyError):
        registry.set_contact("nobody", "x@example.org")


def test_requests_are_recorded_once(registry: CallRepository) -> None:
    call_id, _ = registry.save_call(CALL, at=AT)
    registry.save_stakeholder(NHRI, at=AT)
    request = CallRequest("cndh", dt.date(2026, 3, 3), Channel.LETTER)
    assert registry.add_request(call_id, request, at=AT) is True
    assert registry.add_request(call_id, request, at=AT) is False
    reminder = CallRequest("cndh", dt.date(2026, 4, 20), Channel.EMAIL, reminder=True)
    assert registry.add_request(call_id, reminder, at=AT) is True
    assert registry.requests(call_id) == [request, reminder]


def test_contributions_link_their_documents_in_order(store: Store) -> None:
    with store.transaction():
        ids = [
            store.documents.add_version(Document(source, source[-1] * 64, "text"), at=AT).id
            for source in ("/in/mail.eml", "/in/mail.eml!a.docx", "/in/mail.eml!b.pdf", "/in/other.txt")
        ]
    registry = store.calls
    call_id, _ = registry.save_call(CALL, at=AT)
    registry.save_stakeholder(NHRI, at=AT)
    contribution = Contribution("cndh", dt.date(2026, 4, 24), Consent.PUBLIC, "/in/mail.eml", "fr")
    contribution_id, change = registry.save_contribution(call_id, contribution, at=AT)
    assert change is Change.CREATED
    assert registry.link_documents(contribution_id, [ids[0], ids[2]]) == [ids[0], ids[2]]
    assert registry.link_documents(contribution_id, [ids[0], ids[1]]) == [ids[1]]
    (stored,) = registry.contributions(call_id)
    assert stored.document_ids == (ids[0], ids[2], ids[1])
    confidential = Contribution("cndh", dt.date(2026, 4, 24), Consent.CONFIDENTIAL, "/in/mail.eml", "fr")
    assert registry.save_contribution(call_id, confidential, at=AT) == (contribution_id, Change.UPDATED)


def test_provenance_names_call_consent_and_country_of_each_document(store: Store) -> None:
    with store.transaction():
        ids = [
            store.documents.add_version(Document(source, source[-1] * 64, "text"), at=AT).id
            for source in ("/in/a.txt", "/in/b.txt", "/in/c.txt")
        ]
    registry = store.calls
    call_id, _ = registry.save_call(CALL, at=AT)
    registry.save_stakeholder(NHRI, at=AT)
    secret = Contribution("cndh", dt.date(2026, 4, 24), Consent.CONFIDENTIAL, "/in/a.txt")
    contribution_id, _ = registry.save_contribution(call_id, secret, at=AT)
    registry.link_documents(contribution_id, [ids[0], ids[1]])
    found = registry.provenance(ids)
    assert set(found) == {ids[0], ids[1]}
    before = store.generation()
    assert registry.contributed() == found  # every contributed document, without naming them
    assert store.generation() == before
    (one,) = found[ids[0]]
    assert (one.call, one.consent, one.country, one.stakeholder) == ("c", "confidential", "MDG", "cndh")
