"""Early warning over 200 countries × 120 months: the time to test every month, and the months as of today.

Generates monthly counts for ``--countries`` series over ``--months`` months (Poisson with a country's own rate,
a negative-binomial burst in one country in ten), then times :func:`~hrdmap.monitoring.early_warning.detect`
over the whole history and for the last month only, against a baseline measured in the same run: numpy's
rolling means of the same counts (the arithmetic floor of any baseline model).

Rerun: ``.venv/bin/python bench/bench_warnings.py [--countries 200] [--months 120]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time
from collections.abc import Callable

import numpy as np

from hrdmap.monitoring.early_warning import detect, months


def series(countries: int, count: int, seed: int) -> dict[tuple[str, ...], np.ndarray]:
    """Generated monthly counts, one series per country."""
    rng = np.random.default_rng(seed)
    out: dict[tuple[str, ...], np.ndarray] = {}
    for i in range(countries):
        rate = rng.gamma(1.5, 1.5)
        counts = rng.poisson(rate, count)
        if i % 10 == 0:
            counts = counts + rng.negative_binomial(1, 0.3, count) * (rng.random(count) < 0.1)
        out[(f"C{i:03d}",)] = counts.astype(np.int64)
    return out


def _median_ms(action: Callable[[], object], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--countries", type=int, default=200)
    parser.add_argument("--months", type=int, default=120)
    args = parser.parse_args()
    periods = months(dt.date(2015, 1, 1), dt.date(2015 + (args.months - 1) // 12, (args.months - 1) % 12 + 1, 1))
    data = series(args.countries, len(periods), seed=9)
    window = np.ones(12) / 12
    baseline = _median_ms(lambda: [np.convolve(c, window) for c in data.values()])
    history = _median_ms(lambda: detect(periods, data))
    last = _median_ms(lambda: detect(periods, data, only_last=True))
    found = detect(periods, data)
    print(f"{args.countries} countries × {len(periods)} months")
    print(f"baseline (numpy rolling means): {baseline:.1f} ms")
    print(f"every month tested: {history:.1f} ms ({history / baseline:.0f}x), {len(found)} warnings")
    print(f"last month only (as of): {last:.1f} ms")


if __name__ == "__main__":
    main()
