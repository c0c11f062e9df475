"""The real CPJ list imports with its mapping alone, and the counts equal the list's own."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from hrdmap.domain.monitoring.vocabulary import Sex, VerificationStatus
from hrdmap.monitoring.importer import MappedRow, RowError, import_rows
from hrdmap.monitoring.mapping import Mapping, builtin_mappings, load_mapping
from hrdmap.monitoring.places import country_code

pytestmark = pytest.mark.shared_data


@pytest.fixture(scope="module")
def cpj_file(shared_data: Path) -> Path:
    path = shared_data / "cpj-journalists-killed" / "cpj_killed_1992-2022.csv"
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    return path


@pytest.fixture(scope="module")
def mapping() -> Mapping:
    return load_mapping(builtin_mappings()["cpj-journalists-killed"])


@pytest.fixture(scope="module")
def raw_rows(cpj_file: Path) -> list[dict[str, str]]:
    with cpj_file.open(encoding="utf-8-sig", newline="") as handle:
        return [row for row in csv.DictReader(handle) if row["year"]]


@pytest.fixture(scope="module")
def results(cpj_file: Path, mapping: Mapping) -> list[object]:
    return list(import_rows(cpj_file, mapping))


def _incidents(results: list[object]) -> list[MappedRow]:
    return [r for r in results if isinstance(r, MappedRow)]


def test_every_row_with_a_year_imports_and_the_rest_are_named(
    results: list[object], raw_rows: list[dict[str, str]]
) -> None:
    errors = [r for r in results if isinstance(r, RowError)]
    assert len(_incidents(results)) == len(raw_rows)
    # The export ends with two rows holding only a number in the gender column: refused, with the reason.
    assert [(e.row, "no id" in e.reason) for e in errors] == [(2165, True), (2166, True)]


def test_counts_by_year_country_and_sex_equal_the_lists_own(
    results: list[object], raw_rows: list[dict[str, str]], mapping: Mapping
) -> None:
    translations = mapping.sections["incident"]["country"].values or {}
    imported = [r.incident for r in _incidents(results)]
    assert Counter(i.date.year for i in imported) == Counter(int(r["year"]) for r in raw_rows)
    expected_countries = Counter(country_code(translations.get(r["country"], r["country"])) for r in raw_rows)
    assert Counter(i.location.country for i in imported) == expected_countries
    sexes = {"Male": Sex.MALE, "Female": Sex.FEMALE, "": Sex.UNKNOWN}
    assert Counter(i.victims[0].sex for i in imported) == Counter(sexes[r["gender"]] for r in raw_rows)
    by_year_and_country = Counter((i.date.year, i.location.country) for i in imported)
    assert by_year_and_country[(2006, "IRQ")] == sum(
        1 for r in raw_rows if r["year"] == "2006" and r["country"] == "Iraq"
    )


def test_cpj_confirmation_is_kept_apart_from_verification(
    results: list[object], raw_rows: list[dict[str, str]]
) -> None:
    imported = [r.incident for r in _incidents(results)]
    assert {i.status for i in imported} == {VerificationStatus.REPORTED}
    confirmed = sum(1 for i in imported if i.acts[0].motive_confirmed is True)
    assert confirmed == sum(1 for r in raw_rows if r["combinedStatus"] == "Confirmed")
    tortured = sum(1 for i in imported if "torture" in i.act_types)
    assert tortured == sum(1 for r in raw_rows if r["tortured"] == "Yes")


def test_ids_are_stable_and_unique_across_reads(cpj_file: Path, mapping: Mapping, results: list[object]) -> None:
    first = [r.incident.external_ids for r in _incidents(results)]
    again = [r.incident.external_ids for r in _incidents(list(import_rows(cpj_file, mapping)))]
    assert first == again
    assert len({ids[0] for ids in first}) == len(first)
    # The two identical rows (two media workers called Maher) are two people, numbered.
    assert sum(1 for ids in first if ids[0].endswith("#2")) == 1
