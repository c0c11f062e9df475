"""Citations name the parent paragraph ("para. 12 (a)") and never a bullet."""

from __future__ import annotations

from hrdmap.domain.citation import cite, paragraph_citation
from hrdmap.domain.document import Block, BlockKind

P, L, H = BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.HEADING


def _blocks(*rows: tuple[BlockKind, str | None, str | None, int]) -> list[Block]:
    return [Block(i, kind, f"text {i}", label, number, level) for i, (kind, label, number, level) in enumerate(rows)]


def test_a_sub_paragraph_is_cited_with_its_paragraph() -> None:
    blocks = _blocks((P, "12.", "12", 0), (L, "(a)", "a", 1), (L, "(b)", "b", 1), (L, "(i)", "i", 2))
    assert [paragraph_citation(blocks, i) for i in range(4)] == ["12", "12 (a)", "12 (b)", "12 (b) (i)"]
    assert cite(paragraph_citation(blocks, 2)) == "para. 12 (b)"


def test_a_bullet_is_cited_by_the_paragraph_that_holds_it() -> None:
    blocks = _blocks((P, "7.", "7", 0), (L, "•", None, 1), (L, "-", None, 1))
    assert paragraph_citation(blocks, 1) == "7"
    assert paragraph_citation(blocks, 2) == "7"


def test_a_sub_paragraph_left_flat_by_structure_still_finds_its_paragraph() -> None:
    blocks = _blocks((P, "3.", "3", 0), (P, "(a)", "a", 0), (P, "b)", "b", 0))
    assert paragraph_citation(blocks, 1) == "3 (a)"
    assert paragraph_citation(blocks, 2) == "3 (b)"


def test_nothing_is_cited_without_a_numbered_paragraph() -> None:
    blocks = _blocks((P, None, None, 0), (L, "•", None, 1), (L, "(a)", "a", 1), (P, None, None, 0))
    assert [paragraph_citation(blocks, i) for i in range(4)] == [None, None, None, None]
    assert cite(None) == ""


def test_a_heading_ends_the_search_for_a_parent() -> None:
    blocks = _blocks((P, "4.", "4", 0), (H, "B.", "B", 2), (L, "(a)", "a", 0))
    assert paragraph_citation(blocks, 2) is None


def test_upr_outline_numbers_are_their_own_citation() -> None:
    blocks = _blocks((P, "98.", "98", 0), (P, "98.12.", "98.12", 1))
    assert paragraph_citation(blocks, 1) == "98.12"
