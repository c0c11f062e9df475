from __future__ import annotations

import datetime as dt

from hrdmap.reports.labels import builtin_labels
from hrdmap.reports.map.data import DocumentRef, Paragraph, build_map

AT = dt.datetime(2026, 11, 24, tzinfo=dt.UTC)


def test_the_human_rights_council_is_one_column_of_the_entity_matrix() -> None:
    paragraph = Paragraph(
        block_id=1,
        document_id=1,
        text="The Human Rights Council and UNDP convened a dialogue with defenders.",
        label="1.",
        heading_path=(),
        labels={"hrd-areas": frozenset({"A"}), "un-entities": frozenset({"HRC", "UNDP"}),
                "mechanisms": frozenset({"HRC"})},
    )
    data = build_map([paragraph], {1: DocumentRef(1, None, "Input", "input.txt")}, AT, builtin_labels())
    matrix = next(m for m in data.matrices if m.id == "area-entity")
    assert [c.key for c in matrix.columns] == ["un-entities:UNDP", "mechanisms:HRC"]
