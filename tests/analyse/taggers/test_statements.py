"""The statement-kind tagger: practice, challenge or gap, recommendation, with the cues as evidence."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from hrdmap.analyse.taggers.base import Passage
from hrdmap.analyse.taggers.statements import StatementKindTagger
from hrdmap.domain.tags import EvidenceKind


@pytest.fixture(scope="module")
def tagger() -> StatementKindTagger:
    return StatementKindTagger()


def kinds(tagger: StatementKindTagger, text: str) -> set[str]:
    return {t.label for t in tagger.tag_text(text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("98.12. Adopt a law on the protection of human rights defenders (France);", {"recommendation"}),
        ("101.1. Consider ratifying the Convention (Spain);", {"recommendation"}),
        (
            "The Committee recommends that the State party establish a protection mechanism.",
            {"recommendation"},
        ),
        ("The General Assembly calls upon States to protect defenders.", {"recommendation"}),
        ("The Special Rapporteur urges the Government to release the activists.", {"recommendation"}),
        ("Le Comité recommande à l'État partie d'adopter une loi.", {"recommendation"}),
        ("El Comité recomienda al Estado parte que investigue.", {"recommendation"}),
        ("Defenders continue to face threats, and three were killed in 2017.", {"challenge"}),
        ("The Committee is concerned about the lack of investigations.", {"challenge"}),
        ("Restrictive laws on foreign funding remain a concern.", {"challenge"}),
        ("Les défenseurs continuent de faire face à des menaces et à l'impunité.", {"challenge"}),
        ("Preocupa la falta de investigaciones sobre los asesinatos.", {"challenge"}),
        ("OHCHR has established a rapid response desk and provided training to 120 defenders.", {"practice"}),
        ("In 2017, UNDP organized three workshops for women defenders.", {"practice"}),
        ("Le HCDH a organisé des ateliers en 2018.", {"practice"}),
        ("En 2016 se creó un mecanismo de protección.", {"practice"}),
        ("Annex II lists the participants.", set()),
    ],
)
def test_kinds_from_cues(tagger: StatementKindTagger, text: str, expected: set[str]) -> None:
    assert kinds(tagger, text) == expected


def test_a_passage_may_be_several_kinds(tagger: StatementKindTagger) -> None:
    text = "Although a law was adopted in 2015, defenders continue to face threats; the State should protect them."
    assert {"challenge", "recommendation"} <= kinds(tagger, text)


def test_evidence_names_the_cues_and_their_spans(tagger: StatementKindTagger) -> None:
    text = "The Committee recommends that the State party investigate the killings."
    tag = next(t for t in tagger.tag([Passage(3, text)])[0] if t.label == "recommendation")
    assert tag.framework == "statement-kinds"
    assert tag.tagger == "statement-kind"
    first = tag.evidence[0]
    assert first.kind is EvidenceKind.RULE
    assert first.detail["rule"] == "recommends"
    assert text[first.start : first.end] == "recommends"


def test_stronger_cues_give_higher_scores(tagger: StatementKindTagger) -> None:
    weak = next(t for t in tagger.tag_text("The State should act.") if t.label == "recommendation")
    strong = next(
        t
        for t in tagger.tag_text("The Committee urges the State party to act (France);")
        if t.label == "recommendation"
    )
    assert strong.score > weak.score


@pytest.mark.shared_data
def test_upr_recommendations_are_recognised_as_recommendations(tagger: StatementKindTagger, shared_data: Path) -> None:
    with (shared_data / "upr-recommendations" / "upr_recommendations_sessions01-15.csv").open(encoding="utf-8") as fh:
        texts = [row["Text"] for _, row in zip(range(2000), csv.DictReader(fh), strict=False)]
    share = sum("recommendation" in kinds(tagger, t) for t in texts) / len(texts)
    assert share >= 0.9


GOLD = Path(__file__).resolve().parents[2] / "fixtures" / "analyse" / "statement_kinds_gold.jsonl"


def gold_rows() -> list[tuple[str, set[str]]]:
    """The gold paragraphs (example corpus in five languages, paraphrased UN sentences) and their kinds."""
    with GOLD.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    return [(row["text"], set(row["kinds"])) for row in rows]


@pytest.mark.parametrize(("kind", "minimum"), [("practice", 0.9), ("challenge", 0.9), ("recommendation", 0.93)])
def test_per_kind_f1_on_the_gold_set(tagger: StatementKindTagger, kind: str, minimum: float) -> None:
    rows = gold_rows()
    assert len(rows) >= 120
    tp = fp = fn = 0
    for text, gold in rows:
        expected = kind in gold
        found = kind in kinds(tagger, text)
        tp += found and expected
        fp += found and not expected
        fn += expected and not found
    f1 = 2 * tp / (2 * tp + fp + fn)
    assert f1 >= minimum


@pytest.mark.parametrize(
    "text",
    [
        "Norway provides core and earmarked funding to the Office of the High Commissioner.",
        "UNDP helped companies and Governments to integrate the protection of defenders into action plans.",
        "We organized consultations with civil society in all regions.",
        "La Côte d'Ivoire a adopté en 2014 une loi relative à la protection des défenseurs.",
        "Le Gouvernement a organisé des consultations nationales avec la société civile.",
        "La Commission reçoit les plaintes des défenseurs et effectue des visites de terrain.",
        "El Estado ha establecido un programa de protección para periodistas.",
        "La Oficina apoyó la elaboración de un protocolo de investigación.",
        "Правительство приняло национальный план действий в области прав человека.",
        "نظّم المنتدى ثلاثة حوارات إقليمية بين ممثلي الحكومات والمدافعين.",
    ],
)
def test_things_done_are_practices(tagger: StatementKindTagger, text: str) -> None:
    assert kinds(tagger, text) == {"practice"}


@pytest.mark.parametrize(
    "text",
    [
        "Que le système des Nations Unies renforce son appui technique aux mécanismes nationaux ;",
        "Que el sistema de las Naciones Unidas apoye a los Estados en la aplicación del Acuerdo de Escazú;",
        "À l'État, d'adopter une loi sur la protection des défenseurs des droits humains ;",
        "Apoyar la creación de un mecanismo nacional de protección de personas defensoras.",
        "обеспечить гибкое и долгосрочное финансирование сетей правозащитниц.",
        "أن تعتمد الدول قوانين تعترف بدور المدافعين عن حقوق الإنسان وتحميهم؛",
        "States investigate online threats against defenders with the same diligence as threats made offline;",
    ],
)
def test_recommendation_openings_in_several_languages(tagger: StatementKindTagger, text: str) -> None:
    assert kinds(tagger, text) == {"recommendation"}


def test_a_recommendation_item_naming_a_problem_is_no_challenge(tagger: StatementKindTagger) -> None:
    text = "98.4. Refrain from any act of reprisal against persons cooperating with the United Nations (Switzerland)."
    assert kinds(tagger, text) == {"recommendation"}


def test_topical_words_beside_a_practice_do_not_make_a_challenge(tagger: StatementKindTagger) -> None:
    assert kinds(tagger, "UNDP supported legal clinics for defenders facing judicial harassment.") == {"practice"}
    both = "Defenders face gender-specific threats. The Office supported a network of women mediators."
    assert kinds(tagger, both) == {"challenge", "practice"}


@pytest.mark.parametrize(
    "text",
    [
        "Names of defenders have been withheld to protect the persons concerned.",
        "The report draws on information provided by field presences and on a published calendar.",
        "Measures should be established by decree.",
    ],
)
def test_no_practice_from_passives_adjectives_or_should_be(tagger: StatementKindTagger, text: str) -> None:
    assert "practice" not in kinds(tagger, text)


def test_practice_evidence_names_the_actor_and_verb(tagger: StatementKindTagger) -> None:
    text = "In Guinea-Bissau, UNDP supported a national dialogue on the draft law."
    tag = next(t for t in tagger.tag_text(text) if t.label == "practice")
    rules = {e.detail["rule"]: text[e.start : e.end] for e in tag.evidence}
    assert rules["actor-did"] == "UNDP supported"
    assert tag.evidence[0].detail["rule"] == "actor-did"  # strongest first
    assert all(e.kind is EvidenceKind.RULE for e in tag.evidence)


def test_an_actor_with_a_past_tense_scores_higher_than_a_bare_past_tense(tagger: StatementKindTagger) -> None:
    bare = next(t for t in tagger.tag_text("Trainings held in five languages.") if t.label == "practice")
    actor = next(t for t in tagger.tag_text("The Office held trainings in 2025.") if t.label == "practice")
    assert actor.score > bare.score
