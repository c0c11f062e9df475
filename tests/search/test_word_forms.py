"""Word forms: a query word finds the paragraph's other forms of it, for every built-in back-end."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from hrdmap.search.base import HIGHLIGHT_END, HIGHLIGHT_START, SearchBackend, SearchQuery

from .factory import indexed, para


def ids(backend: SearchBackend, text: str, **filters: object) -> list[int]:
    return [hit.block_id for hit in backend.search(SearchQuery(text, **filters))]  # type: ignore[arg-type]


def marked(word: str) -> str:
    return f"{HIGHLIGHT_START}{word}{HIGHLIGHT_END}"


@pytest.mark.parametrize(
    ("language", "text", "queries"),
    [
        ("en", "Defenders were protected.", ["defender", "defenders", "protecting", "protection", "protect"]),
        ("en", "A defender was killed.", ["defenders", "killing", "kills", "kill"]),
        ("fr", "Les défenseurs sont menacés et arrêtés.", ["défenseur", "defenseur", "menacer", "arrêter"]),
        ("fr", "Une défenseure des droits.", ["droit"]),
        ("es", "Las defensoras fueron detenidas.", ["defensora", "defensor", "defensores", "detener"]),
        ("es", "El defensor fue amenazado.", ["defensoras", "amenazas", "amenazar"]),
        ("ru", "Правозащитники подвергаются угрозам.", ["правозащитник", "правозащитников", "угроза"]),
        ("ru", "Защита правозащитника.", ["правозащитники", "защиты"]),
        ("ar", "حماية المدافعين عن حقوق الإنسان", ["المدافعة", "المدافعون", "مدافع"]),
    ],
)
def test_a_word_finds_the_other_forms_of_it(
    backend: SearchBackend, language: str, text: str, queries: list[str]
) -> None:
    indexed(backend, para(1, text, language=language), para(2, "Unrelated words only.", language=language))
    for query in queries:
        assert ids(backend, query) == [1], query
        assert ids(backend, query, languages=[language]) == [1], query


def test_the_exact_form_ranks_above_other_forms(backend: SearchBackend) -> None:
    indexed(
        backend,
        para(1, "The defenders met the rapporteur in Geneva."),
        para(2, "The defender met the rapporteur in Geneva."),
        para(3, "Les défenseurs ont rencontré la rapporteuse.", language="fr"),
        para(4, "Le défenseur a rencontré la rapporteuse.", language="fr"),
    )
    assert ids(backend, "defender") == [2, 1]
    assert ids(backend, "defenders") == [1, 2]
    assert ids(backend, "défenseur") == [4, 3]
    assert ids(backend, "defenseurs rapporteuse") == [3, 4]


def test_quoted_words_and_phrases_match_the_exact_form_only(backend: SearchBackend) -> None:
    indexed(
        backend,
        para(1, "Human rights defenders were heard."),
        para(2, "A human rights defender was heard."),
    )
    assert ids(backend, '"defender"') == [2]
    assert ids(backend, '"human rights defender"') == [2]
    assert sorted(ids(backend, "human rights defender")) == [1, 2]


def test_prefixes_still_match_words_that_start_so(backend: SearchBackend) -> None:
    indexed(backend, para(1, "Defending defenders."), para(2, "The defence ministry."))
    assert ids(backend, "defend*") == [1]
    assert ids(backend, "defenc*") == [2]


def test_exclusions_exclude_every_form_of_the_word(backend: SearchBackend) -> None:
    indexed(
        backend,
        para(1, "Defenders were killed."),
        para(2, "Defenders face killings."),
        para(3, "Defenders were released."),
    )
    assert ids(backend, "defenders -killing") == [3]
    assert sorted(ids(backend, 'defenders -"killings"')) == [1, 3]


def test_filters_stay_exact_and_keep_the_words_of_each_language(backend: SearchBackend) -> None:
    indexed(
        backend,
        para(1, "Defenders were detained.", language="en", symbol="A/HRC/39/41", year=2018),
        para(2, "Les défenseurs sont détenus.", language="fr", symbol="A/HRC/39/41", year=2018),
        para(3, "A defender was detained.", language="en", symbol="A/HRC/39/410", year=2019),
    )
    assert ids(backend, "defender", languages=["en"], symbols=["A/HRC/39/41"]) == [1]
    assert ids(backend, "defender", languages=["en"], year_to=2018) == [1]
    assert ids(backend, "défenseur", languages=["en"]) == []
    assert ids(backend, "défenseur", languages=["fr"]) == [2]


def test_latin_words_of_other_languages_are_stemmed_as_english(backend: SearchBackend) -> None:
    indexed(
        backend,
        para(1, "Доклад Human Rights Defenders Network.", language="ru"),
        para(2, "报告 Defenders Network。", language="zh"),
        para(3, "Defenders without a language.", language=None),
    )
    assert ids(backend, "defender", languages=["ru"]) == [1]
    assert ids(backend, "defender", languages=["zh"]) == [2]
    assert sorted(ids(backend, "defender")) == [1, 2, 3]


def test_chinese_queries_are_unchanged_by_stemming(backend: SearchBackend) -> None:
    indexed(
        backend,
        para(1, "联合国支持人权维护者的工作。", language="zh"),
        para(2, "人民的权利。", language="zh"),
    )
    assert ids(backend, "人权") == [1]
    assert ids(backend, "人权维护者", languages=["zh"]) == [1]
    assert sorted(ids(backend, "权")) == [1, 2]


def test_snippets_mark_the_forms_the_paragraph_uses(backend: SearchBackend) -> None:
    indexed(
        backend,
        para(1, "Defenders and a defender were heard; the defence was not."),
        para(2, "Les Défenseurs, la défenseure et la défense.", language="fr"),
        para(3, "حماية المدافعين والمدافعة", language="ar"),
    )
    [english] = backend.search(SearchQuery("defender"))
    assert english.snippet == f"{marked('Defenders')} and a {marked('defender')} were heard; the defence was not."
    [french] = backend.search(SearchQuery("defenseur"))
    assert french.snippet == f"Les {marked('Défenseurs')}, la {marked('défenseure')} et la défense."
    [arabic] = backend.search(SearchQuery("مدافع"))
    assert arabic.snippet == f"حماية {marked('المدافعين')} والمدافعة"


ODD_WORDS = (
    "défenseur*",
    "مُدافِعة",
    "ـــ",
    "ة",
    "abcабв",
    "абвabc",
    "1st",
    "2018",
    "ß",
    "İ",
    "ǅ",
    "x" * 64,
    "Ωμέγα",
    "-défenseurs",
    "defenders OR défenseurs OR defensores OR правозащитники OR المدافعين",
    " ".join(["defenders", "défenseurs"] * 100),
)


@pytest.mark.parametrize("languages", [(), ("en",), ("FR", "ar"), ("zh",), ("xx-YY",)])
def test_odd_words_and_languages_never_raise(backend: SearchBackend, languages: tuple[str, ...]) -> None:
    indexed(
        backend,
        para(1, "Défenseurs, defensores, правозащитники, المدافعين; 1st 2018 ß Ωμέγα.", language="fr"),
        para(2, "Stray words.", language="xx-YY"),
    )
    for query in ODD_WORDS:
        hits = backend.search(SearchQuery(query, languages=languages))
        assert all(hit.block_id == 1 for hit in hits), query


def test_searches_from_several_threads_find_and_mark_the_same_forms(backend: SearchBackend) -> None:
    indexed(
        backend,
        para(1, "Defenders and a defender.", language="en"),
        para(2, "Les défenseurs.", language="fr"),
        para(3, "Правозащитники.", language="ru"),
    )
    queries = ["defender", "défenseur", "правозащитник"] * 20
    expected = [backend.search(SearchQuery(query)) for query in queries]
    with ThreadPoolExecutor(max_workers=4) as pool:
        found = list(pool.map(lambda query: backend.search(SearchQuery(query)), queries))
    assert [[hit.snippet for hit in hits] for hits in found] == [[hit.snippet for hit in hits] for hits in expected]
