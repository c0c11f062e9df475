"""The chain of parent styles that Word and ODF styles share."""

from __future__ import annotations

from hrdmap.ingest.style_chain import MAX_CHAIN, style_chain

PARENTS = {"Heading": "Body", "Body": "Default", "Default": None}


def test_a_style_comes_first_then_its_ancestors_until_one_has_no_parent_or_is_unknown() -> None:
    chain = style_chain(PARENTS, "Heading", lambda parent: parent)
    assert [name for name, _ in chain] == ["Heading", "Body", "Default"]
    assert style_chain({"Orphan": "Missing"}, "Orphan", lambda parent: parent) == [("Orphan", "Missing")]
    assert style_chain(PARENTS, None, lambda parent: parent) == []


def test_a_loop_of_parents_ends_after_the_longest_chain() -> None:
    loop = {"A": "B", "B": "A"}
    assert len(style_chain(loop, "A", lambda parent: parent)) == MAX_CHAIN
