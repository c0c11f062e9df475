"""Folding and tokenising: what a paragraph becomes in the index, and how terms point back at the text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hrdmap.search.analysis import MAX_TERM_CHARS, analyse, find_terms, fold


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Défenseurs ÀÉÎÕÜ Çà", "defenseurs aeiou ca"),
        ("Straße İstanbul ﬁnance ＡＢＣ１２", "strasse istanbul finance abc12"),
        ("ЗАЩИТНИКИ ёлка Йошкар", "защитники елка йошкар"),
        ("أمن إنسان آمال ٱلله", "امن انسان امال الله"),
        ("مُدافِعَة", "مدافعه"),
        ("مستشفى", "مستشفي"),
        ("حـــقوق", "حقوق"),
        ("٣٨ ۱۸", "38 18"),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_words_are_split_at_anything_but_letters_and_digits() -> None:
    assert analyse("A/HRC/38/18 don't (a) 98.12 well-being_x").terms == [
        "a",
        "hrc",
        "38",
        "18",
        "don",
        "t",
        "a",
        "98",
        "12",
        "well",
        "being",
        "x",
    ]


def test_chinese_runs_become_bigrams_and_single_characters() -> None:
    analysed = analyse("人权维护者，人。UN人权")
    assert analysed.terms == ["人权", "权维", "维护", "护者", "人", "un", "人权"]
    assert analysed.chars == ["人", "权", "维", "护", "者", "人", "人", "权"]


def test_overlong_words_are_not_indexed() -> None:
    assert analyse("x" * (MAX_TERM_CHARS + 1) + " defenders").terms == ["defenders"]


def test_matches_point_at_the_original_characters() -> None:
    text = "Les Défenseurs, ﬁnance, الإنسان, حـــقوق, humans"
    terms = frozenset({"defenseurs", "finance", "الانسان", "حقوق", "human"})
    assert [text[start:end] for start, end in find_terms(text, terms)] == [
        "Défenseurs",
        "ﬁnance",
        "الإنسان",
        "حـــقوق",
    ]


def test_matches_respect_word_edges_but_cjk_bigrams_overlap() -> None:
    text = "UN人权维护者 rights-based"
    found = find_terms(text, frozenset({"un", "人权", "权维", "rights", "based", "righ"}))
    assert [text[start:end] for start, end in found] == ["UN", "人权", "权维", "rights", "based"]


@given(st.text(max_size=80))
def test_every_indexed_term_is_found_where_the_text_yields_it(text: str) -> None:
    analysed = analyse(text)
    for term in set(analysed.terms + analysed.chars):
        spans = find_terms(text, frozenset({term}))
        assert spans
        for start, end in spans:
            piece = analyse(text[start:end])
            assert term in piece.terms + piece.chars
