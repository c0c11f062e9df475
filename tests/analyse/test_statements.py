"""The statement-kind tagger: practice, challenge or gap, recommendation, with the cues as evidence."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from hrdmap.analyse.base import Passage
from hrdmap.analyse.statements import StatementKindTagger
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
    text = (
        "Although a law was adopted in 2015, defenders continue to face threats; the State should "
        "protect them."
    )
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
def test_upr_recommendations_are_recognised_as_recommendations(
    tagger: StatementKindTagger, shared_data: Path
) -> None:
    with (shared_data / "upr-recommendations" / "upr_recommendations_sessions01-15.csv").open(
        encoding="utf-8"
    ) as fh:
        texts = [row["Text"] for _, row in zip(range(2000), csv.DictReader(fh), strict=False)]
    share = sum("recommendation" in kinds(tagger, t) for t in texts) / len(texts)
    assert share >= 0.9
