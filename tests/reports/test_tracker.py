"""The tracker views and the tables they export: counts per status, CSV and XLSX, inert formulas."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest

from hrdmap.domain.recommendations import RecommendationSource
from hrdmap.domain.tracking import (
    RECOMMENDATION_COLUMNS,
    Assessment,
    RecommendationRecord,
    Status,
    StatusEntry,
    Term,
    TrackedRecommendation,
)
from hrdmap.reports.tracker import (
    HISTORY_COLUMNS,
    NO_ADDRESSEE,
    NO_THEME,
    TrackerView,
    recommendation_row,
    safe_cell,
    tracker,
    tracker_sheets,
    write_csv,
    write_xlsx,
)

AT = dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC)
LAWS = Term("hrd-areas", "Laws and policies at country level", "F")
REPRISALS = Term("hrd-areas", "Intimidation and reprisals", "C")


def rec(
    rec_id: int, addressee: str | None, *statuses: Status, themes: tuple[Term, ...] = (), text: str = "Adopt a law"
) -> TrackedRecommendation:
    """A recommendation whose history holds ``statuses`` one year apart."""
    history = tuple(
        StatusEntry(n, Assessment(s, dt.date(2020 + n, 1, 1), f"evidence {n}"), "ana", AT)
        for n, s in enumerate(statuses)
    )
    record = RecommendationRecord(
        key=f"k{rec_id}",
        text=text,
        source_kind=RecommendationSource.UPR,
        symbol="A/HRC/15/8",
        paragraph=f"101.{rec_id}",
        addressee=addressee,
        themes=themes,
    )
    return TrackedRecommendation(rec_id, record, history)


RECS = [
    rec(1, "Kenya", Status.IN_PROGRESS, Status.IMPLEMENTED, themes=(LAWS,)),
    rec(2, "Kenya", Status.NOT_STARTED, themes=(LAWS, REPRISALS)),
    rec(3, "Kenya", themes=(REPRISALS,)),
    rec(4, "Slovenia", Status.IMPLEMENTED),
    rec(5, None, Status.NOT_IMPLEMENTED, themes=(LAWS,)),
]


def test_counts_per_status_per_addressee() -> None:
    groups = tracker(RECS, TrackerView.ADDRESSEE)
    assert [g.name for g in groups] == ["Kenya", "Slovenia", NO_ADDRESSEE]
    kenya = groups[0]
    assert kenya.total == 3
    assert dict(kenya.counts) == {
        "not_assessed": 1,
        "not_started": 1,
        "in_progress": 0,
        "implemented": 1,
        "not_implemented": 0,
    }
    assert kenya.implemented_share == pytest.approx(1 / 3)
    assert [r.id for r in kenya.recommendations] == [1, 2, 3]
    assert groups[1].implemented_share == 1.0


def test_a_recommendation_counts_under_each_of_its_themes() -> None:
    groups = {g.name: g for g in tracker(RECS, TrackerView.THEME)}
    assert list(groups) == ["C Intimidation and reprisals", "F Laws and policies at country level", NO_THEME]
    assert [r.id for r in groups["F Laws and policies at country level"].recommendations] == [1, 2, 5]
    assert groups["F Laws and policies at country level"].counts["not_implemented"] == 1
    assert groups["C Intimidation and reprisals"].counts["not_assessed"] == 1
    assert [r.id for r in groups[NO_THEME].recommendations] == [4]


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=HYPERLINK(\"http://evil\",\"x\")", "'=HYPERLINK(\"http://evil\",\"x\")"),
        ("+41 22 917 9000", "'+41 22 917 9000"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("Adopt a law", "Adopt a law"),
        (12, 12),
        (None, None),
    ],
)
def test_formula_like_text_is_made_inert(value: str | int | None, written: str | int | None) -> None:
    assert safe_cell(value) == written


def test_the_csv_has_the_columns_and_guards_formulas() -> None:
    evil = rec(9, "Kenya", Status.IMPLEMENTED, text="=cmd|' /C calc'!A0")
    out = io.StringIO()
    assert write_csv([recommendation_row(evil)], RECOMMENDATION_COLUMNS, out) == 1
    (row,) = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert list(row) == list(RECOMMENDATION_COLUMNS)
    assert row["text"] == "'=cmd|' /C calc'!A0"
    assert row["status"] == "implemented" and row["status_date"] == "2020-01-01"
    assert row["paragraph"] == "101.9" and row["addressee"] == "Kenya"


def test_the_workbook_has_one_sheet_per_table_with_plain_values(tmp_path: Path) -> None:
    evil = rec(9, "=Kenya", Status.NOT_STARTED, text="@SUM(1+1)*cmd")
    path = tmp_path / "tracker.xlsx"
    write_xlsx(tracker_sheets([*RECS, evil]), path)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Recommendations", "Status history", "By addressee", "By theme"]
    sheet = book["Recommendations"]
    assert [c.value for c in sheet[1]] == list(RECOMMENDATION_COLUMNS)
    assert sheet.freeze_panes == "A2"
    assert sheet.max_row == 7
    first = {h: c.value for h, c in zip(RECOMMENDATION_COLUMNS, sheet[2], strict=True)}
    assert first["id"] == 1 and first["status"] == "implemented"
    assert first["status_date"].date() == dt.date(2021, 1, 1)
    formulas = [c for row in book.worksheets[0].iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []
    last = {h: c.value for h, c in zip(RECOMMENDATION_COLUMNS, sheet[7], strict=True)}
    assert last["text"] == "'@SUM(1+1)*cmd" and last["addressee"] == "'=Kenya"
    text_width = sheet.column_dimensions["G"].width
    assert 10 < text_width <= 60
    history = book["Status history"]
    assert [c.value for c in history[1]] == list(HISTORY_COLUMNS)
    assert history.max_row == 1 + 6
    by_addressee = [[c.value for c in row] for row in book["By addressee"].iter_rows()]
    assert by_addressee[0][:3] == ["addressee", "total", "not_assessed"]
    assert by_addressee[1][:2] == ["'=Kenya", 1]
    kenya = next(row for row in by_addressee if row[0] == "Kenya")
    assert kenya[1] == 3 and kenya[-2] == pytest.approx(0.3333) and kenya[-1] == "1, 2, 3"
