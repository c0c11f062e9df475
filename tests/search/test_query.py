"""Reading the search box: words, phrases, OR, exclusions, and syntax that must never fail."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from hrdmap.search.query import CHARS_FIELD, MAX_CLAUSES, TERMS_FIELD, Clause, Phrase, parse_query


def terms(query: str) -> list[list[tuple[str, ...]]]:
    return [[p.terms for p in c.alternatives] for c in parse_query(query).clauses]


def test_words_are_separate_clauses_and_split_words_are_phrases() -> None:
    assert terms('Defenders A/HRC/38/18 "human rights"') == [
        [("defenders",)],
        [("a", "hrc", "38", "18")],
        [("human", "rights")],
    ]


def test_or_joins_neighbours_and_and_is_ignored() -> None:
    assert terms("defenders OR activists AND killed") == [[("defenders",), ("activists",)], [("killed",)]]
    assert terms("OR defenders OR") == [[("defenders",)]]
    assert terms("or and") == [[("or",)], [("and",)]]


def test_minus_and_not_exclude() -> None:
    parsed = parse_query('defenders -killed NOT "death penalty" non-governmental')
    assert [c.excluded for c in parsed.clauses] == [False, True, True, False]
    assert parsed.clauses[3] == Clause((Phrase(TERMS_FIELD, ("non", "governmental")),))
    assert parsed.highlight_terms() == {"defenders", "non", "governmental"}


def test_a_lone_cjk_character_searches_the_character_field() -> None:
    assert parse_query("权").clauses == (Clause((Phrase(CHARS_FIELD, ("权",)),)),)
    assert parse_query("人权").clauses == (Clause((Phrase(TERMS_FIELD, ("人权",)),)),)


def test_punctuation_alone_is_no_query() -> None:
    assert parse_query('() "" - * :').clauses == ()


def test_very_long_queries_are_capped() -> None:
    assert len(parse_query(" ".join(f"w{i}" for i in range(500))).clauses) == MAX_CLAUSES


@given(st.text(max_size=60))
def test_any_text_parses(text: str) -> None:
    for clause in parse_query(text).clauses:
        assert all(phrase.terms for phrase in clause.alternatives)


def test_a_trailing_star_makes_the_last_term_a_prefix() -> None:
    parsed = parse_query('defend* "human rig*" A/HRC/38/* 人*')
    assert [(p.terms, p.prefix) for c in parsed.clauses for p in c.alternatives] == [
        (("defend",), True),
        (("human", "rig"), True),
        (("a", "hrc", "38"), False),
        (("人",), False),
    ]
    assert parsed.highlight_terms() == {"human", "a", "hrc", "38", "人"}
    assert parsed.highlight_prefixes() == {"defend", "rig"}


def test_unquoted_single_words_carry_their_stems_and_the_rest_do_not() -> None:
    parsed = parse_query('defenders "defenders" defend* "human rights" A/HRC/38/18 人权 правозащитники', ["en"])
    assert [p.stems for c in parsed.clauses for p in c.alternatives] == [
        ("endefend",),
        (),
        (),
        (),
        (),
        (),
        ("ruправозащитник",),
    ]
    assert parsed.highlight_stems() == {"endefend", "ruправозащитник"}


def test_without_a_language_filter_latin_words_are_stemmed_in_english_french_and_spanish() -> None:
    [clause] = parse_query("defensoras").clauses
    assert clause.alternatives[0].stems == ("endefensora", "frdefensor", "esdefensor")
