from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest

from hrdmap.domain.actor import Actor, Role, Scope
from hrdmap.domain.calls import Call, Consent, Contribution, Stakeholder, StakeholderType
from hrdmap.domain.document import Block, BlockKind, Document
from hrdmap.domain.errors import Forbidden
from hrdmap.domain.tags import Tag
from hrdmap.reports.map.data import MapData
from hrdmap.services import review
from hrdmap.services.ingest import ingest
from hrdmap.services.mapping import MapFormat, aggregates, build, write_map
from hrdmap.services.tagging import tag_documents
from hrdmap.services.workspace import Workspace
from hrdmap.storage.tags import NewTag
from tests.actors import TESTER

# paragraph text → its labels, "framework:label"
PARAGRAPHS = {
    "OHCHR trained defenders in Kenya on protection.": ["hrd-areas:G", "countries:KEN", "statement-kinds:practice",
                                                         "un-entities:OHCHR"],
    "Defenders in Kenya lack protection.": ["hrd-areas:G", "countries:KEN", "statement-kinds:challenge"],
    "Journalists in Uganda were arbitrarily detained.": ["hrd-areas:G", "countries:UGA", "statement-kinds:challenge",
                                                         "attack-types:arbitrary-detention",
                                                         "groups-at-risk:journalists"],
    "Dialogue in Uganda was organized by UNDP.": ["hrd-areas:A", "countries:UGA", "statement-kinds:practice",
                                                  "un-entities:UNDP"],
}


def _corpus(ws: Workspace, paragraphs: dict[str, list[str]] = PARAGRAPHS, sha: str = "d") -> dict[str, int]:
    blocks = [Block(i, BlockKind.PARAGRAPH, text, label=f"{i + 1}.") for i, text in enumerate(paragraphs)]
    document = Document(f"/secret/folder/{sha}.txt", sha * 64, "text", blocks=blocks, symbol=f"A/EX/{sha}")
    now = dt.datetime.now(dt.UTC)
    with ws.store.transaction():
        stored = ws.store.documents.add_version(document, at=now)
    ids = {b.block.text: b.id for b in ws.store.documents.blocks(stored.version_id)}
    new = [
        NewTag(ids[text], Tag(*label.split(":"), 0.9, "test"), 0.5)  # type: ignore[misc]
        for text, labels in paragraphs.items()
        for label in labels
    ]
    with ws.store.transaction():
        run = ws.store.tags.start_run({"test": "1"}, actor="tester", at=now)
        ws.store.tags.replace("test", list(ids.values()), new, run_id=run.id, at=now)
    return ids


def _cell(data: MapData, matrix: str, row: str, column: str) -> tuple[int, ...]:
    found = next(m for m in data.matrices if m.id == matrix).cell(row, column)
    return found.blocks if found else ()


def test_each_matrix_counts_paragraphs_and_documents_and_links_back(workspace: Workspace) -> None:
    ids = _corpus(workspace)
    other = _corpus(workspace, {"UNDP supported defenders in Kenya.": ["hrd-areas:G", "countries:KEN"]}, sha="e")
    data = build(workspace, TESTER)
    kenya = _cell(data, "area-country", "hrd-areas:G", "countries:KEN")
    assert set(kenya) == {ids[t] for t in list(PARAGRAPHS)[:2]} | set(other.values())
    cell = next(m for m in data.matrices if m.id == "area-country").cell("hrd-areas:G", "countries:KEN")
    assert cell is not None and len(cell.documents) == 2
    assert _cell(data, "area-entity", "hrd-areas:A", "un-entities:UNDP") == (ids[list(PARAGRAPHS)[3]],)
    assert _cell(data, "group-area", "groups-at-risk:journalists", "hrd-areas:G") == (ids[list(PARAGRAPHS)[2]],)
    assert len(_cell(data, "country-kind", "countries:UGA", "statement-kinds:challenge")) == 1
    assert all(b in data.paragraphs for m in data.matrices for c in m.cells for b in c.blocks)
    names = {i.key: i.name for m in data.matrices for i in (*m.rows, *m.columns)}
    assert names["hrd-areas:A"] == "A. Dialogue between Governments and defenders"
    assert names["countries:UGA"] == "Uganda" and names["un-entities:UNDP"] == "UNDP"


def test_gaps_show_challenges_and_attacks_without_practice_and_what_nobody_covers(workspace: Workspace) -> None:
    ids = _corpus(workspace)
    data = build(workspace, TESTER)
    challenge = {tuple(i.key for i in g.where): g.blocks for g in data.gaps if g.kind == "challenge-without-practice"}
    assert challenge[("hrd-areas:G", "countries:UGA")] == (ids[list(PARAGRAPHS)[2]],)
    assert ("hrd-areas:G", "countries:KEN") not in challenge  # a practice is reported there
    assert ("groups-at-risk:journalists",) in challenge
    attacks = {tuple(i.key for i in g.where): g for g in data.gaps if g.kind == "attacks-without-practice"}
    assert set(attacks) == {("groups-at-risk:journalists",)}  # Uganda has a practice (area A)
    assert attacks[("groups-at-risk:journalists",)].detail == ("Arbitrary arrest and detention",)
    uncovered = {g.where[0].key for g in data.gaps if g.kind == "no-coverage"}
    assert {"hrd-areas:B", "groups-at-risk:women"} <= uncovered
    assert not {key for key in uncovered if key.startswith("countries:")}  # no information is not a gap
    assert not {"hrd-areas:G", "countries:KEN", "groups-at-risk:journalists"} & uncovered
    assert any("incident" in note for note in data.notes)


