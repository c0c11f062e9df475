"""Early warning flags a rise against the baseline, not noise; the backtest scores warnings against surges."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import numpy as np
import pytest

from hrdmap.domain.monitoring.incidents import Act, FuzzyDate, Incident, Location, Victim
from hrdmap.domain.monitoring.vocabulary import DatePrecision
from hrdmap.monitoring.backtest import backtest, surges
from hrdmap.monitoring.early_warning import detect, months, series_from_facts
from hrdmap.monitoring.facts import fact_rows
from hrdmap.monitoring.importer import MappedRow, import_rows
from hrdmap.monitoring.mapping import builtin_mappings, load_mapping

PERIODS = months(dt.date(2018, 1, 1), dt.date(2019, 12, 1))


def test_months_cover_both_ends() -> None:
    assert PERIODS[0] == "2018-01" and PERIODS[-1] == "2019-12" and len(PERIODS) == 24


def test_a_jump_is_flagged_with_what_changed_and_noise_is_not() -> None:
    steady = np.array([2, 1, 3, 2, 2, 1, 2, 3, 2, 1, 2, 2, 2, 3, 1, 2, 2, 1, 2, 3, 2, 2, 1, 2])
    jump = steady.copy()
    jump[20] = 12
    found = detect(PERIODS, {("COL",): steady, ("KEN",): jump})
    assert [(w.key, w.period, w.window) for w in found] == [(("KEN",), "2019-09", 1)]
    warning = found[0]
    assert warning.severity == "high" and warning.observed == 12
    assert warning.expected == pytest.approx(np.mean(jump[8:20]), abs=1e-3)
    assert warning.change.startswith(f"12 acts in 2019-09 against {np.mean(jump[8:20]):.1f} expected (poisson")


def test_a_slower_rise_over_three_months_is_flagged() -> None:
    counts = np.array([1, 0, 1, 1, 0, 1, 0, 1, 1, 0, 1, 0, 1, 0, 1, 1, 0, 1, 0, 1, 0, 3, 3, 3])
    found = detect(PERIODS, {("MEX",): counts}, only_last=True)
    assert [(w.period, w.window, w.observed) for w in found] == [("2019-12", 3, 9)]


def test_over_dispersed_series_use_the_negative_binomial() -> None:
    bursty = np.array([0, 9, 0, 0, 8, 0, 1, 0, 10, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 11])
    found = detect(PERIODS, {("PHL",): bursty}, only_last=True)
    assert found == [] or found[0].model == "negative-binomial"
    assert detect(PERIODS, {("PHL",): bursty}, only_last=True, alpha=0.5)[0].model == "negative-binomial"


def test_series_come_from_incidents_by_country_and_group() -> None:
    def incident(id_: int, day: str, role: str) -> Incident:
        date = dt.date.fromisoformat(day)
        return Incident(
            "Fictional threat",
            FuzzyDate(date, date, DatePrecision.DAY, day),
            Location("HND"),
            (Act("threats", victims=(0,)),),
            victims=(Victim("Fictional", roles=(role,)),),
            id=id_,
        )

    rows = list(fact_rows([incident(1, "2019-03-04", "land-environment"), incident(2, "2019-03-09", "journalists")]))
    by_country = series_from_facts(rows, PERIODS)
    by_group = series_from_facts(rows, PERIODS, by_group=True)
    assert by_country[("HND",)][PERIODS.index("2019-03")] == 2
    assert by_group[("HND", "journalists")].sum() == 1
    assert series_from_facts(rows, PERIODS, acts=("killing",)) == {}


def test_backtest_counts_early_warnings_onsets_and_false_alarms() -> None:
    periods = [str(y) for y in range(2000, 2014)]
    counts = np.array([0, 1, 0, 1, 0, 1, 3, 8, 9, 1, 0, 0, 0, 5])
    series = {("SYR",): counts}
    starts, inside = surges(periods, series, first=3)
    assert [s.period for s in starts] == ["2006", "2013"]
    assert inside[("SYR",)] == {6, 7, 8, 13}
    warnings = detect(periods, series, baseline=3, min_count=3)
    result = backtest(periods, series, warnings, first=3)
    assert result.surges == 2 and result.warned_early + result.detected_at_onset <= 2
    assert result.false_alarms == sum(1 for w in warnings if periods.index(w.period) not in {5, 6, 7, 8, 11, 12, 13})


@pytest.mark.shared_data
def test_backtest_runs_on_the_real_cpj_years(shared_data: Path) -> None:
    path = shared_data / "cpj-journalists-killed" / "cpj_killed_1992-2022.csv"
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    mapping = load_mapping(builtin_mappings()["cpj-journalists-killed"])
    incidents = [
        dataclasses.replace(r.incident, id=i)
        for i, r in enumerate((r for r in import_rows(path, mapping) if isinstance(r, MappedRow)), start=1)
    ]
    periods = [str(y) for y in range(1992, 2023)]
    series = series_from_facts(list(fact_rows(incidents)), periods, acts=("killing",), period_of="year")
    assert sum(int(s.sum()) for s in series.values()) == len(incidents)
    result = backtest(periods, series, detect(periods, series, baseline=5), first=5)
    assert result.surges > 20 and result.warned_early > 0 and result.warnings > result.false_alarms
