"""docs/search.md stays in step with the code it documents."""

from __future__ import annotations

from pathlib import Path

from hrdmap.search import backend_names

DOC = Path(__file__).resolve().parents[2] / "docs" / "search.md"


def test_every_backend_and_query_operator_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    for name in backend_names():
        assert f"`{name}`" in text
    operators = ("HRDMAP_SEARCH", "`OR`", "`NOT killed`", "`-killed`", "`defend*`", '`"human rights', '`"defender"`')
    for operator in operators:
        assert operator in text


def test_word_forms_are_documented_for_every_stemmed_language() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert "## Word forms" in text
    for language in ("English", "French", "Spanish", "Russian", "Arabic"):
        assert language in text.split("## Word forms")[1]
