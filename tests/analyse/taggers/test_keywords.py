"""The framework-keyword tagger: implicit mentions of defenders reach the defenders-related labels."""

from __future__ import annotations

from pathlib import Path

import pytest

from hrdmap.analyse.frameworks.loader import load_frameworks, parse_framework
from hrdmap.analyse.taggers.base import Passage
from hrdmap.analyse.taggers.keywords import KeywordTagger


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


@pytest.mark.parametrize(
    "text",
    [
        "The public defenders provided legal aid to 400 detainees.",
        "Public defenders' offices lack staff in rural districts.",
        "The Defenders of the People of the provinces met the mission.",
        "Football defenders and strikers trained with the national team.",
        "The team's defenders conceded two goals.",
        "The goalkeeper and the defenders of the national football team were praised by the coach.",
    ],
)
def test_defenders_who_are_not_human_rights_defenders_are_left_out(tagger: KeywordTagger, text: str) -> None:
    assert "defenders" not in labels(tagger, text, "groups-at-risk")


@pytest.mark.parametrize(
    "text", ["Defenders were arrested in the capital.", "Land defenders and their families were evicted."]
)
def test_defenders_alone_are_still_found(tagger: KeywordTagger, text: str) -> None:
    assert "defenders" in labels(tagger, text, "groups-at-risk")


def test_a_span_inside_a_longer_one_is_not_repeated_as_evidence(tagger: KeywordTagger) -> None:
    tags = {t.label: t for t in tagger.tag_text("Environmental defenders were attacked.")}
    assert [e.text for e in tags["defenders"].evidence] == ["Environmental defenders"]


@pytest.mark.parametrize(
    "text",
    [
        "The budget law for 2024 was adopted in December.",
        "Training on the rule of law was given to law enforcement officials.",
        "La loi de finances a été adoptée.",
        "La ley de presupuesto fue aprobada.",
    ],
)
def test_laws_on_other_matters_are_not_area_f(tagger: KeywordTagger, text: str) -> None:
    assert "F" not in labels(tagger, text, "hrd-areas")


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("The law on non-governmental organizations caps foreign funding.", "law on non-governmental organizations"),
        ("Parliament adopted a foreign agents law in May.", "foreign agents law"),
        ("Counter-terrorism laws were used against activists.", "Counter-terrorism laws"),
        ("The Law on Freedom of Peaceful Assembly restricts protests.", "Law on Freedom of Peaceful Assembly"),
        ("Le Parlement a adopté la loi relative aux associations.", "loi relative aux associations"),
        ("Se aprobó la ley de protección de defensores de derechos humanos.", "ley de protección de defensores"),
    ],
)
def test_laws_on_defenders_and_civic_space_are_area_f(tagger: KeywordTagger, text: str, span: str) -> None:
    tags = {(t.framework, t.label): t for t in tagger.tag_text(text)}
    assert span in [e.text for e in tags[("hrd-areas", "F")].evidence]


# Issue 12, finding 13: ombudsman titles are not defenders; defenders named by what they do are.
OMBUDSMAN_TITLES = [
    "The Office of the Human Rights Defender of Armenia received 40 complaints.",
    "The Defender of the Principle of Equality issued an opinion on the draft law.",
    "The Public Defender of Georgia visited the prison.",
]
IMPLICIT_DEFENDERS = [
    "Protect individuals and institutions protecting human rights from reprisals.",
    "Abandon any restriction on persons and institutions engaged in the protection and promotion of human rights.",
    "Investigate attacks on anyone working to promote and protect human rights.",
    "Guarantee that no human rights defender is arrested for a post online.",
]


@pytest.mark.parametrize("text", OMBUDSMAN_TITLES)
def test_an_ombudsmans_title_is_not_a_defender(text: str, example_frameworks: Path) -> None:
    frameworks = load_frameworks([example_frameworks])
    tagger = KeywordTagger({k: frameworks[k] for k in ("groups-at-risk", "upr-info-themes")})
    labels = {(t.framework, t.label) for t in tagger.tag_text(text)}
    assert ("groups-at-risk", "defenders") not in labels
    assert ("upr-info-themes", "human-rights-defenders") not in labels


@pytest.mark.parametrize("text", IMPLICIT_DEFENDERS)
def test_defenders_named_by_what_they_do_are_defenders(text: str, example_frameworks: Path) -> None:
    frameworks = load_frameworks([example_frameworks])
    tagger = KeywordTagger({k: frameworks[k] for k in ("groups-at-risk", "upr-info-themes")})
    labels = {(t.framework, t.label) for t in tagger.tag_text(text)}
    assert {("groups-at-risk", "defenders"), ("upr-info-themes", "human-rights-defenders")} <= labels


def test_institutions_responsible_for_human_rights_are_not_defenders() -> None:
    tagger = KeywordTagger({"groups-at-risk": load_frameworks(())["groups-at-risk"]})
    assert tagger.tag_text("Strengthen the institutions responsible for the protection of human rights.") == []


def _framework(framework_id: str, label: str, keyword: str) -> str:
    return (f'id: {framework_id}\nname: {framework_id}\nversion: "1"\ndescription: For a test.\nlabels:\n'
            f"  - id: {label}\n    names: {{en: {label}, fr: {label}, es: {label}}}\n    definition: {label}.\n"
            f"    keywords: {{en: [{keyword}]}}\n")


def test_one_frameworks_longer_keyword_does_not_hide_anothers() -> None:
    # Issue 12: with the built-in groups at risk loaded, "indigenous leaders" (theirs) hid "indigenous" (a user
    # framework's) in 35 of 6,154 UPR recommendations: a framework's tags depended on which others were loaded.
    groups = parse_framework(_framework("groups", "indigenous-leaders", "indigenous leaders"), "groups.yaml")
    themes = parse_framework(_framework("themes", "indigenous-peoples", "indigenous"), "themes.yaml")
    text = "Protect indigenous leaders who defend their land."
    alone = KeywordTagger({"themes": themes}).tag_text(text)
    together = KeywordTagger({"groups": groups, "themes": themes}).tag_text(text)
    assert {(t.framework, t.label) for t in together} == {("groups", "indigenous-leaders"),
                                                           ("themes", "indigenous-peoples")}
    assert [t for t in together if t.framework == "themes"] == alone
