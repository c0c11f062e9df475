"""Early warning: flag a rise in attacks and threats in a country (or a group in a country) against its baseline.

Most defenders who are killed were threatened first, so a rise in threats and attacks is a signal to act. The
method (docs/monitoring.md):

1. **Counts** per period (a month, or a year for lists that give years) of the acts watched (by default every
   attack type, threats included) for each country, or each country and group at risk.
2. **Baseline**: the mean ``μ`` and variance ``v`` of the ``baseline`` periods before (12 months by default).
   When the counts are over-dispersed (``v > μ``) the expected count follows a negative binomial with that mean
   and variance, else a Poisson with mean ``μ`` (floored at ``floor`` so a first incident is not infinitely
   surprising).
3. **Test**: the upper-tail probability ``p = P(X ≥ observed)`` for the last period, and for the sum of the last
   three periods against three times the baseline (a slower rise). A warning is raised when ``p < alpha``
   (0.01) and the observed count is at least ``min_count`` (3).
4. **Severity**: high when ``p < 0.0001``, medium when ``p < 0.001``, else low.

Pure and vectorised over the series: 200 countries × 120 months take a fraction of a second (bench).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

DEFAULT_BASELINE = 12
DEFAULT_ALPHA = 0.01
DEFAULT_MIN_COUNT = 3
DEFAULT_FLOOR = 0.1


@dataclass(frozen=True, slots=True)
class Warning:  # noqa: A001 - the domain's word; never confused with the builtin in this module
    """A rise flagged for one series in one period.

    Attributes:
        key: The series: ``(country,)`` or ``(country, group)``.
        period: The period it was flagged in ("2019-03", or "2019").
        window: Periods summed (1: the last period; 3: the last three).
        observed: Acts counted in the window.
        expected: The baseline's expectation for the window.
        p_value: Upper-tail probability of ``observed`` under the baseline.
        severity: ``high``, ``medium`` or ``low``.
        model: ``poisson`` or ``negative-binomial``.
    """

    key: tuple[str, ...]
    period: str
    window: int
    observed: int
    expected: float
    p_value: float
    severity: str
    model: str

    @property
    def change(self) -> str:
        """What changed, in words: "7 acts in 2019-03 against 1.2 expected"."""
        span = self.period if self.window == 1 else f"the {self.window} periods to {self.period}"
        return (
            f"{self.observed} acts in {span} against {self.expected:.1f} expected ({self.model}, p={self.p_value:.1g})"
        )


def months(first: dt.date, last: dt.date) -> list[str]:
    """Month labels from ``first``'s month to ``last``'s, inclusive ("2019-01" …)."""
    out, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def series_from_facts(
    rows: Iterable[Mapping[str, Any]],
    periods: Sequence[str],
    *,
    acts: Sequence[str] = (),
    by_group: bool = False,
    period_of: str = "month",
) -> dict[tuple[str, ...], np.ndarray]:
    """Count acts per series and period from fact rows (:mod:`hrdmap.monitoring.facts`).

    Args:
        rows: Fact rows (only counted statuses should be passed).
        periods: The period labels, in order.
        acts: Act types watched (empty: all).
        by_group: One series per country and group at risk, instead of per country.
        period_of: ``"month"`` (rows without a month are left out) or ``"year"``.
    """
    index = {p: i for i, p in enumerate(periods)}
    counted: dict[tuple[str, ...], np.ndarray] = {}
    for row in rows:
        if (acts and row["act"] not in acts) or not row["country"]:
            continue
        label = row["month"] if period_of == "month" else (str(row["year"]) if row["year"] else None)
        if label not in index:
            continue
        keys = [(row["country"], role) for role in row["roles"]] if by_group else [(row["country"],)]
        for key in keys:
            counted.setdefault(key, np.zeros(len(periods), dtype=np.int64))[index[label]] += 1
    return counted


def _poisson_tail(observed: int, mean: float) -> float:
    if observed <= 0:
        return 1.0
    term = math.exp(-mean)
    below = term
    for k in range(1, observed):
        term *= mean / k
        below += term
    return max(1.0 - below, 1e-16)


def _negbin_tail(observed: int, mean: float, variance: float) -> float:
    if observed <= 0:
        return 1.0
    size = mean * mean / (variance - mean)
    ratio = mean / (size + mean)
    term = float(math.pow(size / (size + mean), size))
    below = term
    for k in range(0, observed - 1):
        term *= (k + size) / (k + 1) * ratio
        below += term
    return max(1.0 - below, 1e-16)


def _severity(p_value: float) -> str:
    return "high" if p_value < 1e-4 else ("medium" if p_value < 1e-3 else "low")


def _rolling(counts: np.ndarray, width: int) -> tuple[np.ndarray, np.ndarray]:
    """Mean and variance of the ``width`` values before each position (NaN where fewer are available)."""
    values = counts.astype(np.float64)
    cumulative = np.concatenate([[0.0], np.cumsum(values)])
    squares = np.concatenate([[0.0], np.cumsum(values * values)])
    mean = np.full(len(values), np.nan)
    variance = np.full(len(values), np.nan)
    if len(values) > width:
        total = cumulative[width:-1] - cumulative[: -width - 1]
        total_sq = squares[width:-1] - squares[: -width - 1]
        mean[width:] = total / width
        variance[width:] = np.maximum(total_sq / width - mean[width:] ** 2, 0.0) * width / max(width - 1, 1)
    return mean, variance


def _check(
    key: tuple[str, ...], period: str, window: int, observed: int, mean: float, variance: float, alpha: float
) -> Warning | None:
    expected, spread = mean * window, variance * window
    if spread > expected * 1.0001:
        p_value, model = _negbin_tail(observed, expected, spread), "negative-binomial"
    else:
        p_value, model = _poisson_tail(observed, expected), "poisson"
    if p_value >= alpha:
        return None
    return Warning(key, period, window, observed, round(expected, 3), p_value, _severity(p_value), model)


def _series_warnings(
    key: tuple[str, ...],
    counts: np.ndarray,
    periods: Sequence[str],
    first: int,
    baseline: int,
    alpha: float,
    min_count: int,
    floor: float,
) -> list[Warning]:
    mean, variance = _rolling(counts, baseline)
    three = np.convolve(counts, np.ones(3, dtype=np.int64))[: len(counts)]
    singles: dict[int, Warning] = {}
    for t in (int(i) for i in np.nonzero(counts >= min_count)[0]):
        if t >= max(first - 2, baseline) and not np.isnan(mean[t]):
            mu = max(float(mean[t]), floor)
            warning = _check(key, periods[t], 1, int(counts[t]), mu, max(float(variance[t]), mu), alpha)
            if warning is not None:
                singles[t] = warning
    found = [w for t, w in singles.items() if t >= first]
    # A slower rise: the last three periods against the baseline before them, unless one of the three was
    # already flagged alone (the same spike is not reported again).
    for t in (int(i) for i in np.nonzero(three >= min_count)[0]):
        if t < first or t < 2 or np.isnan(mean[t - 2]) or {t, t - 1, t - 2} & singles.keys():
            continue
        mu = max(float(mean[t - 2]), floor)
        warning = _check(key, periods[t], 3, int(three[t]), mu, max(float(variance[t - 2]), mu), alpha)
        if warning is not None:
            found.append(warning)
    return found


def detect(
    periods: Sequence[str],
    series: Mapping[tuple[str, ...], np.ndarray],
    *,
    baseline: int = DEFAULT_BASELINE,
    alpha: float = DEFAULT_ALPHA,
    min_count: int = DEFAULT_MIN_COUNT,
    floor: float = DEFAULT_FLOOR,
    only_last: bool = False,
) -> list[Warning]:
    """Warnings for every series and period (or only the last period), strongest first within a period.

    Args:
        periods: Period labels, in order.
        series: Counts per series, aligned with ``periods``.
        baseline: Periods in the baseline.
        alpha: Largest upper-tail probability that raises a warning.
        min_count: Fewest acts in the window that can raise one.
        floor: Smallest baseline mean per period.
        only_last: Test the last period only (the warnings "as of" it).
    """
    found: list[Warning] = []
    first = len(periods) - 1 if only_last else baseline
    for key, counts in series.items():
        found += _series_warnings(key, counts, periods, first, baseline, alpha, min_count, floor)
    return sorted(found, key=lambda w: (w.period, w.p_value, w.key))
