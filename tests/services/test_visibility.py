"""Need to know: which documents an actor sees, by permission, sensitivity, call and country."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from hrdmap.config import Settings
from hrdmap.domain.actor import Actor, Role, Scope, Sensitivity
from hrdmap.domain.calls import Call, Consent, Contribution, Stakeholder, StakeholderType
from hrdmap.domain.document import Block, BlockKind, Document
from hrdmap.services import corpus
from hrdmap.services.visibility import visible_ids
from hrdmap.services.workspace import Workspace, open_workspace

AT = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    with open_workspace(Settings(home=tmp_path / "home", search_backend="sqlite")) as ws:
        store = ws.store
        with store.transaction():
            ids = [
                store.documents.add_version(
                    Document(src, src[-5] * 64, "text", [Block(0, BlockKind.PARAGRAPH, "text")]), at=AT
                ).id
                for src in ("/in/public-ken.txt", "/in/secret-ken.txt", "/in/public-mex.txt", "/in/resolution.txt")
            ]
            for key in ("a", "b"):
                store.calls.save_call(Call(key, key, dt.date(2026, 4, 1)), at=AT)
            for key, name, iso in (("ken", "Kenya", "KEN"), ("mex", "Mexico", "MEX")):
                store.calls.save_stakeholder(Stakeholder(key, name, StakeholderType.MEMBER_STATE, name, iso), at=AT)
            a, b = store.calls.call("a"), store.calls.call("b")
            assert a is not None and b is not None
            given = (
                (a.id, "ken", Consent.PUBLIC, ids[0]),
                (a.id, "ken", Consent.CONFIDENTIAL, ids[1]),
                (b.id, "mex", Consent.PUBLIC, ids[2]),
            )
            for call_id, who, consent, doc in given:
                contribution = Contribution(who, AT.date(), consent, f"/in/{doc}")
                cid, _ = store.calls.save_contribution(call_id, contribution, at=AT)
                store.calls.link_documents(cid, [doc])
        ws.ids = ids  # type: ignore[attr-defined]
        yield ws


def _sees(ws: Workspace, actor: Actor) -> list[int]:
    ids: list[int] = ws.ids  # type: ignore[attr-defined]
    return [ids.index(i) for i in sorted(visible_ids(ws, actor, ids))]


def test_an_officer_sees_everything(workspace: Workspace) -> None:
    assert _sees(workspace, Actor("o", frozenset({Role.OFFICER}))) == [0, 1, 2, 3]


def test_a_reviewer_does_not_see_the_confidential_contribution(workspace: Workspace) -> None:
    assert _sees(workspace, Actor("r", frozenset({Role.REVIEWER}))) == [0, 2, 3]


def test_an_officer_cleared_for_public_data_does_not_either(workspace: Workspace) -> None:
    actor = Actor("o", frozenset({Role.OFFICER}), Scope(sensitivity=Sensitivity.RESTRICTED))
    assert _sees(workspace, actor) == [0, 2, 3]


def test_scopes_by_call_and_country_keep_public_texts(workspace: Workspace) -> None:
    by_call = Actor("o", frozenset({Role.OFFICER}), Scope(calls=frozenset({"b"})))
    assert _sees(workspace, by_call) == [2, 3]
    by_country = Actor("o", frozenset({Role.OFFICER}), Scope(countries=frozenset({"KEN"})))
    assert _sees(workspace, by_country) == [0, 1, 3]


def test_an_analyst_sees_no_document_and_a_hidden_one_is_not_found(workspace: Workspace) -> None:
    assert _sees(workspace, Actor("a", frozenset({Role.ANALYST}))) == []
    reviewer = Actor("r", frozenset({Role.REVIEWER}))
    ids: list[int] = workspace.ids  # type: ignore[attr-defined]
    with pytest.raises(corpus.UnknownDocument) as hidden:
        corpus.resolve(workspace, reviewer, str(ids[1]))
    with pytest.raises(corpus.UnknownDocument) as missing:
        corpus.resolve(workspace, reviewer, "9999")
    assert str(hidden.value).replace(str(ids[1]), "N") == str(missing.value).replace("9999", "N")
    assert [d.id for d in corpus.list_documents(workspace, reviewer)] == [ids[0], ids[2], ids[3]]
