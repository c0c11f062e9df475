"""Snippets: a readable piece of the paragraph with the matches marked."""

from __future__ import annotations

from hrdmap.search.base import HIGHLIGHT_END, HIGHLIGHT_START
from hrdmap.search.snippets import SNIPPET_CHARS, make_snippet


def plain(snippet: str) -> str:
    return snippet.replace(HIGHLIGHT_START, "[").replace(HIGHLIGHT_END, "]")


def test_short_paragraphs_are_whole_with_each_match_marked() -> None:
    assert plain(make_snippet("Human rights defenders and human rights.", frozenset({"human"}))) == (
        "[Human] rights defenders and [human] rights."
    )


def test_overlapping_cjk_bigrams_are_marked_once() -> None:
    assert plain(make_snippet("保护人权维护者。", frozenset({"人权", "权维"}))) == "保护[人权维]护者。"


def test_long_paragraphs_are_cut_at_spaces_around_the_densest_matches() -> None:
    text = " ".join(f"word{i}" for i in range(100)) + " defenders met defenders " + " ".join(["tail"] * 100)
    snippet = plain(make_snippet(text, frozenset({"defenders"})))
    assert snippet.startswith("…word") and snippet.endswith("tail…")
    assert "[defenders] met [defenders]" in snippet
    assert len(snippet) <= SNIPPET_CHARS + 2 + 4


def test_without_a_match_the_snippet_is_the_start() -> None:
    text = "Opening words. " * 40
    snippet = make_snippet(text, frozenset({"absent"}))
    assert snippet.startswith("Opening words.") and snippet.endswith("…")
    assert HIGHLIGHT_START not in snippet
