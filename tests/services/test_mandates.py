"""The mandate registry: add resolutions, compute request status, link the documents that answer them."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from hrdmap.analyse.resolutions.addressees import HIGH_COMMISSIONER, SECRETARY_GENERAL
from hrdmap.domain.actor import FixedClock
from hrdmap.domain.mandates import RequestStatus
from hrdmap.services import mandates
from hrdmap.services.ingest import ingest
from hrdmap.services.workspace import Workspace
from tests.actors import TESTER

REPORT = """United Nations A/HRC/25/55

Human Rights Council
Twenty-fifth session

Compilation of good practices in the protection of human rights defenders

Report of the United Nations High Commissioner for Human Rights

I. Introduction

1. The present report is submitted pursuant to paragraph 7 of Human Rights Council resolution 22/6, in which
the Council invited the High Commissioner to submit a compilation of good practices.

2. The compilation draws on contributions from States and civil society.
"""

LATER_RESOLUTION = """A/HRC/RES/25/18

The Human Rights Council,

Recalling its resolution 22/6 of 21 March 2013, in particular paragraph 7,

1. Requests the High Commissioner to submit a further compilation at its twenty-eighth session;
"""


@pytest.fixture
def defenders(fixtures: Path) -> Path:
    return fixtures / "mandates" / "hrc-22-6-defenders.txt"


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_adding_a_resolution_stores_the_document_and_its_requests(
    workspace: Workspace, defenders: Path
) -> None:
    in_2013 = replace(TESTER, clock=FixedClock(dt.datetime(2013, 6, 1, tzinfo=dt.UTC)))
    added = mandates.add_resolution(workspace, in_2013, defenders)
    assert added.ingested
    assert added.resolution.symbol == "A/HRC/RES/22/6"
    assert workspace.store.documents.get(added.document.id) is not None
    assert [(r.request.reference, r.request.addressee.name) for r in added.requests][-4:] == [
        ("6", SECRETARY_GENERAL),
        ("6", HIGH_COMMISSIONER),
        ("7", HIGH_COMMISSIONER),
        ("8", "Human Rights Council"),
    ]
    assert {r.status for r in added.requests} == {RequestStatus.OPEN}
    entry = workspace.store.audit.entries(limit=1)[0]
    assert (entry.action, entry.actor, entry.subject) == (
        "mandate.resolution_stored",
        "tester",
        "resolution:A/HRC/RES/22/6",
    )
    assert entry.detail["requests"] == 9


def test_adding_the_same_file_again_replaces_the_reading_without_ingesting(
    workspace: Workspace, defenders: Path
) -> None:
    first = mandates.add_resolution(workspace, TESTER, defenders)
    again = mandates.add_resolution(workspace, TESTER, defenders)
    assert not again.ingested and again.document.id == first.document.id
    assert len(mandates.list_requests(workspace, TESTER)) == 9


def test_requests_become_overdue_after_their_session_closes(workspace: Workspace, defenders: Path) -> None:
    mandates.add_resolution(workspace, TESTER, defenders)
    overdue = mandates.list_requests(workspace, TESTER, status=RequestStatus.OVERDUE, today=dt.date(2015, 1, 1))
    assert [(r.request.reference, r.request.addressee.name) for r in overdue] == [
        ("7", HIGH_COMMISSIONER),
        ("8", "Human Rights Council"),
    ]
    assert mandates.list_requests(workspace, TESTER, status=RequestStatus.OVERDUE, today=dt.date(2014, 1, 1)) == []


def test_listing_by_addressee(workspace: Workspace, defenders: Path) -> None:
    mandates.add_resolution(workspace, TESTER, defenders)
    found = mandates.list_requests(workspace, TESTER, addressee="high commissioner")
    assert [r.request.reference for r in found] == ["6", "7"]


def test_a_report_citing_the_paragraph_answers_it(
    workspace: Workspace, defenders: Path, tmp_path: Path
) -> None:
    mandates.add_resolution(workspace, TESTER, defenders)
    report = write(tmp_path, "a-hrc-25-55.txt", REPORT)
    later = write(tmp_path, "a-hrc-res-25-18.txt", LATER_RESOLUTION)
    mandates.add_resolution(workspace, TESTER, later)
    ingest(workspace, TESTER, [report])
    added = mandates.link_answers(workspace, TESTER)
    assert [(n.symbol, n.request.reference, n.link.method) for n in added] == [
        ("A/HRC/RES/22/6", "7", "paragraph")
    ]
    assert added[0].link.evidence.startswith("The present report is submitted pursuant to paragraph 7")
    assert added[0].link.block_id is not None
    (seven,) = [
        r for r in mandates.list_requests(workspace, TESTER, symbol="A/HRC/RES/22/6") if r.request.paragraph == 7
    ]
    assert seven.status is RequestStatus.ANSWERED
    assert [link.cited for link in seven.links] == ["Human Rights Council resolution 22/6"]
    assert workspace.store.audit.entries(limit=1)[0].action == "mandate.linked"
    assert mandates.link_answers(workspace, TESTER) == []  # nothing new the second time


def test_show_a_resolution(workspace: Workspace, defenders: Path) -> None:
    mandates.add_resolution(workspace, TESTER, defenders)
    view = mandates.show_resolution(workspace, TESTER, "a/hrc/res/22/6")
    assert len(view.stored.resolution.operative) == 8
    assert len(view.stored.resolution.preamble) == 5
    assert view.document is not None and view.document.source == str(defenders.resolve())


def test_an_unknown_symbol_is_refused(workspace: Workspace) -> None:
    with pytest.raises(mandates.UnknownResolution, match="no resolution 'A/RES/1/1'"):
        mandates.show_resolution(workspace, TESTER, "A/RES/1/1")
    with pytest.raises(mandates.UnknownResolution):
        mandates.list_requests(workspace, TESTER, symbol="A/RES/1/1")


def test_a_file_that_is_not_a_resolution_is_refused_with_its_name(
    workspace: Workspace, tmp_path: Path
) -> None:
    path = write(tmp_path, "note.txt", "A note\n\nNothing numbered here.\n")
    with pytest.raises(mandates.MandateError, match=r"note\.txt: no numbered operative paragraphs"):
        mandates.add_resolution(workspace, TESTER, path)
    with pytest.raises(mandates.MandateError, match="no such file"):
        mandates.add_resolution(workspace, TESTER, tmp_path / "absent.txt")
