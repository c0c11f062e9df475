"""Indicators over 1,000,000 generated incidents: the time of each grouping once the facts are loaded.

Generates ``--incidents`` incidents' fact rows column-wise (one act and one victim each; 200 countries, ten
years, day dates, five act types, sex, groups, perpetrators, statuses and sensitivities in realistic shares),
loads them into an :class:`~hrdmap.monitoring.indicators.IndicatorTable` (DuckDB), then times each grouping
(median of five runs) against a baseline measured in the same run: ``SELECT count(*)`` over the same table.

Rerun: ``.venv/bin/python bench/bench_indicators.py [--incidents 1000000] [--threads 2]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time

import numpy as np

from hrdmap.analyse.reference.data import countries
from hrdmap.domain.monitoring.vocabulary import Sensitivity
from hrdmap.monitoring.facts import COLUMNS, VICTIM_SLOTS
from hrdmap.monitoring.indicators import SDG_16_10_1, IndicatorQuery, IndicatorTable
from hrdmap.monitoring.places import region_of

GROUPINGS = (
    ("year",),
    ("year", "country"),
    ("country", "sex"),
    ("region", "year"),
    ("subregion", "act"),
    ("role",),
    ("perpetrator", "year"),
    ("month", "country"),
)


def columns(count: int, seed: int) -> dict[str, list[object]]:
    """Fact columns of ``count`` generated incidents."""
    rng = np.random.default_rng(seed)
    iso = [c.id for c in countries() if c.un_list][:200]
    days = rng.integers(0, 3652, count)
    first = dt.date(2015, 1, 1)
    dates = [first + dt.timedelta(days=int(d)) for d in days]
    country = rng.choice(iso, count)
    regions = {c: (region_of(c, "region"), region_of(c, "subregion")) for c in iso}
    acts = rng.choice(
        ["killing", "threats", "arbitrary-detention", "torture", "judicial-harassment"],
        count,
        p=[0.1, 0.4, 0.25, 0.05, 0.2],
    )
    roles = [["defenders"], ["journalists"], ["trade-unionists"], ["defenders", "women"], ["land-environment"]]
    role_pick = rng.integers(0, len(roles), count)
    perpetrators = [["state-agent"], ["non-state-armed-group"], ["organised-crime"], ["unknown"]]
    perp_pick = rng.integers(0, len(perpetrators), count)
    ids = np.arange(1, count + 1)
    return {
        "incident_id": ids.tolist(),
        "victim_uid": (ids * VICTIM_SLOTS).tolist(),
        "act": acts.tolist(),
        "status": rng.choice(["reported", "under-verification", "verified", "not-verifiable"], count).tolist(),
        "sensitivity": rng.choice(["public", "restricted", "confidential"], count, p=[0.7, 0.2, 0.1]).tolist(),
        "date_start": dates,
        "date_end": dates,
        "year": [d.year for d in dates],
        "month": [d.isoformat()[:7] for d in dates],
        "precision": ["day"] * count,
        "country": country.tolist(),
        "region": [regions[c][0] for c in country],
        "subregion": [regions[c][1] for c in country],
        "sex": rng.choice(["female", "male", "unknown"], count).tolist(),
        "age_group": rng.choice(["18-29", "30-44", "45-59", "unknown"], count).tolist(),
        "roles": [roles[i] for i in role_pick],
        "perpetrators": [perpetrators[i] for i in perp_pick],
    }


def _median_ms(action: object, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()  # type: ignore[operator]
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--incidents", type=int, default=1_000_000)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    start = time.perf_counter()
    data = columns(args.incidents, seed=3)
    assert set(data) == set(COLUMNS)
    generated = time.perf_counter() - start
    start = time.perf_counter()
    table = IndicatorTable.from_columns(data, threads=args.threads)
    loaded = time.perf_counter() - start
    print(f"{args.incidents:,} incidents: generated in {generated:.1f} s, loaded into DuckDB in {loaded:.1f} s")
    baseline = _median_ms(lambda: table._connection.execute("SELECT count(*) FROM facts").fetchall())
    print(f"baseline SELECT count(*): {baseline:.1f} ms")
    print("| grouping | filter | cells | median ms | ratio to baseline |")
    print("|---|---|---|---|---|")
    for by in GROUPINGS:
        for label, query in (
            ("killings, public", IndicatorQuery(acts=("killing",), by=by)),
            (
                "16.10.1 acts, verified, all clearances",
                IndicatorQuery(acts=SDG_16_10_1, by=by, statuses=("verified",), clearance=Sensitivity.CONFIDENTIAL),
            ),
        ):
            cells = table.count(query)
            ms = _median_ms(lambda q=query: table.count(q))
            print(f"| {', '.join(by)} | {label} | {len(cells):,} | {ms:.1f} | {ms / baseline:.0f}x |")
    query = IndicatorQuery(acts=("killing",), by=("year", "country"))
    cell = table.count(query)[0]
    ms = _median_ms(lambda: table.drill(query, cell.key))
    print(f"drill-down of one cell ({cell.incidents} incidents): {ms:.1f} ms")
    table.close()


if __name__ == "__main__":
    main()
