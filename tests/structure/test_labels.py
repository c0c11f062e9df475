"""Numbering labels as UN documents print them, and the look-alikes that are not labels."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hrdmap.structure.labels import LabelReader, LabelStyle, roman_value


def split(text: str, *, heading: bool = False) -> tuple[str | None, str | None, str]:
    label, rest = LabelReader().split(text, heading=heading)
    return (label.printed if label else None, label.number if label else None, rest)


@pytest.mark.parametrize(
    ("text", "printed", "number", "rest"),
    [
        (
            "12. Requests the Secretary-General to submit",
            "12.",
            "12",
            "Requests the Secretary-General to submit",
        ),
        ("98.12. Ratify the Convention (France);", "98.12.", "98.12", "Ratify the Convention (France);"),
        ("98.12 Ratify the Convention (France);", "98.12", "98.12", "Ratify the Convention (France);"),
        (
            "121.1 Consider ratifying the Optional Protocol",
            "121.1",
            "121.1",
            "Consider ratifying the Optional Protocol",
        ),
        ("1.1 Background", "1.1", "1.1", "Background"),
        ("(a) To submit a report;", "(a)", "a", "To submit a report;"),
        ("(iv) Migrants;", "(iv)", "iv", "Migrants;"),
        ("a) Velar por que", "a)", "a", "Velar por que"),
        ("(1) first", "(1)", "1", "first"),
        ("I. Introduction", "I.", "I", "Introduction"),
        ("IV. Conclusions and recommendations", "IV.", "IV", "Conclusions and recommendations"),
        (
            "A. Dialogue between Governments and defenders",
            "A.",
            "A",
            "Dialogue between Governments and defenders",
        ),
        ("III. STEPS TAKEN", "III.", "III", "STEPS TAKEN"),
        ("• Training of journalists", "•", None, "Training of journalists"),
        ("- Training of journalists", "-", None, "Training of journalists"),
        ("12- يطلب إلى الأمين العام", "12-", "12", "يطلب إلى الأمين العام"),
    ],
)
def test_labels_of_un_documents_are_split_off_and_normalised(
    text: str, printed: str, number: str | None, rest: str
) -> None:
    assert split(text) == (printed, number, rest)


@pytest.mark.parametrize(
    "text",
    [
        "2018. The year saw a rise in attacks.",  # a year is not a paragraph number
        "1. January was the month of the elections.",  # a date
        "3.5 million people were displaced.",  # a quantity
        "2.5 per cent of the budget",
        "A. Smith said that the Government had failed to act on the complaints of defenders.",
        "J. A. Smith, journalist",  # initials of a name
        "12.The label is not followed by a space",
        "12.",  # a label with no text
        "(a)",
        "e.g. the Special Rapporteur",
        "1998 was the year of the Declaration",
        "OK. Fine",
    ],
)
def test_look_alikes_are_not_labels(text: str) -> None:
    assert split(text)[0] is None


def test_a_capital_letter_with_a_sentence_is_a_label_when_it_continues_a_sequence() -> None:
    reader = LabelReader()
    assert reader.split("A. Dialogue", heading=True)[0] is not None
    label, rest = reader.split("B. Smith and others reported threats against defenders in the region.")
    assert label is not None and label.number == "B"


def test_a_heading_block_may_start_with_a_capital_letter_label() -> None:
    assert split("A. Smith said", heading=True)[:2] == ("A.", "A")


def test_i_after_h_is_a_letter_and_after_nothing_a_roman_numeral() -> None:
    reader = LabelReader()
    styles = [reader.split(f"({x}) item;")[0] for x in "fghi"]
    assert [s.style if s else None for s in styles][-1] is LabelStyle.LOWER_LETTER

    reader = LabelReader()
    first, _ = reader.split("(i) first;")
    assert first is not None and first.style is LabelStyle.LOWER_ROMAN


def test_v_and_x_continue_roman_sequences_and_letter_sequences() -> None:
    reader = LabelReader()
    labels = [reader.split(f"({x}) item;")[0] for x in ("i", "ii", "iii", "iv", "v")]
    assert labels[-1] is not None and labels[-1].style is LabelStyle.LOWER_ROMAN
    reader = LabelReader()
    labels = [reader.split(f"({x}) item;")[0] for x in ("t", "u", "v")]
    assert labels[-1] is not None and labels[-1].style is LabelStyle.LOWER_LETTER


def test_capital_i_after_h_is_a_letter_even_with_numbered_paragraphs_between() -> None:
    reader = LabelReader()
    reader.split("H. Capacity-building and training", heading=True)
    reader.split("45. Many entities train defenders.")
    label, _ = reader.split("I. Follow-up", heading=True)
    assert label is not None and label.style is LabelStyle.UPPER_LETTER


def test_word_auto_numbers_are_parsed_and_unknown_forms_kept() -> None:
    reader = LabelReader()
    assert reader.parse("12.").number == "12"
    assert reader.parse("(b)").number == "b"
    other = reader.parse("Art. 3:")
    assert other.style is LabelStyle.OTHER and other.printed == "Art. 3:" and other.number == "Art. 3"


def test_roman_values() -> None:
    assert [roman_value(r) for r in ("i", "iv", "IX", "xii", "XL", "abc", "iiii")] == [
        1,
        4,
        9,
        12,
        40,
        None,
        None,
    ]


def test_upr_recommendation_numbers_match_huridocs_gold(shared_data: Path) -> None:
    gold = json.loads(
        (shared_data / "huridocs-hrc-doc-metadata/upr_paragraph_numbers__labels.json").read_text()
    )
    wrong = []
    for item in gold:
        label, _ = LabelReader().split(item["text"].strip())
        if (label.number if label else None) != item["label"]:
            wrong.append((item["text"][:40], item["label"]))
    assert len(gold) > 200 and not wrong
