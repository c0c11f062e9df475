"""The behaviour users rely on, asserted the same way for every built-in back-end (``conftest.backend``)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import tantivy

from hrdmap.search import SearchIndexError, UnknownBackend, backend_names, open_backend
from hrdmap.search.base import HIGHLIGHT_END, HIGHLIGHT_START, SearchBackend, SearchQuery

from .factory import indexed, para


def ids(backend: SearchBackend, text: str, **filters: object) -> list[int]:
    return [hit.block_id for hit in backend.search(SearchQuery(text, **filters))]  # type: ignore[arg-type]


def marked(word: str) -> str:
    return f"{HIGHLIGHT_START}{word}{HIGHLIGHT_END}"


def test_every_builtin_backend_is_registered_and_keeps_the_protocol(backend: SearchBackend) -> None:
    assert isinstance(backend, SearchBackend)
    assert backend.name in backend_names()


def test_an_unknown_backend_name_is_refused_with_the_choices(tmp_path: Path) -> None:
    with pytest.raises(UnknownBackend, match="'elastic'.*sqlite, tantivy"):
        open_backend("elastic", tmp_path)


def test_a_paragraph_with_the_term_several_times_ranks_first(backend: SearchBackend) -> None:
    indexed(
        backend,
        para(1, "States should protect defenders and consult civil society on laws about assembly."),
        para(
            2,
            "Defenders, women defenders and environmental defenders face reprisals; defenders need support.",
        ),
        para(3, "The report covers the period from May to April."),
    )
    hits = backend.search(SearchQuery("defenders"))
    assert [h.block_id for h in hits] == [2, 1]
    assert hits[0].score > hits[1].score > 0


def test_all_words_must_match_and_any_word_when_none_has_all(backend: SearchBackend) -> None:
    indexed(
        backend,
        para(1, "Journalists were detained."),
        para(2, "Defenders and journalists were detained."),
        para(3, "Defenders were threatened."),
    )
    assert ids(backend, "defenders journalists") == [2]
    assert sorted(ids(backend, "journalists lawyers")) == [1, 2]


def test_or_accepts_either_word_and_minus_excludes(backend: SearchBackend) -> None:
    indexed(
        backend,
        para(1, "Activists were detained."),
        para(2, "Defenders were detained and later released."),
        para(3, "Defenders were threatened."),
    )
    assert sorted(ids(backend, "defenders OR activists detained")) == [1, 2]
    assert ids(backend, "defenders -threatened") == [2]
    assert ids(backend, "defenders NOT released") == [3]


def test_a_quoted_phrase_needs_its_words_together_and_in_order(backend: SearchBackend) -> None:
    indexed(
        backend,
        para(1, "The situation of human rights defenders worsened."),
        para(2, "Defenders of human rights met the rapporteur."),
    )
    assert ids(backend, '"human rights defenders"') == [1]
    assert sorted(ids(backend, "human rights defenders")) == [1, 2]
    assert ids(backend, "“human rights defenders”") == [1]


def test_each_filter_keeps_only_matching_paragraphs(backend: SearchBackend) -> None:
    indexed(
        backend,
        para(
            1, "Reprisals against defenders.", document_id=10, language="en", symbol="A/HRC/39/41", year=2018
        ),
        para(
            2,
            "Reprisals against defenders again.",
            document_id=11,
            language="fr",
            symbol="A/73/230",
            year=2019,
        ),
        para(
            3,
            "Reprisals against defenders, once more.",
            document_id=12,
            language="en",
            symbol=None,
            year=None,
        ),
    )
    assert sorted(ids(backend, "reprisals", document_ids=[10, 12])) == [1, 3]
    assert sorted(ids(backend, "reprisals", languages=["en"])) == [1, 3]
    assert sorted(ids(backend, "reprisals", languages=["EN", "ru"])) == [1, 3]
    assert ids(backend, "reprisals", symbols=["A/73/230"]) == [2]
    assert ids(backend, "reprisals", symbols=["a/hrc/39/41"]) == [1]
    assert ids(backend, "reprisals", languages=["en"], symbols=["A/73/230"]) == []


def test_year_ranges_include_their_bounds_and_skip_undated_paragraphs(backend: SearchBackend) -> None:
    indexed(backend, *(para(year - 2000, f"Defenders in {year}.", year=year) for year in range(2015, 2021)))
    backend.add([para(99, "Defenders, undated.", year=None)])
    backend.commit()
    assert sorted(ids(backend, "defenders", year_from=2018)) == [18, 19, 20]
    assert sorted(ids(backend, "defenders", year_to=2016)) == [15, 16]
    assert sorted(ids(backend, "defenders", year_from=2017, year_to=2018)) == [17, 18]
    assert ids(backend, "defenders", year_from=2019, year_to=2018) == []
    assert 99 in ids(backend, "defenders")


def test_filters_narrow_hits_without_changing_their_scores(backend: SearchBackend) -> None:
    indexed(
        backend,
        para(1, "Defenders met defenders.", language="en", year=2018),
        para(2, "Defenders met officials.", language="fr", year=2019),
    )
    unfiltered = {h.block_id: h.score for h in backend.search(SearchQuery("defenders"))}
    filtered = backend.search(SearchQuery("defenders", languages=["fr"], year_from=2019))
    assert [h.block_id for h in filtered] == [2]
    assert filtered[0].score == pytest.approx(unfiltered[2])


def test_accents_and_case_do_not_matter(backend: SearchBackend) -> None:
    indexed(
        backend,
        para(1, "Les DÉFENSEURS des droits de l'homme.", language="fr"),
        para(2, "Los defensores de derechos humanos en Perú.", language="es"),
    )
    assert ids(backend, "defenseurs") == [1]
    assert ids(backend, "Défenseurs") == [1]
    assert ids(backend, "peru") == [2]
    assert ids(backend, "PÉRÚ") == [2]


def test_arabic_letter_variants_diacritics_and_tatweel_are_folded(backend: SearchBackend) -> None:
    indexed(
        backend,
        para(1, "حماية المدافعين عن حقوق الإنسان", language="ar"),
        para(2, "المُدافِعة عن البيئة", language="ar"),
        para(3, "حـــقـــوق الطفل", language="ar"),
    )
    assert ids(backend, "الانسان") == [1]
    assert ids(backend, "المدافعه") == [2]
    assert sorted(ids(backend, "حقوق")) == [1, 3]


def test_chinese_is_found_by_two_characters_and_by_one(backend: SearchBackend) -> None:
    indexed(
        backend,
        para(1, "联合国支持人权维护者的工作。", language="zh"),
        para(2, "维护和平与安全。", language="zh"),
        para(3, "人民的权利。", language="zh"),
    )
    assert ids(backend, "人权") == [1]
    assert ids(backend, "人权维护者") == [1]
    assert sorted(ids(backend, "维护")) == [1, 2]
    assert sorted(ids(backend, "权")) == [1, 3]


def test_russian_is_matched_without_regard_to_case_or_yo(backend: SearchBackend) -> None:
    indexed(
        backend,
        para(1, "ПРАВОЗАЩИТНИКИ подвергаются угрозам.", language="ru"),
        para(2, "Её мнение учтено.", language="ru"),
    )
    assert ids(backend, "правозащитники") == [1]
    assert ids(backend, "ее") == [2]


@pytest.mark.parametrize(
    "query",
    [
        "A/HRC/38/18",
        '"98.12"',
        "(a)",
        "don't",
        '"unbalanced',
        "AND",
        "OR OR",
        "NOT",
        "-",
        "--x",
        "title:foo",
        "*",
        "defenders^2",
        "[1 TO 5]",
        "\\",
        '""',
        "'",
        "",
        "   ",
        "🙂",
        "a:b:c",
        "(((",
        "defenders~2",
        "+-!",
        "人",
        "«défenseurs»",
        "x" * 300,
        " ".join(["defenders"] * 200),
    ],
)
def test_odd_query_syntax_never_raises(backend: SearchBackend, query: str) -> None:
    indexed(backend, para(1, "98.12 (a) Defenders don't agree: see A/HRC/38/18."))
    hits = backend.search(SearchQuery(query))
    assert all(hit.block_id == 1 for hit in hits)


def test_symbols_numbers_and_contractions_in_queries_find_their_paragraph(backend: SearchBackend) -> None:
    indexed(
        backend,
        para(1, "98.12 The report (A/HRC/38/18) says States don't protect defenders."),
        para(2, "12. The report A/HRC/37/18 of 98 pages."),
    )
    assert ids(backend, "A/HRC/38/18") == [1]
    assert ids(backend, '"98.12"') == [1]
    assert ids(backend, "don't") == [1]


def test_removed_versions_disappear_after_commit(backend: SearchBackend) -> None:
    indexed(
        backend,
        para(1, "Old text about defenders.", version_id=7),
        para(2, "More old text about defenders.", version_id=7),
        para(3, "Other document about defenders.", version_id=8),
    )
    backend.remove_versions([7])
    assert sorted(ids(backend, "defenders")) == [1, 2, 3]
    backend.commit()
    assert ids(backend, "defenders") == [3]


def test_indexing_a_version_again_replaces_it_instead_of_duplicating(backend: SearchBackend) -> None:
    indexed(
        backend, para(1, "Defenders, first draft.", version_id=5), para(2, "Defenders, annex.", version_id=5)
    )
    indexed(backend, para(1, "Defenders, final text.", version_id=5))
    hits = backend.search(SearchQuery("defenders"))
    assert [h.block_id for h in hits] == [1]
    assert "final" in hits[0].snippet


def test_additions_are_invisible_until_commit(backend: SearchBackend) -> None:
    backend.add([para(1, "Defenders were consulted.")])
    assert ids(backend, "defenders") == []
    backend.commit()
    assert ids(backend, "defenders") == [1]


def test_clear_empties_the_index_at_commit(backend: SearchBackend) -> None:
    indexed(backend, para(1, "Defenders were consulted."))
    backend.clear()
    assert ids(backend, "defenders") == [1]
    backend.add([para(2, "Defenders were heard.")])
    backend.commit()
    assert ids(backend, "defenders") == [2]


@pytest.mark.parametrize("name", ["tantivy", "sqlite"])
def test_a_reopened_index_still_answers_and_forgets_what_was_not_committed(tmp_path: Path, name: str) -> None:
    first = indexed(open_backend(name, tmp_path), para(1, "Défenseurs consultés.", language="fr", year=2018))
    first.add([para(2, "Défenseurs oubliés.", language="fr", year=2018)])
    first.close()
    reopened = open_backend(name, tmp_path)
    try:
        assert ids(reopened, "defenseurs", languages=["fr"], year_from=2018) == [1]
        indexed(reopened, para(3, "Défenseurs ajoutés.", language="fr"))
        assert sorted(ids(reopened, "defenseurs")) == [1, 3]
    finally:
        reopened.close()


def test_snippets_mark_the_matched_words_as_written(backend: SearchBackend) -> None:
    indexed(
        backend,
        para(1, "Les Défenseurs des droits humains sont protégés.", language="fr"),
        para(2, "保护人权维护者。", language="zh"),
    )
    [french] = backend.search(SearchQuery("defenseurs protégés"))
    assert french.snippet == f"Les {marked('Défenseurs')} des droits humains sont {marked('protégés')}."
    [chinese] = backend.search(SearchQuery("人权维护"))
    assert chinese.snippet == f"保护{marked('人权维护')}者。"


def test_snippets_of_long_paragraphs_are_cut_around_the_match(backend: SearchBackend) -> None:
    filler = "The Council held a general debate on many items. " * 20
    indexed(backend, para(1, filler + "Reprisals against defenders were reported. " + filler))
    [hit] = backend.search(SearchQuery("reprisals"))
    assert marked("Reprisals") in hit.snippet
    assert hit.snippet.startswith("…") and hit.snippet.endswith("…")
    assert len(hit.snippet) < 300


def test_limit_is_honoured(backend: SearchBackend) -> None:
    indexed(backend, *(para(i, f"Defenders meeting number {i}.") for i in range(1, 31)))
    assert len(backend.search(SearchQuery("defenders", limit=7))) == 7
    assert len(backend.search(SearchQuery("defenders"))) == 20
    assert backend.search(SearchQuery("defenders", limit=0)) == []


def test_a_trailing_star_matches_words_that_start_so(backend: SearchBackend) -> None:
    indexed(
        backend,
        para(1, "A defender was detained."),
        para(2, "Defenders and defending rights."),
        para(3, "The defence ministry."),
        para(4, "See A/HRC/38/18 and A/HRC/38/2."),
    )
    assert sorted(ids(backend, "defend*")) == [1, 2]
    assert ids(backend, '"and defend*"') == [2]
    assert ids(backend, "A/HRC/38/1*") == [4]
    [hit] = backend.search(SearchQuery("rights defend*"))
    assert hit.snippet == f"{marked('Defenders')} and {marked('defending')} {marked('rights')}."


def test_closing_twice_is_harmless(backend: SearchBackend) -> None:
    backend.close()
    backend.close()


def _index_without_stems(name: str, directory: Path) -> None:
    """An index as hrdmap wrote it before stems were indexed."""
    if name == "sqlite":
        with sqlite3.connect(directory / "fts5.sqlite3") as connection:
            connection.execute("CREATE VIRTUAL TABLE paragraphs USING fts5(terms, chars, text UNINDEXED)")
        return
    (directory / "tantivy").mkdir()
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("terms", index_option="position")
    writer = tantivy.Index(builder.build(), path=str(directory / "tantivy")).writer(15_000_000, 1)
    writer.commit()
    writer.wait_merging_threads()


@pytest.mark.parametrize("name", ["tantivy", "sqlite"])
def test_an_index_of_an_older_schema_is_refused_with_what_to_do(tmp_path: Path, name: str) -> None:
    _index_without_stems(name, tmp_path)
    with pytest.raises(SearchIndexError, match="hrdmap reindex"):
        open_backend(name, tmp_path)