def test_reviews_change_the_map(workspace: Workspace) -> None:
    ids = _corpus(workspace)
    practice = next(t for t in workspace.store.tags.for_blocks([ids[list(PARAGRAPHS)[3]]])[ids[list(PARAGRAPHS)[3]]]
                    if t.tag.label == "practice")
    review.reject(workspace, TESTER, practice.id)
    review.add_label(workspace, TESTER, ids[list(PARAGRAPHS)[2]], "hrd-areas", "C")
    data = build(workspace, TESTER)
    assert _cell(data, "country-kind", "countries:UGA", "statement-kinds:practice") == ()
    assert _cell(data, "area-country", "hrd-areas:C", "countries:UGA") == (ids[list(PARAGRAPHS)[2]],)
    attacks = {tuple(i.key for i in g.where) for g in data.gaps if g.kind == "attacks-without-practice"}
    assert ("countries:UGA",) in attacks


def test_json_and_csv_outputs_hold_the_same_counts(workspace: Workspace, tmp_path: Path) -> None:
    _corpus(workspace)
    data = build(workspace, TESTER)
    [json_file] = write_map(data, MapFormat.JSON, tmp_path / "map.json")
    written = write_map(data, MapFormat.CSV, tmp_path / "csv")
    assert {p.name for p in written} == {"area-country.csv", "area-entity.csv", "group-area.csv", "country-kind.csv",
                                         "gaps.csv"}
    loaded = json.loads(json_file.read_text("utf-8"))
    for matrix in loaded["matrices"]:
        with (tmp_path / "csv" / f"{matrix['id']}.csv").open(encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        from_csv = {(f"{r['row_framework']}:{r['row_id']}", f"{r['column_framework']}:{r['column_id']}"):
                    int(r["paragraphs"]) for r in rows}
        assert from_csv == {(c["row"], c["column"]): c["paragraphs"] for c in matrix["cells"]}
    assert all(d["file"] == "d.txt" for d in loaded["documents"].values())  # folders are not published


def test_recorded_incidents_feed_attacks_without_practice(workspace: Workspace, tmp_path: Path) -> None:
    from hrdmap.domain.monitoring.incidents import Act, FuzzyDate, Incident, Location, Victim
    from hrdmap.domain.monitoring.vocabulary import Sensitivity, VerificationStatus
    from hrdmap.services.monitoring import records
    from tests.actors import TESTER

    _corpus(workspace)

    def incident(country: str, status: VerificationStatus, sensitivity: Sensitivity = Sensitivity.PUBLIC) -> int:
        victims = (Victim("Fictional", roles=("trade-unionists",)),)
        found = Incident("Fictional", FuzzyDate.unknown(), Location(country), (Act("killing", victims=(0,)),),
                         victims=victims, status=status, sensitivity=sensitivity)  # fmt: skip
        return records.add_incident(workspace, TESTER, found)

    peru = incident("PER", VerificationStatus.REPORTED)
    incident("CHL", VerificationStatus.PROPOSED)
    incident("BOL", VerificationStatus.REPORTED, Sensitivity.RESTRICTED)
    kenya = incident("KEN", VerificationStatus.VERIFIED)
    data = build(workspace, TESTER)
    gaps = {tuple(i.key for i in g.where): g for g in data.gaps if g.kind == "attacks-without-practice"}
    assert gaps[("countries:PER",)].incidents == (peru,) and gaps[("countries:PER",)].detail == ("Killing",)
    assert ("countries:KEN",) not in gaps  # a practice is reported in Kenya
    assert ("countries:CHL",) not in gaps and ("countries:BOL",) not in gaps  # proposed; restricted
    assert gaps[("groups-at-risk:trade-unionists",)].incidents == (peru, kenya)
    rows = {row.where.key: row for row in data.attacks}
    assert rows["countries:KEN"].incidents == (kenya,) and rows["countries:KEN"].practices
    written = write_map(data, MapFormat.CSV, tmp_path / "csv")
    assert "attacks.csv" in {p.name for p in written}
    [page] = write_map(data, MapFormat.HTML, tmp_path / "map.html")
    assert "Attacks recorded as incidents" in page.read_text("utf-8")


def test_the_map_counts_the_country_a_paragraph_is_about(workspace: Workspace, tmp_path: Path) -> None:
    """Issue 12, finding 9: recommending States, speakers and organisations' names do not count."""
    folder = tmp_path / "inputs"
    folder.mkdir()
    (folder / "wg.txt").write_text(
        "Report of the Working Group (fictional)\n\n"
        "1. The review of Honduras was held at the 5th meeting.\n\n"
        "2. Norway expressed concern about threats against journalists and defenders in Guatemala.\n\n"
        "3. The Kenya Human Rights Commission documented attacks on defenders in Uganda.\n\n"
        "4. Germany welcomed the law on the protection of human rights defenders.\n\n"
        "5. Dear colleagues, please find attached our contribution on defenders in Peru.\n",
        encoding="utf-8",
    )
    ingest(workspace, TESTER, [folder])
    tag_documents(workspace, TESTER, taggers=["gazetteer", "statement-kind", "framework-keywords"])
    data = build(workspace, TESTER)
    by_text = {p.text[:12]: p.labels.get("countries", frozenset()) for p in data.paragraphs.values()}
    assert by_text.get("Norway expre") == frozenset({"GTM"})
    assert by_text.get("The Kenya Hu") == frozenset({"UGA"})
    assert by_text.get("Germany welc", frozenset({"HND"})) == frozenset({"HND"})
    assert "Dear colleag" not in by_text
    names = {row.id for row in data.countries}
    assert {"NOR", "DEU", "KEN", "PER"}.isdisjoint(names)


def _contribute(ws: Workspace, document_id: int, call: str, stakeholder: str, iso3: str, consent: Consent) -> None:
    at = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
    with ws.store.transaction():
        if ws.store.calls.call(call) is None:
            ws.store.calls.save_call(Call(call, call, dt.date(2026, 4, 1)), at=at)
        ws.store.calls.save_stakeholder(Stakeholder(stakeholder, stakeholder, StakeholderType.NGO, iso3, iso3), at=at)
        stored = ws.store.calls.call(call)
        assert stored is not None
        contribution = Contribution(stakeholder, at.date(), consent, f"/in/{document_id}")
        contribution_id, _ = ws.store.calls.save_contribution(stored.id, contribution, at=at)
        ws.store.calls.link_documents(contribution_id, [document_id])


def _area_counts(data: MapData) -> dict[str, int]:
    matrix = next(m for m in data.matrices if m.id == "area-country")
    return {f"{c.row}|{c.column}": len(c.blocks) for c in matrix.cells}


def test_the_counts_are_cached_until_a_review_changes_them_and_never_stale(workspace: Workspace) -> None:
    ids = _corpus(workspace)
    first = aggregates(workspace, TESTER)
    assert aggregates(workspace, TESTER) is first  # nothing written: counted once
    kenya = ids[list(PARAGRAPHS)[0]]
    tag = next(t for t in workspace.store.tags.for_blocks([kenya])[kenya] if t.tag.label == "G")
    review.reject(workspace, TESTER, tag.id)
    after = aggregates(workspace, TESTER)
    assert after is not first
    assert _area_counts(first)["hrd-areas:G|countries:KEN"] == 2
    assert _area_counts(after)["hrd-areas:G|countries:KEN"] == 1 == _area_counts(build(workspace, TESTER))[
        "hrd-areas:G|countries:KEN"
    ]
    review.add_label(workspace, TESTER, kenya, "hrd-areas", "G")  # and back: a new count, not the first one
    assert _area_counts(aggregates(workspace, TESTER))["hrd-areas:G|countries:KEN"] == 2


def test_a_scoped_officer_and_an_analyst_count_only_what_their_need_to_know_reaches(workspace: Workspace) -> None:
    _corpus(workspace)  # a public text: KEN twice, UGA twice
    secret = _corpus(workspace, {"Defenders in Kenya were threatened.": ["hrd-areas:G", "countries:KEN"]}, sha="s")
    mexico = _corpus(workspace, {"Defenders in Mexico were threatened.": ["hrd-areas:G", "countries:MEX"]}, sha="m")
    located = workspace.store.documents.locate([*secret.values(), *mexico.values()])
    secret_document, mexico_document = (b.document.id for b in located)
    _contribute(workspace, secret_document, "a", "ken-ngo", "KEN", Consent.CONFIDENTIAL)
    _contribute(workspace, mexico_document, "b", "mex-ngo", "MEX", Consent.PUBLIC)
    everyone = _area_counts(aggregates(workspace, TESTER))
    assert (everyone["hrd-areas:G|countries:KEN"], everyone["hrd-areas:G|countries:MEX"]) == (3, 1)
    call_b = Actor("o", frozenset({Role.OFFICER}), Scope(calls=frozenset({"b"})))
    scoped = _area_counts(aggregates(workspace, call_b))
    assert (scoped["hrd-areas:G|countries:KEN"], scoped["hrd-areas:G|countries:MEX"]) == (2, 1)
    analyst = Actor("a", frozenset({Role.ANALYST}))
    counted = aggregates(workspace, analyst)
    assert _area_counts(counted)["hrd-areas:G|countries:KEN"] == 2  # the confidential contribution is not counted
    assert counted.paragraphs == {} and counted.documents == {}  # counts only
    with pytest.raises(Forbidden):
        build(workspace, analyst)
    assert _area_counts(aggregates(workspace, call_b)) == scoped  # the cache keeps each scope apart
