"""The gazetteer tagger: countries, regions, UN entities and mechanisms, with spans, in the UN languages."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from hrdmap.analyse.reference import data as gazetteer_data
from hrdmap.analyse.taggers.base import Passage, Tagger
from hrdmap.analyse.taggers.gazetteer import GazetteerTagger
from hrdmap.domain.tags import EvidenceKind

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def tagger() -> GazetteerTagger:
    return GazetteerTagger()


def found(tagger: GazetteerTagger, text: str, framework: str = "countries") -> set[str]:
    return {t.label for t in tagger.tag_text(text) if t.framework == framework}


def precision_recall(pairs: list[tuple[set[str], set[str]]]) -> tuple[float, float]:
    tp = sum(len(e & f) for e, f in pairs)
    fp = sum(len(f - e) for e, f in pairs)
    fn = sum(len(e - f) for e, f in pairs)
    return tp / max(tp + fp, 1), tp / max(tp + fn, 1)


def test_hand_checked_paragraphs_reach_the_quality_target(tagger: GazetteerTagger, fixtures: Path) -> None:
    lines = (fixtures / "analyse" / "countries_gold.jsonl").read_text("utf-8").splitlines()
    items = [json.loads(line) for line in lines if line.strip()]
    assert len(items) >= 60
    precision, recall = precision_recall([(set(i["countries"]), found(tagger, i["text"])) for i in items])
    assert precision >= 0.98
    assert recall >= 0.98


def upr_info_names(fixtures: Path) -> dict[str, str]:
    lines = (fixtures / "analyse" / "upr_info_countries.tsv").read_text("utf-8").splitlines()
    return dict(line.split("\t") for line in lines if line and not line.startswith("#"))


def test_upr_info_state_names_reach_the_quality_target(tagger: GazetteerTagger, fixtures: Path) -> None:
    names = upr_info_names(fixtures)
    precision, recall = precision_recall([({code}, found(tagger, name)) for name, code in names.items()])
    assert precision >= 0.98
    assert recall >= 0.98


@pytest.mark.shared_data
def test_every_state_under_review_in_the_upr_database_is_recognised(
    tagger: GazetteerTagger, fixtures: Path, shared_data: Path
) -> None:
    names = upr_info_names(fixtures)
    with (shared_data / "upr-recommendations" / "upr_recommendations_sessions01-15.csv").open(
        encoding="utf-8"
    ) as fh:
        counts = Counter(row["To"] for row in csv.DictReader(fh))
    right = sum(n for name, n in counts.items() if found(tagger, name) == {names[name]})
    assert right / sum(counts.values()) >= 0.98


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Papua New Guinea", {"PNG"}),
        ("Guinea-Bissau", {"GNB"}),
        ("Nigerien and Nigerian", {"NER", "NGA"}),
        ("Dominica and the Dominican Republic", {"DMA", "DOM"}),
        ("Sudan and South Sudan", {"SDN", "SSD"}),
        ("Atlanta, Georgia", set()),
        ("Jordan Smith and Mr. Chad", set()),
        ("a roast turkey", set()),
        ("Human Rights Watch and the American Bar Association", set()),
        ("Mexico City", {"MEX"}),
        ("Somalia's women", {"SOM"}),
        ("Royaume-Uni, Nigéria et Niger", {"GBR", "NGA", "NER"}),
        ("Bolivia (Estado Plurinacional de)", {"BOL"}),
        ("Российская Федерация", {"RUS"}),
        ("在刚果民主共和国", {"COD"}),
        ("发展中国家", set()),
        ("وفي المكسيك", {"MEX"}),
    ],
)
def test_ambiguous_and_multilingual_names(tagger: GazetteerTagger, text: str, expected: set[str]) -> None:
    assert found(tagger, text) == expected


def test_evidence_gives_the_span_in_the_paragraph(tagger: GazetteerTagger) -> None:
    text = "OHCHR supported defenders in Papua New Guinea."
    tags = {(t.framework, t.label): t for t in tagger.tag([Passage(7, text)])[0]}
    evidence = tags[("countries", "PNG")].evidence[0]
    assert evidence.kind is EvidenceKind.SPAN
    assert (evidence.text, text[evidence.start : evidence.end]) == ("Papua New Guinea", "Papua New Guinea")
    assert tags[("un-entities", "OHCHR")].tagger == "gazetteer"


def test_ambiguous_names_score_lower_when_only_the_default_decides(tagger: GazetteerTagger) -> None:
    tags = {t.label: t for t in tagger.tag_text("Defenders in the Congo were threatened.")}
    assert tags["COG"].score < 1.0
    assert tags["COG"].evidence[0].detail["rule"] == "ambiguous-default"


@pytest.mark.parametrize(
    ("text", "framework", "expected"),
    [
        ("UN Women and UN-Women", "un-entities", {"UN-Women"}),
        (
            "the Office of the High Commissioner for Human Rights and the High Commissioner",
            "un-entities",
            {"OHCHR"},
        ),
        ("UNHCR, the UN Refugee Agency, and the High Commissioner for Refugees", "un-entities", {"UNHCR"}),
        ("who said the WHO", "un-entities", {"WHO"}),
        ("the Committee against Torture and the CEDAW", "mechanisms", {"CAT", "CEDAW"}),
        (
            "the Human Rights Committee (CCPR) and the Subcommittee on Prevention of Torture",
            "mechanisms",
            {"CCPR", "SPT"},
        ),
        ("the Special Rapporteur on the situation of human rights defenders", "mechanisms", {"SR-HRD"}),
        (
            "the Working Group on Arbitrary Detention and the Working Group on Enforced or Involuntary "
            "Disappearances",
            "mechanisms",
            {"WGAD", "WGEID"},
        ),
        ("the Special Rapporteur on freedom of expression", "mechanisms", {"SR-FOE"}),
        ("a Special Rapporteur", "mechanisms", {"special-procedures"}),
        ("the universal periodic review", "mechanisms", {"UPR"}),
        ("le Conseil des droits de l'homme", "mechanisms", {"HRC"}),
        ("Latin America and the Caribbean", "regions", {"419"}),
        ("Middle East and North Africa", "regions", {"mena"}),
        ("East Africa and the Western Balkans", "regions", {"east-africa", "western-balkans"}),
        ("Sub-Saharan Africa and the Asia-Pacific", "regions", {"202", "asia-pacific"}),
    ],
)
def test_entities_mechanisms_and_regions(
    tagger: GazetteerTagger, text: str, framework: str, expected: set[str]
) -> None:
    assert found(tagger, text, framework) == expected


def test_the_human_rights_council_is_both_an_entity_and_a_mechanism(tagger: GazetteerTagger) -> None:
    tags = {(t.framework, t.label) for t in tagger.tag_text("the Human Rights Council")}
    assert {("un-entities", "HRC"), ("mechanisms", "HRC")} <= tags


def test_reference_data_has_un_names_in_six_languages_and_regions() -> None:
    bolivia = next(c for c in gazetteer_data.countries() if c.id == "BOL")
    assert bolivia.names["en"] == "Bolivia (Plurinational State of)"
    assert set(bolivia.names) == {"en", "fr", "es", "ru", "zh", "ar"}
    assert bolivia.subregion == "419"
    assert sum(1 for c in gazetteer_data.countries() if c.un_list) == 197
    lac = next(r for r in gazetteer_data.regions() if r.id == "419")
    assert {"BOL", "BRA", "HTI"} <= set(lac.members)


def test_gazetteer_follows_the_tagger_protocol(tagger: GazetteerTagger) -> None:
    assert isinstance(tagger, Tagger)
    assert tagger.tag([]) == []


@pytest.mark.shared_data
def test_reference_data_is_rebuilt_identically(shared_data: Path, tmp_path: Path) -> None:
    script = REPO / "scripts" / "build_reference.py"
    args = [sys.executable, str(script), "--shared-data", str(shared_data), "--out", str(tmp_path)]
    subprocess.run(args, check=True, capture_output=True)
    shipped = REPO / "src" / "hrdmap" / "analyse" / "reference"
    for name in ("countries.json", "regions.json", "un_entities.json", "mechanisms.json"):
        assert (tmp_path / name).read_text("utf-8") == (shipped / name).read_text("utf-8"), name


@pytest.mark.parametrize("name", ["entities_gold.jsonl", "entities_heldout.jsonl"])
def test_un_entities_reach_precision_and_recall_095_on_hand_written_sentences(name: str) -> None:
    # Issue 12, finding 4: World Bank Group members, UNAIDS, peacebuilding bodies, missions present and closed,
    # principal organs and ECOSOC bodies; treaty bodies are mechanisms. bench/eval_entities.py prints the misses.
    tagger = GazetteerTagger()
    tp = fp = fn = 0
    for line in (Path(__file__).parents[2] / "fixtures" / "analyse" / name).read_text("utf-8").splitlines():
        item = json.loads(line)
        found = {t.label for t in tagger.tag_text(item["text"]) if t.framework == "un-entities"}
        expected = set(item["entities"])
        tp, fp, fn = tp + len(found & expected), fp + len(found - expected), fn + len(expected - found)
    assert tp / (tp + fp) >= 0.95 and tp / (tp + fn) >= 0.95


def test_treaty_bodies_are_mechanisms_not_un_entities(tagger: GazetteerTagger) -> None:
    tags = {(t.framework, t.label) for t in tagger.tag_text("the Committee on Economic, Social and Cultural Rights")}
    assert tags == {("mechanisms", "CESCR")}


def test_closed_missions_and_world_bank_members_carry_their_facts() -> None:
    from importlib.resources import files

    text = files("hrdmap.analyse.reference").joinpath("un_entities.json").read_text("utf-8")
    raw = {e["id"]: e for e in json.loads(text)["entities"]}
    assert (raw["MINUSMA"]["years"], raw["MINUSMA"]["category"]) == ("2013-2023", "Peacekeeping Operations")
    assert raw["IFC"]["parent"] == "WORLD BANK GROUP" and raw["IFC"]["source"] == "WBG"
    assert {"MIGA", "IBRD", "IDA", "ICSID", "UNAIDS", "ECOSOC", "PBF", "UNAMI", "UNITAMS"} <= set(raw)
