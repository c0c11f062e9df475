"""Language identification on the UDHR in the six UN languages and on short texts."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html

from hrdmap.structure.language import by_function_words, declared_language, identify_languages, script_letters

UDHR = {"eng": "en", "fra": "fr", "spa": "es", "rus": "ru", "cmn_hans": "zh", "arb": "ar"}


def paragraphs(path: Path) -> list[str]:
    """The text of every <p> and <li> of a UDHR file, in order."""
    tree = html.fromstring(path.read_text(encoding="utf-8"))
    return [" ".join(el.text_content().split()) for el in tree.iter("p", "li")]


def identify(
    texts: list[str], declared: list[str | None] | None = None, document: str | None = None
) -> tuple[list[str | None], tuple[str, ...]]:
    return identify_languages(texts, declared or [None] * len(texts), document)


@pytest.mark.parametrize(("name", "language"), sorted(UDHR.items()))
def test_every_udhr_paragraph_is_identified(shared_data: Path, name: str, language: str) -> None:
    texts = paragraphs(shared_data / "udhr-six-languages" / f"{name}.html")
    found, languages = identify(texts)
    wrong = [text[:50] for text, lang in zip(texts, found, strict=True) if lang != language]
    assert len(texts) > 80
    assert languages == (language,)
    assert 1 - len(wrong) / len(texts) >= 0.98, wrong


@pytest.mark.parametrize(("name", "language"), [("eng", "en"), ("fra", "fr"), ("spa", "es")])
def test_lingua_alone_identifies_every_udhr_paragraph(shared_data: Path, name: str, language: str) -> None:
    """The function-word shortcut is not what makes the UDHR pass: lingua alone gets every paragraph."""
    from hrdmap.structure.language import detect_latin

    texts = paragraphs(shared_data / "udhr-six-languages" / f"{name}.html")
    assert set(detect_latin(texts)) == {language}


def test_a_document_mixing_languages_ranks_them_by_letters() -> None:
    texts = [
        "Los defensores de los derechos humanos desempeñan un papel fundamental en la sociedad.",
        "Los Estados deben proteger a los defensores contra las amenazas y las represalias.",
        "La comunidad internacional debe apoyar la labor de las organizaciones de la sociedad civil.",
        "Human rights defenders play a vital role in society.",
        "Правозащитники играют важную роль в обществе и заслуживают защиты.",
        "OK",
    ]
    found, languages = identify(texts)
    assert found == ["es", "es", "es", "en", "ru", "es"]
    assert languages == ("es", "ru", "en")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("人权维护者", "zh"),
        ("المدافعون", "ar"),
        ("Правозащитники", "ru"),
        ("The Special Rapporteur visited the country.", "en"),
        ("Le Rapporteur spécial s'est rendu dans le pays.", "fr"),
        ("El Relator Especial visitó el país.", "es"),
        ("Calls upon all States to protect defenders;", "en"),
        ("Demande à tous les États de protéger les défenseurs;", "fr"),
        ("Exhorta a todos los Estados a proteger a los defensores;", "es"),
    ],
)
def test_short_texts(text: str, language: str) -> None:
    assert identify([text])[0] == [language]


def test_function_words_decide_only_clear_cut_paragraphs() -> None:
    assert by_function_words("The Council of the League and the Office of the High Commissioner") == "en"
    assert by_function_words("Le Conseil et le Haut-Commissariat, qui sont dans l'obligation d'agir") == "fr"
    assert (
        by_function_words("El Consejo y la Oficina del Alto Comisionado, por los defensores y las defensoras")
        == "es"
    )
    assert by_function_words("Droits humains") is None
    assert by_function_words("The Council et le Conseil, the Office et des bureaux") is None


def test_very_short_blocks_inherit_the_documents_language() -> None:
    texts = [
        "Résumé",
        "Le Conseil des droits de l'homme demande aux États de protéger les défenseurs.",
        "Oui",
    ]
    found, languages = identify(texts)
    assert found == ["fr", "fr", "fr"]
    assert languages == ("fr",)


def test_declared_languages_are_honoured_when_the_script_agrees() -> None:
    found, _ = identify(["Informe", "Rapport sur la situation", "Доклад"], [None, "fr-CH", "en"])
    assert found == ["fr", "fr", "ru"]


def test_short_latin_blocks_follow_the_declared_document_language_when_no_latin_block_decides() -> None:
    assert identify(["Informe", "Доклад о положении правозащитников"], document="es")[0] == ["es", "ru"]
    assert identify(["OHCHR", "تقرير المفوضية السامية لحقوق الإنسان"])[0] == ["ar", "ar"]


def test_blocks_without_letters_have_no_language() -> None:
    assert identify(["12 345", "—"]) == ([None, None], ())


def test_script_and_declarations() -> None:
    assert script_letters("OHCHR (人权高专办) 人权理事会第二十届会议") == ("han", 21)
    assert script_letters("12.") == (None, 0)
    assert declared_language("zh-Hans-CN", "han") == "zh"
    assert declared_language("en-US", "cyrillic") is None
    assert declared_language("de", "latin") is None


def test_short_blocks_of_a_document_in_one_language_follow_it_on_slight_evidence() -> None:
    texts = [
        "The Working Group held its review of the State and the delegation answered the questions of the States.",
        "The State under review accepted the recommendations made to it and will report on them to the Council.",
        "A. Scope of international obligations",  # lingua alone says French
        "D. General debate on agenda item 3",  # "D." is a label, not French "d'"
    ]
    assert identify(texts)[0] == ["en", "en", "en", "en"]
