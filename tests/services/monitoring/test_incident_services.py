"""Monitoring services: imports that rerun to nothing, one door for reads, checked verification, merges that undo,
proposals from the corpus, figures and warnings that honour sensitivity, exports that carry only public records."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest

from hrdmap.domain.actor import Actor, FixedClock, Role, Scope
from hrdmap.domain.actor import Sensitivity as Level
from hrdmap.domain.document import Block, BlockKind, Document
from hrdmap.domain.errors import Forbidden, NotFound
from hrdmap.domain.monitoring.incidents import Source
from hrdmap.domain.monitoring.vocabulary import (
    Independence,
    Reliability,
    Sensitivity,
    SourceKind,
    VerificationStatus,
)
from hrdmap.domain.tags import Tag
from hrdmap.monitoring.incident_file import incidents_from_file
from hrdmap.monitoring.indicators import IndicatorQuery
from hrdmap.monitoring.mapping import builtin_mappings, load_mapping
from hrdmap.monitoring.verification import VerificationError
from hrdmap.services.monitoring import duplicates, figures, importing, proposals, records
from hrdmap.services.workspace import Workspace
from hrdmap.storage.incidents import IncidentFilter
from hrdmap.storage.tags import NewTag

AT = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)
ANA = Actor("ana", frozenset({Role.OFFICER}), clock=FixedClock(AT))
BEN = Actor("ben", frozenset({Role.OFFICER}), clock=FixedClock(AT))
KENYA_THREAT = "country: Kenya, acts: [threats], sensitivity: public"
FICTIONAL = """
incidents:
  - title: Killing of a land defender (fictional)
    date: 2019-03-04
    country: Honduras
    place: La Esperanza
    sensitivity: public
    acts: [killing]
    victims: [{name: Fictional Defender One, sex: female, roles: [land-environment, women]}]
    perpetrators: [{type: private-security}]
    sources: [{kind: organisation, name: A fictional NGO, reference: report-1, reliability: high}]
    external_id: ngo:1
  - title: Threats against a journalist (fictional)
    date: March 2019
    country: Honduras
    sensitivity: restricted
    acts: [threats]
    victims: [{name: Fictional Journalist, sex: male, roles: [journalists]}]
    external_id: ngo:2
  - title: Detention of a lawyer (fictional)
    date: early 2019
    country: Honduras
    sensitivity: public
    acts: [arbitrary-detention]
    victims: [{name: Fictional Lawyer, roles: [lawyers], sensitivity: confidential}]
    sources: [{kind: person, name: A relative, reference: interview-3, reliability: high, independence: primary,
               sensitivity: confidential}]
    external_id: ngo:3
