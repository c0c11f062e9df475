"""Dates as lists write them: precision kept, impossible dates refused with the reason."""

from __future__ import annotations

import datetime as dt

import pytest

from hrdmap.domain.monitoring.vocabulary import DatePrecision
from hrdmap.monitoring.dates import DateError, parse_date


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("2019-03-04", "2019-03-04", "2019-03-04", DatePrecision.DAY),
        ("4 March 2019", "2019-03-04", "2019-03-04", DatePrecision.DAY),
        ("March 4, 2019", "2019-03-04", "2019-03-04", DatePrecision.DAY),
        ("4 de marzo de 2019", "2019-03-04", "2019-03-04", DatePrecision.DAY),
        ("2019-02", "2019-02-01", "2019-02-28", DatePrecision.MONTH),
        ("février 2020", "2020-02-01", "2020-02-29", DatePrecision.MONTH),
        ("2019", "2019-01-01", "2019-12-31", DatePrecision.YEAR),
        ("early 2019", "2019-01-01", "2019-04-30", DatePrecision.RANGE),
        ("mid-2019", "2019-05-01", "2019-08-31", DatePrecision.RANGE),
        ("late 2019", "2019-09-01", "2019-12-31", DatePrecision.RANGE),
        ("Q2 2019", "2019-04-01", "2019-06-30", DatePrecision.RANGE),
        ("2019-03-01/2019-03-15", "2019-03-01", "2019-03-15", DatePrecision.RANGE),
        ("1 March 2019 to 15 April 2019", "2019-03-01", "2019-04-15", DatePrecision.RANGE),
        ("2018–2019", "2018-01-01", "2019-12-31", DatePrecision.RANGE),
    ],
)
def test_dates_keep_their_precision(text: str, start: str, end: str, precision: DatePrecision) -> None:
    date = parse_date(text)
    assert (date.start, date.end, date.precision) == (
        dt.date.fromisoformat(start),
        dt.date.fromisoformat(end),
        precision,
    )
    assert date.text == text


def test_hedged_dates_are_marked_approximate() -> None:
    assert parse_date("early 2019").approximate
    about = parse_date("about March 2019")
    assert about.approximate and about.precision is DatePrecision.MONTH
    assert not parse_date("2019-03-04").approximate


def test_mapping_formats_come_first_and_give_the_precision() -> None:
    assert parse_date("20190314", ["%Y%m%d"]).precision is DatePrecision.DAY
    assert parse_date("03/2019", ["%m/%Y"]).precision is DatePrecision.MONTH


@pytest.mark.parametrize(
    ("text", "formats", "says"),
    [
        ("2019-02-30", (), "not a real date"),
        ("20190230", ("%Y%m%d",), "not a real date"),
        ("30 Februar 2019", (), "not a month name"),
        ("sometime", (), "not a date hrdmap can read"),
        ("2019-05-01/2019-03-01", (), "ends before it starts"),
    ],
)
def test_impossible_or_unreadable_dates_say_why(text: str, formats: tuple[str, ...], says: str) -> None:
    with pytest.raises(DateError, match=says):
        parse_date(text, formats)


def test_an_empty_date_is_unknown_not_an_error() -> None:
    date = parse_date("  ")
    assert date.precision is DatePrecision.UNKNOWN and date.start is None and date.iso() == ""


def test_iso_form_follows_precision() -> None:
    assert [parse_date(t).iso() for t in ("2019-03-04", "2019-03", "2019", "early 2019")] == [
        "2019-03-04",
        "2019-03",
        "2019",
        "2019-01-01/2019-04-30",
    ]
