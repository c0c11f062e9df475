"""Frameworks as data: the shipped YAML files load, bad files fail with the file and the field named."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from hrdmap.analyse.frameworks.loader import FrameworkError, load_frameworks, parse_framework

MINIMAL = """
id: my-areas
name: My areas
version: "1"
description: Test framework.
labels:
  - id: a
    names: {en: First, fr: Premier, es: Primero}
    definition: The first.
  - id: b
    parent: a
    names: {en: Second, fr: Second, es: Segundo}
    definition: The second.
    keywords: {en: [second thing]}
    patterns: {en: ["sec(ond)?s? things?"]}
"""


def test_shipped_frameworks_load_with_their_labels() -> None:
    frameworks = load_frameworks()
    assert {"hrd-areas", "state-duties", "groups-at-risk", "attack-types", "statement-kinds"} <= set(
        frameworks
    )
    areas = frameworks["hrd-areas"]
    assert [label.id for label in areas.labels] == list("ABCDEFGH")
    assert areas.label("C").name() == "Intimidation and reprisals"
    assert areas.label("G").name("fr").startswith("Mécanismes de protection")
    assert [label.id for label in frameworks["state-duties"].labels] == ["recognise", "protect", "reinforce"]
    assert [label.id for label in frameworks["statement-kinds"].labels] == [
        "practice",
        "challenge",
        "recommendation",
    ]


def test_every_shipped_label_has_english_french_and_spanish_names() -> None:
    for framework in load_frameworks().values():
        for label in framework.labels:
            assert {"en", "fr", "es"} <= set(label.names), (framework.id, label.id)


def test_groups_at_risk_are_children_of_defenders() -> None:
    groups = load_frameworks()["groups-at-risk"]
    assert groups.ancestors("journalists") == ("defenders",)
    assert {
        "women",
        "lgbti",
        "indigenous",
        "land-environment",
        "business",
        "migrants",
        "children-youth",
        "journalists",
        "trade-unionists",
        "lawyers",
        "students-academics",
    } <= {label.id for label in groups.labels}


def test_attack_types_cover_the_monitoring_categories() -> None:
    attacks = {label.id for label in load_frameworks()["attack-types"].labels}
    assert {
        "killing",
        "enforced-disappearance",
        "kidnapping",
        "arbitrary-detention",
        "torture",
        "physical-attack",
        "threats",
        "judicial-harassment",
        "smear-campaigns",
        "surveillance",
        "travel-bans",
        "raids",
        "restrictive-ngo-laws",
        "reprisals",
    } == attacks


def test_a_user_adds_a_framework_by_dropping_a_file(tmp_path: Path) -> None:
    (tmp_path / "mine.yaml").write_text(MINIMAL, encoding="utf-8")
    frameworks = load_frameworks([tmp_path])
    assert frameworks["my-areas"].label("b").keywords == {"en": ("second thing",)}
    assert frameworks["my-areas"].source.endswith("mine.yaml")
    assert "hrd-areas" in frameworks


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda t: t.replace(
                "    names: {en: Second, fr: Second, es: Segundo}", "    names: {fr: Second, es: Segundo}"
            ),
            "hrd.yaml: labels[1].names.en: required",
        ),
        (lambda t: t.replace("description: Test framework.\n", ""), "hrd.yaml: description: required"),
        (lambda t: t.replace("parent: a", "parent: z"), "hrd.yaml: labels[1].parent: no label 'z'"),
        (lambda t: t.replace("  - id: b", "  - id: a"), "hrd.yaml: labels[1].id: duplicate label id 'a'"),
        (
            lambda t: t.replace('"sec(ond)?s? things?"', '"sec(ond"'),
            "hrd.yaml: labels[1].patterns.en[0]: bad regex",
        ),
        (
            lambda t: t.replace("definition: The first.", "definition: The first.\n    colour: red"),
            "hrd.yaml: labels[0]: unknown field",
        ),
        (
            lambda t: t.replace(
                "names: {en: First, fr: Premier, es: Primero}",
                "names: {en: First, fr: Premier, es: Primero, de: Erste}",
            ),
            "hrd.yaml: labels[0].names",
        ),
        (lambda t: t + "  - [unclosed", "hrd.yaml: line"),
    ],
)
def test_errors_name_the_file_and_the_field(change: Callable[[str], str], message: str) -> None:
    with pytest.raises(FrameworkError) as caught:
        parse_framework(change(MINIMAL), "frameworks/hrd.yaml")
    assert str(caught.value).startswith(f"frameworks/{message}"), str(caught.value)


def test_two_user_files_with_one_id_are_refused(tmp_path: Path) -> None:
    (tmp_path / "one.yaml").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "two.yaml").write_text(MINIMAL, encoding="utf-8")
    with pytest.raises(FrameworkError, match="two.yaml: id: framework 'my-areas' is also defined in"):
        load_frameworks([tmp_path])


def test_a_missing_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FrameworkError, match="not a folder"):
        load_frameworks([tmp_path / "nowhere"])
