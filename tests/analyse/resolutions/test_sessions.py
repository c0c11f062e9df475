"""Sessions-to-date arithmetic: General Assembly and Human Rights Council sessions, due points and rhythms."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hrdmap.analyse.resolutions.sessions import (
    find_due_points,
    find_recurrence,
    ga_session_dates,
    ga_session_on,
    hrc_session_dates,
    hrc_session_on_or_after,
    ordinal_value,
    session_dates,
)
from hrdmap.domain.mandates import Body, Recurrence

D = dt.date


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("first", 1),
        ("twelfth", 12),
        ("twentieth", 20),
        ("twenty-fifth", 25),
        ("Seventy-third", 73),
        ("eighty-first", 81),
        ("eighty-second", 82),
        ("eightieth", 80),
        ("ninety-ninth", 99),
        ("hundredth", 100),
        ("one hundred and first", 101),
        ("73rd", 73),
        ("1st", 1),
        ("22nd", 22),
        ("seventy\u2011third", 73),  # non-breaking hyphen, as PDFs print it
    ],
)
def test_ordinals_in_words_and_digits(text: str, value: int) -> None:
    assert ordinal_value(text) == value


@pytest.mark.parametrize("text", ["seventy", "third-seventy", "session", "73", ""])
def test_words_that_are_not_ordinals(text: str) -> None:
    assert ordinal_value(text) is None


@pytest.mark.parametrize(
    ("session", "opens"),
    [
        (71, D(2016, 9, 13)),
        (72, D(2017, 9, 12)),
        (73, D(2018, 9, 18)),
        (74, D(2019, 9, 17)),
        (76, D(2021, 9, 14)),
        (77, D(2022, 9, 13)),
        (78, D(2023, 9, 5)),  # from the 78th session the Assembly opens a week earlier
        (79, D(2024, 9, 10)),
        (80, D(2025, 9, 9)),
    ],
)
def test_general_assembly_sessions_open_on_their_real_days(session: int, opens: D) -> None:
    assert ga_session_dates(session)[0] == opens


def test_the_73rd_session_runs_from_september_2018_to_september_2019() -> None:
    opens, closes = ga_session_dates(73)
    assert (opens, closes) == (D(2018, 9, 18), D(2019, 9, 16))


def test_the_main_part_ends_in_december() -> None:
    assert ga_session_dates(74, "main part") == (D(2019, 9, 17), D(2019, 12, 31))


@pytest.mark.parametrize(
    ("day", "session"),
    [(D(2019, 3, 1), 73), (D(2018, 9, 17), 72), (D(2018, 9, 18), 73), (D(2026, 3, 31), 80)],
)
def test_which_general_assembly_session_sits_on_a_day(day: D, session: int) -> None:
    assert ga_session_on(day) == session


@pytest.mark.parametrize(
    ("session", "opens", "closes"),
    [
        (1, D(2006, 6, 19), D(2006, 6, 30)),
        (6, D(2007, 9, 10), D(2007, 12, 14)),
        (7, D(2008, 2, 25), D(2008, 4, 4)),
        (37, D(2018, 2, 26), D(2018, 4, 6)),
        (38, D(2018, 6, 18), D(2018, 7, 13)),
        (39, D(2018, 9, 10), D(2018, 10, 12)),
        (55, D(2024, 2, 26), D(2024, 4, 5)),
    ],
)
def test_human_rights_council_sessions(session: int, opens: D, closes: D) -> None:
    assert hrc_session_dates(session) == (opens, closes)


def test_the_council_session_after_a_day() -> None:
    assert hrc_session_on_or_after(D(2018, 5, 1)) == 38
    assert hrc_session_on_or_after(D(2024, 3, 1)) == 55


def test_other_bodies_get_the_calendar_year() -> None:
    assert session_dates(Body.ECOSOC, 73) == (D(2018, 1, 1), D(2018, 12, 31))


@pytest.mark.parametrize("body", list(Body))
def test_session_zero_is_refused_with_a_reason(body: Body) -> None:
    with pytest.raises(ValueError, match="numbered from 1"):
        session_dates(body, 0)


@given(st.integers(min_value=1, max_value=150))
def test_general_assembly_sessions_follow_each_other_without_gap(session: int) -> None:
    opens, closes = ga_session_dates(session)
    assert opens.month == 9 and opens.weekday() == 1  # a Tuesday in September
    assert opens.year == 1945 + session
    assert ga_session_dates(session + 1)[0] == closes + dt.timedelta(days=1)


@given(st.integers(min_value=1, max_value=150))
def test_council_sessions_do_not_overlap_and_come_three_a_year(session: int) -> None:
    opens, closes = hrc_session_dates(session)
    assert opens < closes < hrc_session_dates(session + 1)[0]
    if session >= 7:
        assert hrc_session_dates(session + 3)[0].year == opens.year + 1


def _due(
    text: str, body: Body = Body.GA, session: int | None = None
) -> list[tuple[str, Body | None, int | None]]:
    return [(d.text, d.body, d.session) for d in find_due_points(text, body, session)]


def test_a_session_in_words_belongs_to_the_adopting_body() -> None:
    points = find_due_points("to submit a report at its seventy-third session", Body.GA)
    assert [(p.body, p.session, p.opens, p.text) for p in points] == [
        (Body.GA, 73, D(2018, 9, 18), "at its seventy-third session")
    ]


def test_a_session_in_digits() -> None:
    assert _due("to report to it at its 73rd session") == [("at its 73rd session", Body.GA, 73)]


def test_its_session_belongs_to_the_body_named_just_before() -> None:
    text = (
        "to submit a report to the Human Rights Council at its twenty-fifth session and to the General "
        "Assembly "
        "at its sixty-eighth session"
    )
    assert _due(text, Body.HRC) == [
        ("at its twenty-fifth session", Body.HRC, 25),
        ("at its sixty-eighth session", Body.GA, 68),
    ]


def test_a_session_of_a_named_body() -> None:
    assert _due("by the end of the eightieth session of the Assembly") == [
        ("by the end of the eightieth session of the Assembly", Body.GA, 80)
    ]


def test_the_next_session_counts_from_the_session_of_adoption() -> None:
    assert _due("to report thereon at its next session", Body.HRC, 36) == [
        ("at its next session", Body.HRC, 37)
    ]
    assert _due("to report thereon at its next session", Body.GA, None) == []


def test_the_main_part_of_a_session() -> None:
    (point,) = find_due_points("at the main part of its seventy-fourth session", Body.GA)
    assert (point.session, point.part, point.closes) == (74, "main part", D(2019, 12, 31))


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("at the resumed part of its seventy-fourth session", None),
        ("à la partie principale de sa soixante-quatorzième session", "main part"),
    ],
)
def test_the_part_of_a_session_in_each_language(text: str, part: str | None) -> None:
    (point,) = find_due_points(text, Body.GA)
    assert (point.session, point.part) == (74, part)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("for presentation to Member States by the end of June 2026", D(2026, 6, 30)),
        ("by mid-December 2026", D(2026, 12, 15)),
        ("by mid- February 2027", D(2027, 2, 15)),
        ("by 1 May 2026", D(2026, 5, 1)),
        ("no later than 30 April 2027", D(2027, 4, 30)),
        ("before the end of 2026", D(2026, 12, 31)),
        ("by the beginning of March 2027", D(2027, 3, 1)),
    ],
)
def test_calendar_deadlines(text: str, day: D) -> None:
    (point,) = find_due_points(text, Body.GA)
    assert (point.body, point.session, point.opens, point.closes) == (None, None, day, day)


def test_due_points_come_in_order_of_mention() -> None:
    text = "resume its work by 1 May 2026 and conclude it no later than 30 April 2027"
    assert [p.closes for p in find_due_points(text, Body.GA)] == [D(2026, 5, 1), D(2027, 4, 30)]


def test_an_impossible_date_is_not_a_due_point() -> None:
    assert find_due_points("by 31 February 2026", Body.GA) == []


@pytest.mark.parametrize(
    ("text", "rhythm"),
    [
        ("to continue to report annually to the Council", Recurrence.ANNUAL),
        ("to submit on a yearly basis a report", Recurrence.ANNUAL),
        ("to include it in his annual report", Recurrence.ANNUAL),
        ("to report biennially", Recurrence.BIENNIAL),
        ("to report every two years", Recurrence.BIENNIAL),
        ("to hold a panel every three years", Recurrence.TRIENNIAL),
        ("to provide an oral update at each of its sessions", Recurrence.EVERY_SESSION),
        ("to regularly review mechanisms", Recurrence.PERIODIC),
        ("to share information on a regular basis", Recurrence.PERIODIC),
        ("to make available, on an ongoing basis, information", Recurrence.ONGOING),
        ("to submit a report at its seventy-third session", None),
    ],
)
def test_rhythms(text: str, rhythm: Recurrence | None) -> None:
    assert find_recurrence(text) is rhythm


@pytest.mark.parametrize(
    ("text", "body", "session", "expected"),
    [
        ("présenter un rapport au Conseil à sa cinquante-cinquième session", Body.HRC, 52, (Body.HRC, 55)),
        ("un rapport à l'Assemblée générale à sa quatre-vingt-unième session", Body.GA, 79, (Body.GA, 81)),
        ("lors de sa soixante et onzième session", Body.GA, 70, (Body.GA, 71)),
        ("et de lui faire rapport à sa prochaine session", Body.HRC, 52, (Body.HRC, 53)),
        ("a la Asamblea General en su octogésimo primer período de sesiones", Body.GA, 79, (Body.GA, 81)),
        ("al Consejo en su quincuagésimo quinto período de sesiones", Body.HRC, 52, (Body.HRC, 55)),
        ("en su 55º período de sesiones", Body.HRC, 52, (Body.HRC, 55)),
    ],
)
def test_french_and_spanish_sessions_are_due_points(text: str, body: Body, session: int,
                                                    expected: tuple[Body, int]) -> None:
    # Issue 12, finding 3: a French or Spanish request's due point was missed (ordinals read in English only).
    (point,) = find_due_points(text, body, session)
    assert (point.body, point.session) == expected
