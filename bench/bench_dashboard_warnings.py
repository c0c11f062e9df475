"""The dashboard's new warnings over a store of incidents: the first computation, then the cached one.

Stores ``--incidents`` generated incidents (threats, killings and detentions in five countries over ten years, the
last month included) in a temporary data folder, then times
:func:`hrdmap.services.monitoring.figures.new_warnings` twice (the second answer comes from the cache keyed by
the store's generation), against a baseline measured in the same run: reading the ids of the incidents that
count.

Rerun: ``.venv/bin/python bench/bench_dashboard_warnings.py [--incidents 20000]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import tempfile
import time
from pathlib import Path

from hrdmap.config import Settings
from hrdmap.domain.actor import Actor, Role
from hrdmap.domain.monitoring.incidents import Act, FuzzyDate, Incident, Location, Victim
from hrdmap.domain.monitoring.vocabulary import DatePrecision
from hrdmap.services.monitoring import figures
from hrdmap.services.workspace import open_workspace

BENCH = Actor("bench", frozenset({Role.ADMINISTRATOR}))
AS_OF = dt.date(2024, 12, 15)


def _incident(rng: random.Random) -> Incident:
    day = AS_OF - dt.timedelta(days=rng.randrange(3650))
    return Incident(
        "Generated incident (fictional)",
        FuzzyDate(day, day, DatePrecision.DAY),
        Location(rng.choice(["COL", "MEX", "KEN", "PHL", "IND"])),
        (Act(rng.choice(["killing", "threats", "arbitrary-detention"]), (0,)),),
        (Victim("Fictional", roles=("defenders",)),),
    )


def main() -> None:
    """Print the time of the first and the cached computation of the dashboard's warnings."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--incidents", type=int, default=20_000)
    count = parser.parse_args().incidents
    rng = random.Random(5)
    with tempfile.TemporaryDirectory() as folder, open_workspace(Settings.from_env(home=Path(folder))) as ws:
        with ws.store.transaction():
            for _ in range(count):
                ws.store.incidents.add(_incident(rng), at=BENCH.now())
        start = time.perf_counter()
        ws.store.incidents.counted_ids()
        baseline = time.perf_counter() - start
        start = time.perf_counter()
        first = figures.new_warnings(ws, BENCH, as_of=AS_OF)
        cold = time.perf_counter() - start
        start = time.perf_counter()
        again = figures.new_warnings(ws, BENCH, as_of=AS_OF)
        warm = time.perf_counter() - start
    assert first is not None and again is not None and len(first) == len(again)
    print(f"load average {os.getloadavg()[0]:.1f}; {count:,} incidents, {len(first)} warnings")
    print(f"baseline (ids of the incidents that count): {baseline * 1000:.0f} ms")
    print(f"first computation: {cold * 1000:.0f} ms ({cold / baseline:.0f}x the baseline)")
    print(f"cached (same store generation): {warm * 1000:.1f} ms ({warm / baseline:.2f}x the baseline)")


if __name__ == "__main__":
    main()
