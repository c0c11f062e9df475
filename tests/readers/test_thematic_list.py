"""OHCHR thematic lists as published in other years (issue 12, finding 12): headers worded otherwise, groups
under "Groups of persons:", a misspelt recommending State. The lists are written here with python-docx."""

from __future__ import annotations

from pathlib import Path

import docx

from hrdmap.ingest.base import Limits
from hrdmap.readers.thematic_list import read_thematic_list


def write_list(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    document = docx.Document()
    document.core_properties.title = "UPR30 Chile Thematic list of recommendations"
    table = document.add_table(rows=1, cols=len(header))
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
    for values in rows:
        for cell, text in zip(table.add_row().cells, values, strict=True):
            cell.text = text
    document.save(path)
    return path


def test_a_recommendation_column_headed_with_the_recommending_state_is_read(tmp_path: Path) -> None:
    path = write_list(
        tmp_path / "list.docx",
        ["Recommendation and recommending State", "Position", "Full list of themes",
         "Assessment/comments on level of implementation"],
        [
            [
                "125.3 Adopt a law on the protection of defenders (Norway);\nSource of position: A/HRC/41/6/Add.1",
                "Supported",
                "D8 Rights related to name, identity, nationality\nGroups of Persons:\n- human rights defenders"
                "\n- journalists",
                "A recommendation whose implementation is not yet assessed",
            ]
        ],
    )
    parsed = read_thematic_list(path, Limits())
    assert parsed.problems == ()
    (row,) = parsed.rows
    record = row.record
    assert (record.paragraph, record.recommending_states, record.addressee) == ("125.3", ("Norway",), "Chile")
    assert [t.text for t in record.themes] == ["D8 Rights related to name, identity, nationality"]
    assert [t.name for t in record.groups] == ["human rights defenders", "journalists"]


def test_a_misspelt_recommending_state_keeps_the_row(tmp_path: Path) -> None:
    path = write_list(
        tmp_path / "list.docx",
        ["Recommendation", "Position"],
        [["125.4 Ratify the Optional Protocol (Chilie);\nSource of position: A/HRC/41/6/Add.1", "Noted"]],
    )
    (row,) = read_thematic_list(path, Limits()).rows
    assert (row.record.text, row.record.recommending_states) == ("Ratify the Optional Protocol", ("Chilie",))
