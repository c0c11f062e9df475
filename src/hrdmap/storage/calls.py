"""The calls registry: calls for inputs, stakeholders, requests sent and contributions received.

Saving is an upsert that says what it did (:class:`Change`), so an import can be repeated and audit only what
changed. Contact addresses are kept apart and read by :meth:`CallRepository.contacts` only. The documents a
contribution brought are looked up through :class:`hrdmap.storage.documents.DocumentRepository`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol

from hrdmap.domain.calls import (
    Accreditation,
    Call,
    CallRequest,
    Consent,
    Contribution,
    MandateReference,
    Question,
    Stakeholder,
    StakeholderType,
)
from hrdmap.storage.rows import Row, from_row


class Change(StrEnum):
    """What an upsert did."""

    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


@dataclass(frozen=True, slots=True)
class StoredCall:
    """A call in the registry.

    Attributes:
        id: Its id in the registry.
        call: The call.
        resolution_id: The mandate registry's resolution with the call's mandate symbol, when one is stored.
        created_at: When it was first stored (UTC).
        updated_at: When it last changed (UTC).
    """

    id: int
    call: Call
    resolution_id: int | None
    created_at: dt.datetime
    updated_at: dt.datetime


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a stored document came from, when a contribution brought it: what need-to-know checks.

    Attributes:
        call: The call's key.
        consent: The contribution's consent (``public`` or ``confidential``).
        country: The stakeholder's ISO 3166-1 alpha-3 code, when it has one.
        stakeholder: The stakeholder's key.
    """

    call: str
    consent: str
    country: str | None
    stakeholder: str


class CallRepository(Protocol):
    """The calls registry: calls, stakeholders and their contacts, requests sent and contributions received."""

    def save_call(self, call: Call, *, at: dt.datetime) -> tuple[int, Change]:
        """Store a call, or update the one with the same key. Returns its id and what changed."""
        ...

    def call(self, key: str) -> StoredCall | None:
        """The call with this key, or ``None``."""
        ...

    def calls(self) -> list[StoredCall]:
        """Every call, by deadline then key."""
        ...

    def save_stakeholder(self, stakeholder: Stakeholder, *, at: dt.datetime) -> tuple[int, Change]:
        """Store a stakeholder, or update the one with the same key. Returns its id and what changed."""
        ...

    def stakeholder(self, key: str) -> Stakeholder | None:
        """The stakeholder with this key, or ``None``."""
        ...

    def stakeholders(self, types: Sequence[StakeholderType] = ()) -> list[Stakeholder]:
        """Stakeholders (of these types, or all), by name ignoring case, then key; without their contacts."""
        ...

    def set_contact(self, key: str, contact: str | None) -> bool:
        """Set (or with ``None`` remove) a stakeholder's contact address; ``True`` when it changed.

        Raises:
            KeyError: No stakeholder has this key.
        """
        ...

    def contacts(self, keys: Sequence[str]) -> dict[str, str]:
        """The contact addresses of these stakeholders, by key: the only read of contacts."""
        ...

    def add_request(self, call_id: int, request: CallRequest, *, at: dt.datetime) -> bool:
        """Record a request; ``False`` when the same (stakeholder, date, channel, reminder) is recorded already.

        Raises:
            KeyError: The stakeholder is not in the registry.
        """
        ...

    def requests(self, call_id: int) -> list[CallRequest]:
        """A call's requests, by date then stakeholder key."""
        ...

    def save_contribution(self, call_id: int, contribution: Contribution, *, at: dt.datetime) -> tuple[int, Change]:
        """Store a contribution, or update the call's one from the same file; returns its id and what changed.

        The documents of an existing contribution are left as they are (see :meth:`link_documents`).

        Raises:
            KeyError: The stakeholder is not in the registry.
        """
        ...

    def link_documents(self, contribution_id: int, document_ids: Sequence[int]) -> list[int]:
        """Link stored documents to a contribution, after those linked already; returns the new ones."""
        ...

    def contributions(self, call_id: int) -> list[Contribution]:
        """A call's contributions with their documents, by date received then id."""
        ...

    def provenance(self, document_ids: Sequence[int]) -> dict[int, list[Provenance]]:
        """The contributions that brought these documents, by document id (documents no contribution brought
        are left out)."""
        ...

    def contributed(self) -> dict[int, list[Provenance]]:
        """:meth:`provenance` of every document a contribution brought (the only documents need to know can hide)."""
        ...


# Rows, as both adapters store them; values as read back through the session (dates, lists, booleans):
# :mod:`hrdmap.storage.sql.calls` has the session convert them on their way in and out.


def call_columns(call: Call) -> dict[str, Any]:
    """The columns of ``calls`` for a call (key and timestamps excepted)."""
    mandate = call.mandate
    return {
        "title": call.title,
        "deadline": call.deadline,
        "mandate_symbol": mandate.symbol if mandate else None,
        "mandate_paragraphs": list(mandate.paragraphs) if mandate else [],
        "mandate_citation": mandate.citation if mandate else None,
        "issued_by": call.issued_by,
        "report_addressee": call.report_addressee,
        "report_due": call.report_due,
        "notes_verbales_sent": call.notes_verbales_sent,
        "languages": list(call.languages),
        "word_limit": call.word_limit,
        "contact": call.contact,
        "questions": [{"id": q.id, "text": q.text} for q in call.questions],
        "fictional": call.fictional,
    }


def call_from_row(r: Row) -> Call:
    """A call from its row of ``calls``."""
    mandate = None
    if r["mandate_symbol"]:
        mandate = MandateReference(r["mandate_symbol"], tuple(r["mandate_paragraphs"]), r["mandate_citation"])
    questions = tuple(Question(q["id"], q["text"]) for q in r["questions"])
    return from_row(
        Call, r, mandate=mandate, languages=tuple(r["languages"]), questions=questions, fictional=bool(r["fictional"])
    )


def contribution_from_row(r: Row) -> Contribution:
    """A contribution from its row of ``contributions`` joined with its stakeholder's ``key`` and the ids of its
    ``documents`` in order."""
    consent, documents = Consent(r["consent"]), tuple(r["documents"])
    return from_row(Contribution, r, stakeholder=r["key"], consent=consent, document_ids=documents)


def links_to_add(known: Iterable[tuple[int, int]], document_ids: Sequence[int]) -> list[tuple[int, int]]:
    """The links to add to a contribution that has the ``known`` ``(document_id, seq)`` links: each document not
    linked yet, once, numbered after the last link."""
    known = list(known)
    linked = {document_id for document_id, _ in known}
    seq = max((seq for _, seq in known), default=-1)
    added = []
    for document_id in document_ids:
        if document_id not in linked:
            seq += 1
            linked.add(document_id)
            added.append((document_id, seq))
    return added


def stakeholder_columns(s: Stakeholder) -> dict[str, Any]:
    """The columns of ``stakeholders`` for a stakeholder (key and timestamps excepted)."""
    return {
        "name": s.name,
        "type": s.type.value,
        "country": s.country,
        "country_code": s.country_code,
        "accreditation": s.accreditation.value if s.accreditation else None,
    }


def stakeholder_from_row(r: Row) -> Stakeholder:
    """A stakeholder from its row of ``stakeholders``."""
    accreditation = Accreditation(r["accreditation"]) if r["accreditation"] else None
    return from_row(Stakeholder, r, type=StakeholderType(r["type"]), accreditation=accreditation)
