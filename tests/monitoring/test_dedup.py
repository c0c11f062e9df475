"""Duplicates: the same incident from several sources is proposed once, with the reasons; others are not."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from pathlib import Path

import pytest

from hrdmap.monitoring.dedup import DEFAULT_THRESHOLD, CandidatePair, LinkRecord, clusters, find_pairs, link_record
from hrdmap.monitoring.importer import MappedRow, import_rows
from hrdmap.monitoring.linkage_evaluation import inject_duplicates, perturb_name, precision_recall
from hrdmap.monitoring.mapping import builtin_mappings, load_mapping
from hrdmap.monitoring.names import name_key

DAY = dt.date(2019, 3, 4)


def _record(id_: int, name: str, day: dt.date = DAY, **other: str) -> LinkRecord:
    values = {"admin_area": "", "place": "Popayán", "act_type": "killing", "country": "COL"} | other
    return LinkRecord(id_, name, values["country"], day, day, values["admin_area"], values["place"], values["act_type"])


@pytest.mark.parametrize(
    "variant",
    ["María José Rentería Ortiz", "RENTERIA ORTIZ, Maria Jose", "María José (Majo) Rentería Ortiz"],
)
def test_names_compare_across_accents_order_case_and_brackets(variant: str) -> None:
    assert name_key(variant) == "jose maria ortiz renteria"


def test_other_scripts_are_transliterated() -> None:
    assert name_key("Мария Хосе Рентерия Ортис") == "khose mariya ortis renteriya"


def test_no_name_is_empty_not_a_match() -> None:
    assert name_key("Unidentified") == name_key("") == name_key("[name withheld]") == ""


def test_the_same_killing_from_three_sources_is_one_cluster_with_reasons() -> None:
    records = [
        _record(1, "María José Rentería Ortiz", admin_area="Cauca"),
        _record(2, "Renteria, Maria", DAY + dt.timedelta(days=2), place="Cauca"),
        _record(3, "Maria Jose Renteria Ortis", DAY - dt.timedelta(days=1)),
        _record(4, "Pedro Pablo Quintero", place="Popayán"),
        _record(5, "María José Rentería Ortiz", dt.date(2021, 7, 1), act_type="threats", place="Cali"),
    ]
    pairs = find_pairs(records)
    assert clusters(pairs) == [{1, 2, 3}]
    first = next(p for p in pairs if (p.left, p.right) == (1, 2))
    reasons = {r.comparison: r.level for r in first.reasons}
    assert reasons["name"] == "one name's words all in the other (missing parts)"
    assert reasons["date"] == "within 3 days"
    assert reasons["place"].startswith("the same admin area")
    assert all(r.weight > 0 for r in first.reasons)


def test_pairs_are_blocked_by_country() -> None:
    pairs = find_pairs([_record(1, "Ana Gómez"), _record(2, "Ana Gómez", country="PER")], threshold=0.0)
    assert pairs == []


def test_clusters_join_transitively() -> None:
    pairs = [CandidatePair(1, 2, 0.9, 3.0, ()), CandidatePair(2, 3, 0.9, 3.0, ()), CandidatePair(7, 8, 0.9, 3.0, ())]
    assert clusters(pairs) == [{1, 2, 3}, {7, 8}]


def test_perturbation_is_seeded() -> None:
    assert perturb_name("Jesús Rafael Flores Rojas", random.Random(4)) == perturb_name(
        "Jesús Rafael Flores Rojas", random.Random(4)
    )


@pytest.mark.shared_data
@pytest.mark.slow
def test_injected_duplicates_in_the_real_cpj_list_are_found(shared_data: Path) -> None:
    path = shared_data / "cpj-journalists-killed" / "cpj_killed_1992-2022.csv"
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    mapping = load_mapping(builtin_mappings()["cpj-journalists-killed"])
    incidents = [r.incident for r in import_rows(path, mapping) if isinstance(r, MappedRow)]
    records = [link_record(dataclasses.replace(incident, id=i)) for i, incident in enumerate(incidents, start=1)]
    linked, truth = inject_duplicates(records, share=0.1, seed=11)
    scores = precision_recall(find_pairs(linked), truth, DEFAULT_THRESHOLD)
    # The benchmark (bench/bench_duplicates.py) records the figures; this guards against a collapse.
    assert scores.precision >= 0.9 and scores.recall >= 0.9, scores
