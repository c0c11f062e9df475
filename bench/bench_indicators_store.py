"""Indicators from the store: the time to load stored incidents into the fact table, then to count.

Stores ``--incidents`` generated incidents (one act, one victim, one perpetrator each; five countries, ten years)
in a temporary data folder, then times :func:`hrdmap.services.monitoring.figures.indicator_table` (the
streaming read :meth:`~hrdmap.storage.incidents.IncidentRepository.countable`, redaction, fact rows, DuckDB load)
and one grouping, against a baseline measured in the same run: reading the ids of the incidents that count.

Rerun: ``.venv/bin/python bench/bench_indicators_store.py [--incidents 100000]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import tempfile
import time
from pathlib import Path

from hrdmap.config import Settings
from hrdmap.domain.actor import Actor, Role
from hrdmap.domain.monitoring.incidents import Act, FuzzyDate, Incident, Location, Perpetrator, Victim
from hrdmap.domain.monitoring.vocabulary import DatePrecision, PerpetratorType, Sensitivity, Sex
from hrdmap.monitoring.indicators import IndicatorQuery
from hrdmap.services.monitoring import figures
from hrdmap.services.workspace import open_workspace

BENCH = Actor("bench", frozenset({Role.ADMINISTRATOR}))


def _incident(rng: random.Random) -> Incident:
    day = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(3650))
    return Incident(
        "Generated incident (fictional)",
        FuzzyDate(day, day, DatePrecision.DAY),
        Location(rng.choice(["COL", "MEX", "KEN", "PHL", "IND"])),
        (Act(rng.choice(["killing", "threats", "arbitrary-detention"]), (0,), (0,)),),
        (Victim("Fictional", sex=rng.choice(list(Sex)), roles=("defenders",)),),
        (Perpetrator(PerpetratorType.STATE_AGENT),),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--incidents", type=int, default=100_000)
    args = parser.parse_args()
    rng = random.Random(4)
    with tempfile.TemporaryDirectory() as folder, open_workspace(Settings.from_env(home=Path(folder))) as ws:
        start = time.perf_counter()
        with ws.store.transaction():
            for _ in range(args.incidents):
                ws.store.incidents.add(_incident(rng), at=BENCH.now())
        stored = time.perf_counter() - start
        start = time.perf_counter()
        ws.store.incidents.counted_ids()
        baseline = time.perf_counter() - start
        start = time.perf_counter()
        table = figures.indicator_table(ws, BENCH, Sensitivity.PUBLIC)
        loaded = time.perf_counter() - start
        start = time.perf_counter()
        cells = table.count(IndicatorQuery(acts=("killing",), by=("year", "country")))
        counted = time.perf_counter() - start
        table.close()
    print(f"{args.incidents:,} incidents stored in {stored:.1f} s")
    print(f"baseline (ids of the incidents that count): {baseline:.2f} s")
    print(f"fact table from the store: {loaded:.1f} s ({loaded / baseline:.0f}x the baseline, "
          f"{loaded / args.incidents * 1e6:.0f} µs an incident)")  # fmt: skip
    print(f"killings by year and country: {counted * 1000:.0f} ms, {len(cells)} cells")


if __name__ == "__main__":
    main()
