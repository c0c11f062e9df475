"""Symbol, date and title read from a document's header."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from hrdmap.domain.document import Block, BlockKind
from hrdmap.structure.metadata import SYMBOL, find_date, find_symbol, find_title, is_meaningful_title

MASTHEAD = [
    "United Nations A/HRC/38/18",
    "General Assembly",
    "Distr.: General",
    "4 January 2010",
    "Original: English",
    "Human Rights Council",
    "Thirty-eighth session",
    "18 June–6 July 2018",
    "Agenda item 3",
    "Situation of human rights defenders",
    "1. In its resolution 72/247 (see A/RES/72/247), the General Assembly requested a report.",
]


@pytest.mark.parametrize(
    "symbol",
    [
        "A/RES/72/247",
        "A/HRC/RES/22/6",
        "A/73/230",
        "A/HRC/38/18",
        "E/2018/64",
        "A/HRC/WG.6/7/SVN/1",
        "A/HRC/WG.6/20/SVN/2/Corr.1",
        "A/HRC/DEC/14/105",
        "A/C.5/78/34",
        "CCPR/C/GC/37",
        "CRC/C/GC/25",
        "E/CN.4/2005/L.10",
        "A/HRC/14/15/Add.1",
        "A/HRC/S-20/2",
        "S/2018/1034",
    ],
)
def test_un_symbols_are_recognised_whole(symbol: str) -> None:
    assert [m.group() for m in SYMBOL.finditer(f"see {symbol}, para. 3.")] == [symbol]


@pytest.mark.parametrize(
    "text", ["and/or", "12/03/2018", "TCP/IP", "A/HRC", "https://undocs.org/en/a/73/230"]
)
def test_look_alikes_are_not_symbols(text: str) -> None:
    assert SYMBOL.search(text) is None


def test_symbol_in_the_masthead_wins_over_symbols_cited_before_it() -> None:
    header = ["Reference: A/RES/72/247", *MASTHEAD]
    assert find_symbol(header) == "A/HRC/38/18"


def test_symbol_cited_in_the_text_is_not_the_documents() -> None:
    assert find_symbol(MASTHEAD[-1:]) is None


def test_declared_title_that_is_a_symbol_gives_the_symbol() -> None:
    assert (
        find_symbol(["Contribution of Norway"], "A/HRC/WG.6/20/SVN/2/Corr.1") == "A/HRC/WG.6/20/SVN/2/Corr.1"
    )


def test_distribution_date_is_the_documents_date() -> None:
    assert find_date(MASTHEAD) == dt.date(2010, 1, 4)
    assert find_date(["Distr.: General 4 January 2010"]) == dt.date(2010, 1, 4)


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("21 June 2024", dt.date(2024, 6, 21)),
        ("Geneva, 31 March 2026", dt.date(2026, 3, 31)),
        ("June 21, 2024", dt.date(2024, 6, 21)),
        ("Genève, le 21 juin 2024", dt.date(2024, 6, 21)),
        ("1er janvier 2020", dt.date(2020, 1, 1)),
        ("Ginebra, 21 de junio de 2024", dt.date(2024, 6, 21)),
        ("5 de septiembre del 2019", dt.date(2019, 9, 5)),
        ("2024-06-21", dt.date(2024, 6, 21)),
        ("21 июня 2024 года", dt.date(2024, 6, 21)),
        ("2024年6月21日", dt.date(2024, 6, 21)),
        ("7 September2015", dt.date(2015, 9, 7)),
    ],
)
def test_stated_dates_in_english_french_spanish_and_iso(line: str, date: dt.date) -> None:
    assert find_date([line]) == date


def test_session_ranges_and_cited_dates_are_not_the_documents_date() -> None:
    assert find_date(["18 June–6 July 2018", MASTHEAD[-1]]) is None
    assert find_date(["See resolution of 21 December 2017"]) is None
    assert find_date(["31 February 2024"]) is None


def test_declared_date_is_the_fallback() -> None:
    assert find_date(["Contribution"], "2024-06-21T09:00:00+00:00") == dt.date(2024, 6, 21)
    assert find_date([], "Fri, 21 Jun 2024 10:00:00 +0200") == dt.date(2024, 6, 21)
    assert find_date([], "D:20240621103000Z") == dt.date(2024, 6, 21)
    assert find_date([], "not a date") is None


@pytest.mark.parametrize(
    "title",
    [
        "Microsoft Word - A_HRC_38_18.docx",
        "Microsoft Word - contribution.doc",
        "Document1",
        "Untitled",
        "A/HRC/38/18",
        "g0916919",
        "report_final_v2",
        "x.pdf",
        "",
    ],
)
def test_file_names_templates_and_symbols_are_not_titles(title: str) -> None:
    assert not is_meaningful_title(title)


def test_title_is_the_title_block_else_the_declared_one_when_meaningful() -> None:
    blocks = [Block(0, BlockKind.TITLE, "Situation of human rights defenders")]
    assert find_title("Input of Norway to the assessment", blocks) == "Situation of human rights defenders"
    assert find_title("Input of Norway to the assessment", []) == "Input of Norway to the assessment"
    assert find_title("Microsoft Word - x.doc", []) is None
    assert find_title(None, []) is None


def test_symbols_of_hrc_documents_match_huridocs_gold(shared_data: Path) -> None:
    """Gold: 2,774 front pages of A/HRC documents. Labels ending in punctuation are symbols cited in the text
    ("A/HRC/33/54.") put there by the labelling, not the documents' own; they are left out."""
    items = json.loads(
        (shared_data / "huridocs-hrc-doc-metadata/rightstaging_symbol__labels_fixed.json").read_text()
    )
    clean = [i for i in items if i["label"][-1] not in ".;),"]
    right = 0
    for item in clean:
        lines = [line for line in item["text"].split("\n") if line.strip()]
        found = find_symbol(lines)
        right += found is not None and (
            item["label"].rstrip("*") == found or item["label"].startswith(found + "–")
        )
    assert right / len(clean) >= 0.99


def test_the_title_block_wins_over_a_declared_title_and_a_heading_is_never_the_title() -> None:
    from hrdmap.domain.document import Block, BlockKind
    from hrdmap.structure.metadata import find_title

    title = Block(0, BlockKind.TITLE, "ADVANCE QUESTIONS TO SLOVENIA")
    assert find_title("ADVANCE QUESTIONS TO QATAR", [title]) == "ADVANCE QUESTIONS TO SLOVENIA"
    assert find_title("ADVANCE QUESTIONS TO QATAR", []) == "ADVANCE QUESTIONS TO QATAR"
    assert find_title("I. Introduction", []) is None
    assert find_title("UPR20_ Slovenia_ThematicListRecommendations_E", []) is None
