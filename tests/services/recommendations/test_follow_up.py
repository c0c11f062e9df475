"""Recommendation follow-up: extraction from stored documents, imports, status history, filters and exports."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import openpyxl
import pytest

from hrdmap.domain.recommendations import RecommendationSource
from hrdmap.domain.tracking import Response, Status
from hrdmap.services.ingest import ingest
from hrdmap.services.recommendations import follow_up as service
from hrdmap.services.workspace import Workspace
from tests.actors import TESTER

SLOVENIA_LIST = Path("un-upr-slovenia-docs/2ndcycle/UPR20__Slovenia_ThematicListRecommendations_E.docx")


def stored(workspace: Workspace, path: Path) -> int:
    """Ingest a file and return its document id."""
    item = ingest(workspace, TESTER, [path]).batches[-1].items[0]
    assert item.version_id is not None, item.reason
    found = workspace.store.documents.version(item.version_id)
    assert found is not None
    return found.id


@pytest.mark.shared_data
def test_a_stored_upr_working_group_report_gives_its_recommendations_once(
    workspace: Workspace, shared_data: Path
) -> None:
    document_id = stored(workspace, shared_data / "upr-wg-reports" / "pdfs" / "kenya2010.pdf")
    (first,) = service.extract_from_corpus(workspace, TESTER, [str(document_id)])
    assert first.found >= 140
    assert first.saved[service.Saved.ADDED] == first.found
    recs = service.list_recommendations(workspace, TESTER)
    assert all(r.record.recommending_states for r in recs)
    assert {(r.record.addressee, r.record.addressee_iso3) for r in recs} == {("Kenya", "KEN")}
    assert {r.record.symbol for r in recs} == {"A/HRC/15/8"}
    by_number = {r.record.paragraph: r for r in recs}
    noted = [r for r in recs if r.record.response is Response.NOTED]
    assert len(noted) == 7 and noted[0].record.recommending_states[:3] == ("Spain", "Belgium", "Uruguay")
    first_rec = by_number["101.1"]
    assert first_rec.record.response is Response.SUPPORTED
    assert first_rec.record.response_source == "A/HRC/15/8, para. 101"
    located = workspace.store.documents.locate([first_rec.record.block_id or 0])
    assert located and located[0].block.number == "101.1"
    assert "ICRMW" in located[0].block.text

    (again,) = service.extract_from_corpus(workspace, TESTER, ["A/HRC/15/8"])
    assert again.saved == {service.Saved.UNCHANGED: first.found}
    assert len(service.list_recommendations(workspace, TESTER)) == first.found
    entry = workspace.store.audit.entries(limit=1)[0]
    assert (entry.action, entry.subject, entry.detail["unchanged"]) == (
        "recommendation.extracted",
        f"document:{document_id}",
        first.found,
    )


def test_the_example_corpus_upr_list_is_tracked_with_themes(workspace: Workspace, examples: Path) -> None:
    stored(workspace, examples / "east-african-defenders-link.txt")
    service.extract_from_corpus(workspace, TESTER)
    recs = service.list_recommendations(workspace, TESTER)
    assert [(r.record.paragraph, r.record.recommending_states) for r in recs] == [
        ("98.1", ("Norway",)),
        ("98.2", ("Costa Rica",)),
        ("98.3", ("Côte d'Ivoire",)),
        ("98.4", ("Switzerland",)),
    ]
    assert all(r.record.source_kind is RecommendationSource.UPR for r in recs)
    reprisals = service.list_recommendations(workspace, TESTER, service.Filters(theme="reprisals"))
    assert [r.record.paragraph for r in reprisals] == ["98.4"]
    assert "C Intimidation and reprisals" in [t.text for t in reprisals[0].record.themes]
    journalists = [r for r in recs if any(g.code is None and "Journalists" in g.name for g in r.record.groups)]
    assert [r.record.paragraph for r in journalists] == ["98.2"]


@pytest.mark.shared_data
def test_the_slovenia_thematic_list_is_imported_row_by_row(workspace: Workspace, shared_data: Path) -> None:
    report = service.import_file(workspace, TESTER, shared_data / SLOVENIA_LIST)
    assert report.problems == ()
    assert report.saved == {service.Saved.ADDED: 163}
    recs = {r.record.paragraph: r.record for r in service.list_recommendations(workspace, TESTER)}
    assert len(recs) == 163
    assert sum(r.response is Response.SUPPORTED for r in recs.values()) == 142
    assert sum(r.response is Response.NOTED for r in recs.values()) == 21
    assert {(r.addressee, r.addressee_iso3, r.symbol) for r in recs.values()} == {("Slovenia", "SVN", "A/HRC/28/15")}
    # Read by hand from the DOCX.
    r1 = recs["115.1"]
    assert r1.text.startswith("Take further steps for the ratification of several international treaties")
    assert r1.recommending_states == ("Croatia",)
    assert [t.text for t in r1.themes] == ["A12 Acceptance of international norms"]
    assert [t.name for t in r1.groups] == ["general"]
    assert r1.response_source == "A/HRC/28/15/Add.1, para. 3"
    r2 = recs["115.2"]
    assert [t.code for t in r2.themes] == ["A12", "B32", "G1"]
    assert [t.name for t in r2.groups] == [
        "minorities/ racial, ethnic, linguistic, religious or descent-based groups"
    ]
    r16 = recs["115.16"]
    assert r16.recommending_states == ("Belgium", "France", "Tunisia", "Sierra Leone", "Argentina")
    r17 = recs["115.17"]
    assert r17.response is Response.NOTED and r17.response_source == "A/HRC/28/15/Add.1, para. 5"
    assert [t.text for t in r17.themes] == [
        "A12 Acceptance of international norms",
        "D6 Rights related to name, identity, nationality",
    ]
    assert recs["115.133"].groups and [t.name for t in recs["115.133"].groups] == ["general", "women"]
    assert recs["115.34"].groups == ()
    again = service.import_file(workspace, TESTER, shared_data / SLOVENIA_LIST)
    assert again.saved == {service.Saved.UNCHANGED: 163}
    assert service.list_recommendations(workspace, TESTER, service.Filters(theme="B32"))[0].record.paragraph == "115.2"


def write_thematic_list(path: Path) -> Path:
    """A thematic list in the layout of later cycles: columns in another order, SDGs, groups in a column."""
    document = docx.Document()
    document.core_properties.title = "UPR42 Kenya Thematic list of recommendations"
    table = document.add_table(rows=1, cols=5)
    header = ["Full list of themes", "Recommendation", "Position", "Affected persons", "SDGs"]
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
    section = table.add_row().cells
    section[0].merge(section[4]).text = "Theme: D43 Freedom of opinion and expression"
    rows = [
        [
            "D43 Freedom of opinion and expression\nH1 Human rights defenders",
            "140.12 Protect journalists and human rights defenders from reprisals (Norway, Ireland);\n"
            "Source of position: A/HRC/52/8/Add.1 - Para. 4",
            "Supported",
            "- human rights defenders\n- media",
            "SDG 16 - peace, justice and strong institutions\nSDG 5 - gender equality",
        ],
        [
            "A41 Constitutional and legislative framework",
            "140.13 Repeal the Public Order Act (Germany);\nSource of position: A/HRC/52/8/Add.1 - Para. 5",
            "Maybe",
            "- general",
            "",
        ],
    ]
    for values in rows:
        for cell, text in zip(table.add_row().cells, values, strict=True):
            cell.text = text
    document.save(path)
    return path


def test_a_thematic_list_is_read_by_its_headers_with_sdgs(workspace: Workspace, tmp_path: Path) -> None:
    report = service.import_file(workspace, TESTER, write_thematic_list(tmp_path / "list.docx"))
    assert [str(p) for p in report.problems] == [
        f"{tmp_path / 'list.docx'}: line 4: column Position: 'Maybe' is not a response "
        "(supported, noted, accepted, rejected, pending)"
    ]
    (rec,) = service.list_recommendations(workspace, TESTER)
    r = rec.record
    assert (r.symbol, r.paragraph, r.addressee, r.addressee_iso3) == ("A/HRC/52/8", "140.12", "Kenya", "KEN")
    assert r.recommending_states == ("Norway", "Ireland")
    assert [t.text for t in r.themes] == ["D43 Freedom of opinion and expression", "H1 Human rights defenders"]
    assert [t.name for t in r.groups] == ["human rights defenders", "media"]
    assert [(t.code, t.name) for t in r.sdgs] == [
        ("16", "peace, justice and strong institutions"),
        ("5", "gender equality"),
    ]


def test_a_thematic_list_without_a_state_in_its_name_takes_the_addressee(workspace: Workspace, tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Recommendation", "Position"
    table.rows[1].cells[0].text = "98.1 Adopt a law on defenders (France);"
    table.rows[1].cells[1].text = "Noted"
    document.save(tmp_path / "list.docx")
    service.import_file(workspace, TESTER, tmp_path / "list.docx", addressee="Bolivia (Plurinational State of)")
    (rec,) = service.list_recommendations(workspace, TESTER)
    assert (rec.record.addressee, rec.record.addressee_iso3) == ("Bolivia (Plurinational State of)", "BOL")
    assert rec.record.response is Response.NOTED


def test_a_docx_without_a_recommendation_table_is_refused(workspace: Workspace, tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Just a letter.")
    document.save(tmp_path / "letter.docx")
    with pytest.raises(service.ImportFileError, match="letter.docx: no table with a 'Recommendation' column"):
        service.import_file(workspace, TESTER, tmp_path / "letter.docx")
    assert service.list_recommendations(workspace, TESTER) == []


CSV = "\n".join(
    [
        "key,text,source_kind,addressee,themes,groups,sdgs,response,response_date,status,status_date,evidence",
        "nhri-1,Establish a protection mechanism for defenders,upr,Kenya,Protection mechanisms; Laws,defenders,"
        "16.10,supported,2020-01-22,in_progress,2023-06-30,Draft bill published",
        'nhri-2,"Investigate attacks\nagainst journalists",treaty_body,the Republic of Kenya,,journalists,,noted,'
        "2020-13-01,,,",
        "nhri-3,Ratify OP-CAT,other,all States,International norms,,,,,implemented,,",
        "nhri-4,'=Decriminalise defamation,special procedure,Kenya,,,,,,,,",
        "",
    ]
)


def test_a_csv_import_stores_good_rows_and_names_line_and_column_of_bad_ones(
    workspace: Workspace, tmp_path: Path
) -> None:
    path = tmp_path / "nhri.csv"
    path.write_text(CSV, encoding="utf-8")
    report = service.import_file(workspace, TESTER, path)
    assert [str(p) for p in report.problems] == [
        f"{path}: line 3: column response_date: '2020-13-01' is not a date (YYYY-MM-DD)",
        f"{path}: line 5: column status_date: required when a status is given",
    ]
    assert report.saved == {service.Saved.ADDED: 2} and report.statuses == 1
    recs = {r.record.key: r for r in service.list_recommendations(workspace, TESTER)}
    assert sorted(recs) == ["nhri-1", "nhri-4"]
    first = recs["nhri-1"]
    assert first.record.addressee_iso3 == "KEN" and first.record.response is Response.SUPPORTED
    assert [t.text for t in first.record.themes] == ["Protection mechanisms", "Laws"]
    assert [t.code or t.name for t in first.record.sdgs] == ["16.10"]
    assert first.status == "in_progress" and first.current is not None
    assert first.current.assessment.evidence == "Draft bill published"
    assert recs["nhri-4"].record.text == "=Decriminalise defamation"
    assert recs["nhri-4"].record.source_kind is RecommendationSource.SPECIAL_PROCEDURE
    again = service.import_file(workspace, TESTER, path)
    assert again.statuses == 0 and again.saved == {service.Saved.UNCHANGED: 2}


def test_a_csv_without_a_text_column_is_refused_whole(workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("recommendation,addressee\nAdopt a law,Kenya\n", encoding="utf-8")
    with pytest.raises(service.ImportFileError, match=r"bad.csv: line 1: no 'text' column"):
        service.import_file(workspace, TESTER, path)


def test_an_import_is_merged_into_the_recommendation_extracted_from_the_corpus(
    workspace: Workspace, tmp_path: Path
) -> None:
    report = tmp_path / "a-hrc-15-8.txt"
    report.write_text(
        "A/HRC/15/8\n\nReport of the Working Group on the Universal Periodic Review\n\nKenya\n\n"
        "101. The recommendations formulated during the interactive dialogue have been examined by Kenya and "
        "enjoy the support of Kenya:\n\n"
        "101.1. Adopt a law on the protection of human rights defenders (Norway);\n",
        encoding="utf-8",
    )
    stored(workspace, report)
    service.extract_from_corpus(workspace, TESTER)
    (extracted,) = service.list_recommendations(workspace, TESTER)
    assert extracted.record.key == "A/HRC/15/8|101.1"
    csv_file = tmp_path / "tracker.csv"
    csv_file.write_text(
        "symbol,paragraph,text,themes,status,status_date\n"
        "A/HRC/15/8,101.1,Adopt a law on HRDs,Civic space,not_started,2011-01-01\n",
        encoding="utf-8",
    )
    result = service.import_file(workspace, TESTER, csv_file)
    assert result.saved == {service.Saved.UPDATED: 1}
    (merged,) = service.list_recommendations(workspace, TESTER)
    assert merged.id == extracted.id and merged.record.block_id == extracted.record.block_id
    assert merged.record.text == extracted.record.text
    assert "Civic space" in [t.text for t in merged.record.themes]
    assert merged.status == "not_started"


@pytest.fixture
def tracked(workspace: Workspace, tmp_path: Path) -> Workspace:
    path = tmp_path / "recs.csv"
    path.write_text(
        "key,text,addressee,themes\nr1,Adopt a law,Kenya,Laws\nr2,Protect journalists,Slovenia,Reprisals; Laws\n",
        encoding="utf-8",
    )
    service.import_file(workspace, TESTER, path)
    return workspace


def test_status_is_recorded_with_date_evidence_source_and_audit(tracked: Workspace, tmp_path: Path) -> None:
    note = tmp_path / "nhri-report.txt"
    note.write_text("NHRI annual report\n\n12. The Assembly adopted the defenders law in May.\n", encoding="utf-8")
    document_id = stored(tracked, note)
    rec = service.list_recommendations(tracked, TESTER, service.Filters(addressee="KEN"))[0]
    service.record_status(
        tracked, TESTER, rec.id, Status.IN_PROGRESS, date=dt.date(2023, 1, 10), evidence="Bill tabled"
    )
    after = service.record_status(
        tracked, TESTER,
        rec.id,
        Status.IMPLEMENTED,
        date=dt.date(2024, 5, 31),
        evidence="Law adopted",
        source=f"{document_id}#12",
        assessed_by="NHRI annual report 2024",
    )
    assert [e.assessment.status for e in after.history] == [Status.IN_PROGRESS, Status.IMPLEMENTED]
    latest = after.history[-1]
    assert (latest.assessment.document_id, latest.recorded_by) == (document_id, "tester")
    located = tracked.store.documents.locate([latest.assessment.block_id or 0])
    assert located[0].block.number == "12"
    entry = tracked.store.audit.entries(limit=1)[0]
    assert (entry.action, entry.actor, entry.subject) == (
        "recommendation.status_recorded",
        "tester",
        f"recommendation:{rec.id}",
    )
    assert entry.detail["status"] == "implemented" and entry.detail["date"] == "2024-05-31"
    for status, keys in (("implemented", ["r1"]), ("not_assessed", ["r2"])):
        found = service.list_recommendations(tracked, TESTER, service.Filters(status=status))
        assert [r.record.key for r in found] == keys


def test_status_for_an_unknown_recommendation_or_source_is_refused(tracked: Workspace) -> None:
    with pytest.raises(service.UnknownRecommendation, match="no recommendation 99"):
        service.record_status(tracked, TESTER, 99, Status.IMPLEMENTED)
    with pytest.raises(service.RecommendationError, match="block:12345: no such paragraph"):
        service.record_status(tracked, TESTER, 1, Status.IMPLEMENTED, source="block:12345")
    with pytest.raises(service.RecommendationError, match="no document 'A/HRC/99/1'"):
        service.record_status(tracked, TESTER, 1, Status.IMPLEMENTED, source="A/HRC/99/1#3")
    assert service.get_recommendation(tracked, TESTER, 1).history == ()


def test_the_tracker_by_theme_and_the_xlsx_export(tracked: Workspace, tmp_path: Path) -> None:
    service.record_status(tracked, TESTER, 1, Status.IMPLEMENTED, date=dt.date(2024, 1, 1))
    groups = {g.name: g for g in service.tracker_view(tracked, TESTER, service.TrackerView.THEME)}
    assert {n: (g.total, g.counts["implemented"]) for n, g in groups.items()} == {"Laws": (2, 1), "Reprisals": (1, 0)}
    path = tmp_path / "out.xlsx"
    assert service.export_tracker(tracked, TESTER, path, service.ExportFormat.XLSX) == 2
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Recommendations", "Status history", "By addressee", "By theme"]
    assert book["Status history"].max_row == 2
    csv_path = tmp_path / "by-theme.csv"
    service.export_tracker(tracked, TESTER, csv_path, service.ExportFormat.CSV, table=service.ExportTable.BY_THEME)
    assert csv_path.read_text(encoding="utf-8").splitlines()[1].startswith("Laws,2,1,0,0,1,0,0.5,")
