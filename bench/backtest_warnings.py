"""Backtest of early warning on real dated data: CPJ's killings of journalists, 1992–2022, by country and year.

CPJ gives the year of each killing only, so the method runs on yearly counts (a baseline of ``--baseline`` years)
instead of months. For each setting it prints how many surges there were
(:mod:`hrdmap.monitoring.backtest`: at least 3 killings and at least twice the mean of the 3 years before), how
many were warned of one or two years before they started and how early, how many were only detected in their
first year, and the false alarms (warnings followed by no surge within two years, outside a surge).

The media-monitoring data in ``../shared/data/gdelt-format`` is a two-day sample (1–2 July 2017), not a series:
no backtest can run on it.

Rerun: ``.venv/bin/python bench/backtest_warnings.py``.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

from hrdmap.monitoring.backtest import backtest
from hrdmap.monitoring.early_warning import detect, series_from_facts
from hrdmap.monitoring.facts import fact_rows
from hrdmap.monitoring.importer import MappedRow, import_rows
from hrdmap.monitoring.mapping import builtin_mappings, load_mapping

SHARED = Path(os.environ.get("HRDMAP_SHARED_DATA", Path(__file__).resolve().parents[1].parent / "shared" / "data"))
CPJ = SHARED / "cpj-journalists-killed" / "cpj_killed_1992-2022.csv"


def main() -> None:
    if not CPJ.is_file():
        print(f"skipped: {CPJ} is absent")
        return
    mapping = load_mapping(builtin_mappings()["cpj-journalists-killed"])
    mapped = (r.incident for r in import_rows(CPJ, mapping) if isinstance(r, MappedRow))
    incidents = [dataclasses.replace(incident, id=i) for i, incident in enumerate(mapped, start=1)]
    periods = [str(year) for year in range(1992, 2023)]
    series = series_from_facts(list(fact_rows(incidents)), periods, acts=("killing",), period_of="year")
    print(f"CPJ: {len(incidents)} killings, {len(series)} countries, {periods[0]}–{periods[-1]} (yearly)")
    print(
        "| baseline years | alpha | min count | surges | warned 1–2 years before | mean lead (years) |"
        " detected in the first year | missed | warnings | false alarms | false-alarm share |"
        " false alarms per country-year |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for baseline in (3, 5):
        for alpha in (0.01, 0.05):
            for min_count in (2, 3):
                warnings = detect(periods, series, baseline=baseline, alpha=alpha, min_count=min_count)
                r = backtest(periods, series, warnings, first=baseline, horizon=2)
                lead = sum(r.leads) / len(r.leads) if r.leads else 0.0
                missed = r.surges - r.warned_early - r.detected_at_onset
                print(
                    f"| {baseline} | {alpha} | {min_count} | {r.surges} | {r.warned_early} ({r.early_share:.0%}) |"
                    f" {lead:.1f} | {r.detected_at_onset} | {missed} | {r.warnings} | {r.false_alarms} |"
                    f" {r.false_alarm_share:.0%} | {r.false_alarm_rate:.3f} |"
                )


if __name__ == "__main__":
    main()
