"""The UN masthead: the lines above a document's title that are metadata, not text."""

from __future__ import annotations

import pytest

from hrdmap.structure.masthead import is_masthead_line, masthead_indices


def test_the_lines_of_a_un_masthead_above_the_title_are_found() -> None:
    header = [
        "FICTIONAL EXAMPLE written for the hrdmap project, not a real submission.",
        "United Nations A/HRC/EX/1",
        "General Assembly Distr.: General 20 April 2026",
        "Original: English",
        "Human Rights Council",
        "Sixty-second session 15 June–10 July 2026 Agenda item 3",
        "Promotion and protection of all human rights, civil, political, economic, social and cultural rights",
        "Resolution adopted by the Human Rights Council on 5 July 2026",
    ]
    # The agenda item's title follows "Agenda item 3"; the adoption line is the document's own.
    assert masthead_indices(header) == {1, 2, 3, 4, 5, 6}


def test_the_old_masthead_split_into_words_is_found() -> None:
    header = [
        "UNITED",
        "NATIONS A",
        "General Assembly Distr. GENERAL",
        "A/HRC/WG.6/7/SVN/1 3 November 2009",
        "Original: ENGLISH",
        "HUMAN RIGHTS COUNCIL Working Group on the Universal Periodic Review Seventh session Geneva, 8-19 "
        "February 2010",
    ]
    assert masthead_indices(header) == set(range(6))


def test_a_contribution_without_a_masthead_has_no_masthead_lines() -> None:
    header = ["Human Rights Council resolution 22/6", "Contribution of Norway", "21 June 2024"]
    assert masthead_indices(header) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Fifth Committee", True),
        ("Working Group on the Universal Periodic Review Twentieth session", True),
        ("27 October–7 November 2014", True),
        ("Geneva, 8-19 February 2010", True),
        ("Report of the Human Rights Council on its twenty-eighth session", False),
        ("28/111.", False),
        ("Slovenia", False),
    ],
)
def test_masthead_lines(text: str, expected: bool) -> None:
    assert is_masthead_line(text) is expected
