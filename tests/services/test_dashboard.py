"""The dashboard: figures counted in the store, exact for the actor's need to know."""

from __future__ import annotations

import datetime as dt

from hrdmap.domain.actor import Actor, Role, Scope
from hrdmap.domain.calls import Call, Consent, Contribution, Stakeholder, StakeholderType
from hrdmap.domain.document import Block, BlockKind, Document
from hrdmap.domain.tags import Tag
from hrdmap.services import corpus, dashboard, review
from hrdmap.services.workspace import Workspace
from hrdmap.storage.tags import NewTag
from tests.actors import TESTER

AT = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)


def _document(ws: Workspace, name: str, labels: int) -> int:
    blocks = [Block(i, BlockKind.PARAGRAPH, f"Paragraph {i} of {name}.", label=f"{i + 1}.") for i in range(labels)]
    with ws.store.transaction():
        stored = ws.store.documents.add_version(Document(f"/in/{name}.txt", name[0] * 64, "text", blocks), at=AT)
        ids = [b.id for b in ws.store.documents.blocks(stored.version_id)]
        run = ws.store.tags.start_run({"test": "1"}, actor="tester", at=AT)
        tags = [NewTag(i, Tag("hrd-areas", "G", 0.6, "test"), 0.5) for i in ids]
        ws.store.tags.replace("test", ids, tags, run_id=run.id, at=AT)
    return stored.id


def _contribute(ws: Workspace, document_id: int, call: str, iso3: str, consent: Consent) -> None:
    with ws.store.transaction():
        ws.store.calls.save_call(Call(call, call, dt.date(2026, 4, 1)), at=AT)
        ws.store.calls.save_stakeholder(Stakeholder(iso3, iso3, StakeholderType.NGO, iso3, iso3), at=AT)
        stored = ws.store.calls.call(call)
        assert stored is not None
        contribution_id, _ = ws.store.calls.save_contribution(
            stored.id, Contribution(iso3, AT.date(), consent, f"/in/{document_id}"), at=AT
        )
        ws.store.calls.link_documents(contribution_id, [document_id])


def test_the_figures_leave_out_what_the_actor_may_not_see(workspace: Workspace) -> None:
    _document(workspace, "resolution", 2)
    _contribute(workspace, _document(workspace, "secret", 3), "a", "KEN", Consent.CONFIDENTIAL)
    _contribute(workspace, _document(workspace, "mexico", 4), "b", "MEX", Consent.PUBLIC)
    reviewer = Actor("r", frozenset({Role.REVIEWER}))
    call_b = Actor("o", frozenset({Role.OFFICER}), Scope(calls=frozenset({"b"})))
    for actor, documents, waiting in ((TESTER, 3, 9), (reviewer, 2, 6), (call_b, 2, 6)):
        found = dashboard.overview(workspace, actor)
        assert (found.documents, found.review_waiting) == (documents, waiting), actor
        assert found.documents == len(corpus.list_documents(workspace, actor))
        assert found.review_waiting == len(review.review_queue(workspace, actor, limit=100))
    analyst = dashboard.overview(workspace, Actor("a", frozenset({Role.ANALYST})))
    assert (analyst.documents, analyst.review_waiting, analyst.open_calls) == (None, None, None)


def test_the_review_queue_is_counted_up_to_the_figure_shown(workspace: Workspace) -> None:
    _document(workspace, "long", dashboard.WAITING_SHOWN + 5)
    assert dashboard.overview(workspace, TESTER).review_waiting == dashboard.WAITING_SHOWN
