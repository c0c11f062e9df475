"""Recommendation extraction: numbered UPR recommendations, treaty bodies, special procedures."""

from __future__ import annotations

import json
import re
import tarfile
from pathlib import Path

import pytest

from hrdmap.analyse.recommendations import extract_recommendations
from hrdmap.analyse.taggers.base import Passage
from hrdmap.domain.recommendations import Recommendation, RecommendationSource


def one(text: str) -> list[Recommendation]:
    return extract_recommendations([Passage(1, text)])


def test_a_numbered_upr_recommendation() -> None:
    [rec] = one("98.12. Adopt a law on the protection of human rights defenders (France);")
    assert (rec.number, rec.text, rec.recommending_states) == (
        "98.12",
        "Adopt a law on the protection of human rights defenders",
        ("France",),
    )
    assert rec.source is RecommendationSource.UPR


def test_several_states_and_several_items_in_one_paragraph() -> None:
    [rec] = one(
        "101.1. Consider ratifying the Convention (Spain); Ratify the Convention (Austria, Brazil and Chile);"
    )
    assert rec.recommending_states == ("Spain", "Austria", "Brazil", "Chile")
    assert rec.text == "Consider ratifying the Convention; Ratify the Convention"


def test_states_with_brackets_in_their_names_and_brackets_in_the_text() -> None:
    [rec] = one(
        "5.3. Ratify the Convention on Enforced Disappearance (CED) (Bolivia (Plurinational State of)) "
        "(Côte d’Ivoire);"
    )
    assert rec.text == "Ratify the Convention on Enforced Disappearance (CED)"
    assert rec.recommending_states == ("Bolivia (Plurinational State of)", "Côte d'Ivoire")


def test_the_passage_label_may_carry_the_number() -> None:
    [rec] = extract_recommendations([Passage(4, "Adopt a law (Norway).", label="98.3.")])
    assert (rec.number, rec.recommending_states, rec.passage_key) == ("98.3", ("Norway",), 4)


def test_the_lead_in_paragraph_gives_response_and_addressee() -> None:
    passages = [
        Passage(1, "98. The recommendations listed below have been examined by Kenya and enjoy its support:"),
        Passage(2, "98.1. Adopt a law (France);"),
        Passage(3, "99. The following recommendations did not enjoy the support of Kenya:"),
        Passage(4, "99.1. Abolish the death penalty (Spain);"),
        Passage(5, "100. The following recommendations will be examined by Kenya:"),
        Passage(6, "100.1. Consider ratifying the Convention (Chile);"),
    ]
    recs = extract_recommendations(passages)
    assert [(r.number, r.response, r.addressee) for r in recs] == [
        ("98.1", "supported", "Kenya"),
        ("99.1", "noted", "Kenya"),
        ("100.1", None, "Kenya"),
    ]


@pytest.mark.parametrize(
    ("text", "source", "body", "addressee"),
    [
        (
            "12. The Committee recommends that the State party adopt a law on defenders.",
            RecommendationSource.TREATY_BODY,
            "Committee",
            "the State party",
        ),
        (
            "The Committee urges the State party to investigate all attacks.",
            RecommendationSource.TREATY_BODY,
            "Committee",
            "the State party",
        ),
        (
            "The Special Rapporteur recommends that the Government release the detained activists.",
            RecommendationSource.SPECIAL_PROCEDURE,
            "Special Rapporteur",
            "the Government",
        ),
        (
            "The Working Group calls upon all States to cooperate.",
            RecommendationSource.SPECIAL_PROCEDURE,
            "Working Group",
            "all States",
        ),
        (
            "Le Comité recommande à l'État partie d'adopter une loi.",
            RecommendationSource.TREATY_BODY,
            "Comité",
            "l'État partie",
        ),
        (
            "El Comité recomienda al Estado parte que investigue.",
            RecommendationSource.TREATY_BODY,
            "Comité",
            "Estado parte",
        ),
    ],
)
def test_prose_recommendations(text: str, source: RecommendationSource, body: str, addressee: str) -> None:
    [rec] = one(text)
    assert (rec.source, rec.body, rec.addressee) == (source, body, addressee)
    assert text[rec.start : rec.end].strip() == rec.text


def test_the_paragraph_number_is_kept_for_prose() -> None:
    assert one("12. The Committee recommends that the State party act.")[0].number == "12"


def test_plain_text_gives_nothing() -> None:
    assert one("In 2017 OHCHR organized three workshops (in Spanish).") == []


def normalise(text: str) -> str:
    """Spacing and the "; " between the recommendations of one item do not count (the gold joins them with a
    space)."""
    return re.sub(r"\s+([.,])", r"\1", " ".join(text.replace(";", " ").split())).strip(" .")


@pytest.mark.shared_data
def test_huridocs_gold_upr_paragraphs(shared_data: Path) -> None:
    folder = shared_data / "huridocs-hrc-doc-metadata"
    texts, numbers, states = (
        json.loads((folder / f"upr_paragraph_{name}__labels.json").read_text("utf-8"))
        for name in ("text", "numbers", "countries")
    )
    right = {"number": 0, "text": 0, "states": 0}
    for text, number, state in zip(texts, numbers, states, strict=True):
        rec = one(text["text"])[0]  # a paragraph holding two glued items gives two; the gold knows the first
        right["number"] += rec.number == number["label"]
        right["text"] += normalise(rec.text) == normalise(text["label"])
        right["states"] += len(rec.recommending_states) == len(state["label"])
    assert all(count / len(texts) >= 0.98 for count in right.values()), right


def upr_report_passages(raw: bytes) -> list[Passage]:
    """Paragraphs of a pdf-to-text UPR report: a numbered line starts one, other lines continue it."""
    paragraphs: list[str] = []
    for line in re.split(r"\r\n|\r|\n", raw.decode("cp1252", errors="replace")):
        numbered = re.match(r"^\s*\d{1,3}(?:\.\d{1,3})*\.?(?:\s|$)", line)
        if numbered and not (paragraphs and re.fullmatch(r"\s*\d{1,3}\.\s*", paragraphs[-1])):
            paragraphs.append(line.strip())
        elif not line.strip():
            paragraphs.append("")
        elif paragraphs:
            paragraphs[-1] = (paragraphs[-1] + " " + line.strip()).strip()
    return [Passage(i, p) for i, p in enumerate(paragraphs) if p]


@pytest.mark.shared_data
def test_a_real_upr_working_group_report(shared_data: Path) -> None:
    with tarfile.open(shared_data / "upr-wg-reports" / "upr_wg_report_txts_2008-2012.tar.gz") as archive:
        member = archive.extractfile("txts/kenya2010.txt")
        assert member is not None
        recs = extract_recommendations(upr_report_passages(member.read()))
    by_list = {
        n: [r for r in recs if r.number and r.number.split(".")[0] == n] for n in ("101", "102", "103")
    }
    assert len(recs) >= 140
    assert all(r.response == "supported" for r in by_list["101"]) and by_list["101"]
    assert all(r.response is None for r in by_list["102"]) and by_list["102"]
    assert [r.response for r in by_list["103"]] == ["noted"] * 7
    assert all(r.addressee == "Kenya" and r.recommending_states for r in recs)
    first_noted = by_list["103"][0]
    assert first_noted.recommending_states[:3] == ("Spain", "Belgium", "Uruguay")