"""


@pytest.fixture
def stored(workspace: Workspace, tmp_path: Path) -> list[int]:
    path = tmp_path / "incidents.yaml"
    path.write_text(FICTIONAL, encoding="utf-8")
    return [records.add_incident(workspace, ANA, i) for i in incidents_from_file(path)]


def test_reads_go_through_one_door_by_clearance(workspace: Workspace, stored: list[int]) -> None:
    killing, threat, detention = stored
    with pytest.raises(NotFound, match=f"no incident {threat}"):
        records.get_incident_for(workspace, ANA, threat, Sensitivity.PUBLIC)
    assert records.get_incident_for(workspace, ANA, threat, Sensitivity.RESTRICTED).title.startswith("Threats")
    shown = records.get_incident_for(workspace, ANA, detention, Sensitivity.PUBLIC)
    assert shown.victims[0].name == "[withheld]" and shown.sources == ()
    full = records.get_incident_for(workspace, ANA, detention, Sensitivity.CONFIDENTIAL)
    assert full.victims[0].name == "Fictional Lawyer" and full.sources[0].name == "A relative"
    listed = records.list_incidents(workspace, ANA, IncidentFilter(), Sensitivity.PUBLIC)
    assert sorted(i.id for i in listed if i.id is not None) == [killing, detention]
    with pytest.raises(NotFound):
        records.get_incident_for(workspace, ANA, 999, Sensitivity.CONFIDENTIAL)


def test_verification_is_checked_and_audited(workspace: Workspace, stored: list[int]) -> None:
    killing = stored[0]
    records.change_status(
        workspace, ANA, killing, VerificationStatus.UNDER_VERIFICATION, reason="assigned"
    )
    with pytest.raises(VerificationError, match="do not meet the rule"):
        records.change_status(workspace, ANA, killing, VerificationStatus.VERIFIED, reason="one source")
    second = Source(SourceKind.URL, "https://news.example.org/x", "news.example.org", Reliability.MEDIUM)
    records.add_source(workspace, BEN, killing, second)
    verified = records.change_status(workspace, BEN, killing, VerificationStatus.VERIFIED, reason="two")
    assert verified.status is VerificationStatus.VERIFIED
    actions = [e.action for e in workspace.store.audit.entries(limit=10)]
    assert actions[:3] == ["incident.status", "incident.source", "incident.status"]
    table = figures.indicator_table(workspace, ANA, Sensitivity.PUBLIC)
    assert [c.victims for c in table.count(IndicatorQuery(acts=("killing",), statuses=("verified",)))] == [1]
    assert table.count(IndicatorQuery(acts=("killing",), statuses=("reported",))) == []
    table.close()


def test_figures_honour_sensitivity_per_victim(workspace: Workspace, stored: list[int]) -> None:
    public = figures.indicator_table(workspace, ANA, Sensitivity.PUBLIC)
    everything = figures.indicator_table(workspace, ANA, Sensitivity.CONFIDENTIAL)
    query = IndicatorQuery(by=("act",))
    assert {c.key[0] for c in public.count(query)} == {"killing"}
    assert {c.key[0] for c in everything.count(IndicatorQuery(by=("act",), clearance=Sensitivity.CONFIDENTIAL))} == {
        "killing", "threats", "arbitrary-detention",
    }  # fmt: skip
    public.close()
    everything.close()


def test_public_exports_carry_only_public_records(workspace: Workspace, stored: list[int], tmp_path: Path) -> None:
    count = figures.export_incidents(
        workspace,
        ANA,
        tmp_path / "out.csv",
        figures.ExportFormat.HXL,
        clearance=Sensitivity.PUBLIC,
        query=IncidentFilter(),
    )
    with (tmp_path / "out.csv").open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert count == 2 and rows[1][0] == "#event+id" and len(rows) == 4
    text = (tmp_path / "out.csv").read_text("utf-8")
    assert "Fictional Journalist" not in text and "Fictional Lawyer" not in text and "A relative" not in text
    figures.export_incidents(
        workspace,
        ANA,
        tmp_path / "out.json",
        figures.ExportFormat.JSON,
        clearance=Sensitivity.PUBLIC,
        query=IncidentFilter(),
    )
    events = json.loads((tmp_path / "out.json").read_text("utf-8"))["events"]
    assert {e["event"]["sensitivity"] for e in events} == {"public"}


def test_merging_counts_once_keeps_sources_and_undoes(workspace: Workspace, stored: list[int], tmp_path: Path) -> None:
    killing = stored[0]
    path = tmp_path / "dup.yaml"
    path.write_text(
        FICTIONAL.split("  - title: Threats")[0]
        .replace("ngo:1", "media:9")
        .replace("report-1", "https://news.example.org/y")
        .replace("A fictional NGO", "news.example.org")
        .replace("One", "1"),
        "utf-8",
    )
    copy = records.add_incident(workspace, ANA, incidents_from_file(path)[0])
    pairs = duplicates.candidates(workspace, ANA, clearance=Sensitivity.PUBLIC)
    assert [(p.left, p.right) for p in pairs] == [(killing, copy)]
    duplicates.merge(workspace, ANA, killing, copy, reason="same")
    table = figures.indicator_table(workspace, ANA, Sensitivity.PUBLIC)
    assert table.count(IndicatorQuery(acts=("killing",)))[0].victims == 1
    table.close()
    survivor = records.get_incident_for(workspace, ANA, killing, Sensitivity.PUBLIC)
    assert {s.name for s in survivor.sources} == {"A fictional NGO", "news.example.org"}
    assert duplicates.candidates(workspace, ANA, clearance=Sensitivity.PUBLIC) == []
    duplicates.unmerge(workspace, ANA, copy)
    duplicates.mark_distinct(workspace, ANA, killing, copy)
    assert duplicates.candidates(workspace, ANA, clearance=Sensitivity.PUBLIC) == []


def test_warnings_show_what_is_behind_them_and_can_be_acknowledged(workspace: Workspace, tmp_path: Path) -> None:
    items = []
    for month in range(1, 13):
        items.append(f"  - {{date: 2019-{month:02d}-10, {KENYA_THREAT}, external_id: 'w:{month}'}}")
    for n in range(9):
        items.append(f"  - {{date: 2020-01-{n + 2:02d}, {KENYA_THREAT}, external_id: 'x:{n}'}}")
    path = tmp_path / "threats.yaml"
    path.write_text("incidents:\n" + "\n".join(items) + "\n", "utf-8")
    ids = [records.add_incident(workspace, ANA, i) for i in incidents_from_file(path)]
    views = figures.early_warnings(workspace, ANA, as_of=dt.date(2020, 1, 31), clearance=Sensitivity.PUBLIC)
    assert [(v.series, v.warning.period, v.warning.observed) for v in views] == [("KEN", "2020-01", 9)]
    assert set(views[0].incidents) == set(ids[12:])
    figures.acknowledge(workspace, ANA, "KEN", "2020-01", note="urgent appeal drafted")
    again = figures.early_warnings(workspace, ANA, as_of=dt.date(2020, 1, 31), clearance=Sensitivity.PUBLIC)
    assert again[0].acknowledged is not None and again[0].acknowledged.note == "urgent appeal drafted"
    assert (
        figures.early_warnings(
            workspace, ANA, as_of=dt.date(2020, 1, 31), clearance=Sensitivity.PUBLIC, acts=("killing",)
        )
        == []
    )


def test_corpus_paragraphs_become_proposals_once(workspace: Workspace) -> None:
    text = "Journalists in Uganda were arbitrarily detained and threatened (fictional)."
    document = Document(
        "/x/a.txt", "a" * 64, "text", blocks=[Block(0, BlockKind.PARAGRAPH, text, label="7.")], symbol="A/EX/1"
    )
    with workspace.store.transaction():
        stored = workspace.store.documents.add_version(document, at=AT)
    block = workspace.store.documents.blocks(stored.version_id)[0].id
    labels = ["attack-types:arbitrary-detention", "attack-types:threats", "countries:UGA", "groups-at-risk:journalists"]
    with workspace.store.transaction():
        run = workspace.store.tags.start_run({"test": "1"}, actor="t", at=AT)
        new = [NewTag(block, Tag(*label.split(":"), 0.9, "test"), 0.5) for label in labels]  # type: ignore[misc]
        workspace.store.tags.replace("test", [block], new, run_id=run.id, at=AT)
    assert proposals.propose_from_corpus(workspace, ANA).proposed == 1
    assert proposals.propose_from_corpus(workspace, ANA).proposed == 0
    proposed = records.list_incidents(workspace, ANA, IncidentFilter(status="proposed"), Sensitivity.CONFIDENTIAL)
    assert len(proposed) == 1
    incident = proposed[0]
    assert incident.act_types == ("arbitrary-detention", "threats") and incident.location.country == "UGA"
    assert incident.sources[0].kind is SourceKind.PARAGRAPH and incident.sources[0].evidence == text
    assert incident.victims[0].roles == ("journalists",)
    table = figures.indicator_table(workspace, ANA, Sensitivity.CONFIDENTIAL)
    assert table.count(IndicatorQuery(clearance=Sensitivity.CONFIDENTIAL)) == []  # proposals do not count
    table.close()
    assert incident.id is not None
    accepted = proposals.review_proposal(workspace, ANA, incident.id, accept=True, reason="checked")
    assert accepted.status is VerificationStatus.REPORTED


@pytest.mark.shared_data
def test_the_real_cpj_list_imports_and_reruns_to_nothing(workspace: Workspace, shared_data: Path) -> None:
    path = shared_data / "cpj-journalists-killed" / "cpj_killed_1992-2022.csv"
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    mapping = load_mapping(builtin_mappings()["cpj-journalists-killed"])
    first = importing.import_list(workspace, ANA, path, mapping)
    again = importing.import_list(workspace, ANA, path, mapping)
    assert (first.added, len(first.errors)) == (2163, 2)
    assert (again.added, again.unchanged) == (0, 2163)
    table = figures.indicator_table(workspace, ANA, Sensitivity.PUBLIC)
    by_year = {c.key[0]: c.victims for c in table.count(IndicatorQuery(acts=("killing",), by=("year",)))}
    table.close()
    with path.open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["year"]]
    assert by_year == {y: sum(1 for r in rows if r["year"] == y) for y in {r["year"] for r in rows}}


def test_independence_of_a_primary_source(workspace: Workspace, stored: list[int]) -> None:
    detention = stored[2]
    records.change_status(workspace, ANA, detention, VerificationStatus.UNDER_VERIFICATION, reason="a")
    corroboration = Source(
        SourceKind.ORGANISATION, "r", "Local radio (fictional)", Reliability.UNKNOWN, Independence.SECONDARY
    )
    records.add_source(workspace, ANA, detention, corroboration)
    done = records.change_status(workspace, ANA, detention, VerificationStatus.VERIFIED, reason="b")
    assert "rule B" in done.history[-1].reason


def test_personas_each_see_and_do_what_their_roles_and_scope_allow(workspace: Workspace, stored: list[int]) -> None:
    killing, threat, detention = stored
    analyst = Actor("ali", frozenset({Role.ANALYST}), clock=FixedClock(AT))
    kenya_only = Actor("kim", frozenset({Role.OFFICER}), Scope(countries=frozenset({"KEN"})), clock=FixedClock(AT))
    restricted = Actor("ray", frozenset({Role.OFFICER}), Scope(sensitivity=Level.RESTRICTED), clock=FixedClock(AT))
    outsider = Actor("out", frozenset({Role.PUBLIC}), clock=FixedClock(AT))
    # The officer sees everything asked for; the analyst reads figures only; an outsider nothing.
    assert records.get_incident_for(workspace, ANA, detention).victims[0].name == "Fictional Lawyer"
    with pytest.raises(NotFound):
        records.get_incident_for(workspace, analyst, killing)
    assert records.list_incidents(workspace, outsider, IncidentFilter()) == []
    table = figures.indicator_table(workspace, analyst, Sensitivity.PUBLIC)
    assert table.count(IndicatorQuery(acts=("killing",)))[0].victims == 1
    table.close()
    with pytest.raises(Forbidden):
        figures.indicator_table(workspace, outsider, Sensitivity.PUBLIC)
    for actor in (analyst, outsider):
        with pytest.raises(Forbidden):
            records.change_status(workspace, actor, killing, VerificationStatus.UNDER_VERIFICATION, reason="x")
    # Scope: countries and sensitivity bound what is seen, whatever is asked.
    with pytest.raises(NotFound):
        records.get_incident_for(workspace, kenya_only, killing)
    assert records.get_incident_for(workspace, restricted, threat).title.startswith("Threats")
    assert (
        records.get_incident_for(workspace, restricted, detention, Sensitivity.CONFIDENTIAL).victims[0].name
        == "[withheld]"
    )
