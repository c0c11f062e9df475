"""The framework-keyword tagger: implicit mentions of defenders reach the defenders-related labels."""

from __future__ import annotations

import pytest

from hrdmap.analyse.base import Passage
from hrdmap.analyse.keywords import KeywordTagger


@pytest.fixture(scope="module")
def tagger() -> KeywordTagger:
    return KeywordTagger()


def labels(tagger: KeywordTagger, text: str, framework: str) -> set[str]:
    return {t.label for t in tagger.tag_text(text) if t.framework == framework}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Social leaders in Cauca received death threats.", {"defenders"}),
        ("Activists were detained after the protest.", {"defenders"}),
        ("Two journalists were killed in 2017.", {"defenders", "journalists"}),
        ("Environmentalists opposing the dam were attacked.", {"defenders", "land-environment"}),
        ("Community leaders and civil society actors met the mission.", {"defenders"}),
        ("Trade unionists and lawyers were prosecuted.", {"defenders", "trade-unionists", "lawyers"}),
        (
            "Les journalistes et les syndicalistes ont été menacés.",
            {"defenders", "journalists", "trade-unionists"},
        ),
        ("Los líderes sociales y las defensoras fueron amenazados.", {"defenders", "women"}),
    ],
)
def test_implicit_mentions_reach_defenders(tagger: KeywordTagger, text: str, expected: set[str]) -> None:
    assert expected <= labels(tagger, text, "groups-at-risk")


def test_attack_types_and_areas_come_with_their_spans(tagger: KeywordTagger) -> None:
    text = (
        "The defender was arrested after briefing the Committee; reprisals for cooperation with the UN "
        "continue."
    )
    tags = {(t.framework, t.label): t for t in tagger.tag([Passage(1, text)])[0]}
    assert ("attack-types", "arbitrary-detention") in tags
    assert ("hrd-areas", "C") in tags
    span = tags[("hrd-areas", "C")].evidence[0]
    assert text[span.start : span.end] == span.text


def test_a_child_label_scores_above_its_inferred_parent(tagger: KeywordTagger) -> None:
    tags = {
        t.label: t.score for t in tagger.tag_text("Bloggers were jailed.") if t.framework == "groups-at-risk"
    }
    assert tags["journalists"] > tags["defenders"]


def test_statement_kinds_are_left_to_their_own_tagger(tagger: KeywordTagger) -> None:
    assert all(t.framework != "statement-kinds" for t in tagger.tag_text("The Committee recommends a law."))
