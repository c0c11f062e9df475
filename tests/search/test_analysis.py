"""Folding and tokenising: what a paragraph becomes in the index, and how terms point back at the text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hrdmap.search.analysis import (
    MAX_TERM_CHARS,
    analyse,
    analyse_paragraph,
    find_terms,
    fold,
    fold_table,
    word_stems,
)


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


def test_paragraphs_get_the_stems_of_their_words_in_their_language() -> None:
    analysed = analyse_paragraph("Défenseurs des droits, 2018 人权", "fr")
    assert analysed.terms == analyse("Défenseurs des droits, 2018 人权").terms
    assert analysed.stems == ["frdefenseur", "frde", "frdroit"]
    assert analyse_paragraph("المدافعة", "ar").terms == ["المدافعه"]


def test_a_query_word_has_stems_only_when_it_is_one_word_of_a_stemmed_script() -> None:
    assert word_stems("Défenseurs", ["fr"]) == ("frdefenseur",)
    assert word_stems("A/HRC/38/18") == ()
    assert word_stems("人权") == ()
    assert word_stems("...") == ()


def test_other_forms_of_a_word_point_at_the_original_characters() -> None:
    text = "Les Défenseurs, la défense; حماية المدافعين"
    stems = frozenset(word_stems("défenseur") + word_stems("مدافع"))
    spans = find_terms(text, frozenset(), stems=stems, language="fr")
    assert [text[start:end] for start, end in spans] == ["Défenseurs", "المدافعين"]


@given(st.text(max_size=80), st.sampled_from(["en", "fr", "es", "ru", "ar", "zh", None]))
def test_paragraph_terms_are_the_query_terms_and_every_stem_is_found(text: str, language: str | None) -> None:
    analysed = analyse_paragraph(text, language)
    assert (analysed.terms, analysed.chars) == (analyse(text).terms, analyse(text).chars)
    for stem in set(analysed.stems):
        assert find_terms(text, frozenset(), stems=frozenset({stem}), language=language)


def test_the_ascii_shortcut_folds_as_the_table_does() -> None:
    ascii_text = "".join(chr(code) for code in range(128))
    assert fold(ascii_text) == ascii_text.translate(fold_table())
