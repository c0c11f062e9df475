"""Services act for an explicit actor: they check its role, name it in the audit trail and take its clock's time.

Persona tests: an officer (may work), a reviewer (may read and review, not change the corpus), an analyst
(aggregates only) and a member of the public (nothing). A read the actor may not make answers "not found", like
a thing that does not exist; a write it may not make is refused, naming what it may not do.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from hrdmap.domain.actor import Actor, FixedClock, Role
from hrdmap.domain.calls import Stakeholder, StakeholderType
from hrdmap.domain.errors import Forbidden, NotFound
from hrdmap.services import corpus, review
from hrdmap.services.calls import manage as calls
from hrdmap.services.ingest import ingest
from hrdmap.services.tagging import tag_documents
from hrdmap.services.workspace import Workspace

AT = dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC)
OFFICER = Actor("olga", frozenset({Role.OFFICER}), clock=FixedClock(AT))
REVIEWER = Actor("rui", frozenset({Role.REVIEWER}), clock=FixedClock(AT))
ANALYST = Actor("ana", frozenset({Role.ANALYST}), clock=FixedClock(AT))
PUBLIC = Actor("pat", frozenset({Role.PUBLIC}), clock=FixedClock(AT))


@pytest.fixture
def stored(workspace: Workspace, tmp_path: Path) -> int:
    """One fictional contribution ingested by the officer; its document id."""
    note = tmp_path / "contribution.txt"
    note.write_text("Fictional input\n\n1. OHCHR trained human rights defenders in Kenya.\n", encoding="utf-8")
    report = ingest(workspace, OFFICER, [note])
    version_id = report.batches[-1].items[0].version_id
    assert version_id is not None
    found = workspace.store.documents.version(version_id)
    assert found is not None
    return found.id


def test_the_audit_names_the_actor_at_the_time_of_its_clock(workspace: Workspace, stored: int) -> None:
    entries = [e for e in workspace.store.audit.entries() if e.subject == f"document:{stored}"]
    assert [(e.action, e.actor, e.at) for e in entries] == [("document.stored", "olga", AT)]
    assert corpus.resolve(workspace, OFFICER, str(stored)).ingested_at == AT


@pytest.mark.parametrize("actor", [REVIEWER, ANALYST, PUBLIC], ids=lambda a: sorted(a.roles)[0])
def test_only_who_may_ingest_can_ingest(workspace: Workspace, tmp_path: Path, actor: Actor) -> None:
    note = tmp_path / "other.txt"
    note.write_text("Fictional\n\n1. A paragraph.\n", encoding="utf-8")
    with pytest.raises(Forbidden, match=f"^{actor.name} .* may not ingest files$"):
        ingest(workspace, actor, [note])
    assert workspace.store.batches.unfinished() == [] and not workspace.store.documents.current()


@pytest.mark.parametrize("actor", [ANALYST, PUBLIC], ids=lambda a: sorted(a.roles)[0])
def test_who_may_not_read_the_corpus_is_told_the_document_does_not_exist(
    workspace: Workspace, stored: int, actor: Actor
) -> None:
    with pytest.raises(NotFound) as denied:
        corpus.load(workspace, actor, str(stored))
    with pytest.raises(NotFound) as missing:
        corpus.load(workspace, OFFICER, "999")
    assert str(denied.value) == f"no document '{stored}'"
    assert str(missing.value) == "no document '999'"  # the same words: existence does not leak


def test_a_reviewer_reads_and_reviews_but_may_not_tag_or_manage_calls(workspace: Workspace, stored: int) -> None:
    assert corpus.load(workspace, REVIEWER, str(stored)).stored.id == stored
    with pytest.raises(Forbidden, match="may not tag paragraphs"):
        tag_documents(workspace, REVIEWER, taggers=["gazetteer"])
    tag_documents(workspace, OFFICER, taggers=["gazetteer"])
    [item] = [q for q in review.review_queue(workspace, REVIEWER) if q.tag.tag.label == "KEN"]
    decision = review.accept(workspace, REVIEWER, item.tag.id, note="yes")
    assert (decision.reviewer, decision.at) == ("rui", AT)
    with pytest.raises(Forbidden, match="may not manage calls for inputs"):
        calls.add_stakeholder(workspace, REVIEWER, _stakeholder())


def test_contacts_are_confidential_data(workspace: Workspace) -> None:
    calls.add_stakeholder(workspace, OFFICER, _stakeholder(), "focal.point@example.org")
    assert calls.stakeholder_contacts(workspace, OFFICER, ["norway"]) == {"norway": "focal.point@example.org"}
    with pytest.raises(Forbidden, match="may not read confidential data"):
        calls.stakeholder_contacts(workspace, REVIEWER, ["norway"])


def _stakeholder() -> Stakeholder:
    return calls.new_stakeholder("norway", "Norway", StakeholderType.MEMBER_STATE, country="NOR")
