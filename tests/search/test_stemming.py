"""Stems: which stemmer reads a word, and how stems are tagged with their language."""

from __future__ import annotations

import pytest

from hrdmap.search.stemming import latin_language, paragraph_stems, query_stems


@pytest.mark.parametrize(
    ("code", "language"),
    [("en", "en"), ("FR", "fr"), ("es-419", "es"), ("ru", "en"), ("ar", "en"), ("zh", "en"), (None, "en")],
)
def test_latin_words_are_stemmed_in_the_paragraph_language_or_english(code: str | None, language: str) -> None:
    assert latin_language(code) == language


def test_each_script_has_its_stemmer_and_stems_are_tagged_with_it() -> None:
    words = ["defenders", "правозащитники", "المدافعة", "人权", "2018", "1st", "ωμεγα"]
    assert paragraph_stems(words, "fr") == ["frdefender", "ruправозащитник", "arمدافع", None, None, None, None]
    assert paragraph_stems(["defenders"], None) == ["endefend"]


def test_a_query_word_is_stemmed_in_every_language_its_paragraphs_may_have() -> None:
    assert query_stems("defenders") == ("endefend", "frdefender", "esdefenders")
    assert query_stems("defenders", ["EN", "ru", "zh"]) == ("endefend",)
    assert query_stems("defensoras", ["es", "fr"]) == ("esdefensor", "frdefensor")
    assert query_stems("правозащитников", ["en"]) == ("ruправозащитник",)
    assert query_stems("2018") == ()
    assert query_stems("") == ()


def test_arabic_ta_marbuta_is_kept_for_the_stemmer_and_folded_after() -> None:
    assert query_stems("المدافعة") == query_stems("المدافعين") == ("arمدافع",)
    assert paragraph_stems(["الحماية"], "ar") == ["arحما"]
