"""Backtest early warning on real dated data: were later surges warned of, how early, and how often in vain?

Definitions (docs/monitoring.md):

* a **surge** starts in period ``s`` for a series when its count is at least ``min_count`` and at least
  ``factor`` times the mean of the ``lookback`` periods before (that mean floored at 1), and the period before
  was not itself a surge start or inside the surge (the count had fallen back below that level);
* a surge is **warned of** when a warning was raised for the same series in one of the ``horizon`` periods
  before ``s``; its **lead** is the number of periods from the first such warning to ``s``. A warning in ``s``
  itself is detection at onset, counted apart (lead 0, not early);
* a warning is a **false alarm** when no surge starts in the same series within ``horizon`` periods after it
  and it does not fall inside a surge (from its start while the count stays at or above its start level).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from hrdmap.monitoring.early_warning import Warning


@dataclass(frozen=True, slots=True)
class Surge:
    """The start of a surge in one series."""

    key: tuple[str, ...]
    index: int
    period: str
    count: int
    before: float


@dataclass(frozen=True, slots=True)
class BacktestResult:
    """What the backtest found."""

    surges: int
    warned_early: int
    detected_at_onset: int
    leads: tuple[int, ...]
    warnings: int
    false_alarms: int
    series_periods: int

    @property
    def early_share(self) -> float:
        """Share of surges warned of before they started."""
        return self.warned_early / self.surges if self.surges else 0.0

    @property
    def false_alarm_share(self) -> float:
        """Share of warnings that were false alarms."""
        return self.false_alarms / self.warnings if self.warnings else 0.0

    @property
    def false_alarm_rate(self) -> float:
        """False alarms per series-period tested (how often a quiet series is flagged)."""
        return self.false_alarms / self.series_periods if self.series_periods else 0.0


def surges(
    periods: Sequence[str],
    series: Mapping[tuple[str, ...], np.ndarray],
    *,
    lookback: int = 3,
    factor: float = 2.0,
    min_count: int = 3,
    first: int = 0,
) -> tuple[list[Surge], dict[tuple[str, ...], set[int]]]:
    """Surge starts from period ``first`` on, and the periods inside each series' surges."""
    found: list[Surge] = []
    inside: dict[tuple[str, ...], set[int]] = {}
    for key, counts in series.items():
        level = None
        for t in range(max(first, lookback), len(periods)):
            if level is not None and counts[t] >= level:
                inside.setdefault(key, set()).add(t)
                continue
            level = None
            before = max(float(np.mean(counts[t - lookback : t])), 1.0)
            if counts[t] >= min_count and counts[t] >= factor * before:
                found.append(Surge(key, t, periods[t], int(counts[t]), before))
                inside.setdefault(key, set()).add(t)
                level = int(counts[t])
    return found, inside


def backtest(
    periods: Sequence[str],
    series: Mapping[tuple[str, ...], np.ndarray],
    warnings: Sequence[Warning],
    *,
    horizon: int = 2,
    first: int = 0,
    lookback: int = 3,
    factor: float = 2.0,
    min_count: int = 3,
) -> BacktestResult:
    """Score warnings raised over the history against the surges that followed."""
    index = {p: i for i, p in enumerate(periods)}
    starts, inside = surges(periods, series, lookback=lookback, factor=factor, min_count=min_count, first=first)
    raised: dict[tuple[str, ...], set[int]] = {}
    for warning in warnings:
        if index[warning.period] >= first:
            raised.setdefault(warning.key, set()).add(index[warning.period])
    leads: list[int] = []
    onset = 0
    for surge in starts:
        before = sorted(t for t in raised.get(surge.key, ()) if surge.index - horizon <= t < surge.index)
        if before:
            leads.append(surge.index - before[0])
        elif surge.index in raised.get(surge.key, ()):
            onset += 1
    start_index: dict[tuple[str, ...], set[int]] = {}
    for surge in starts:
        start_index.setdefault(surge.key, set()).add(surge.index)
    false_alarms = 0
    total = 0
    for key, moments in raised.items():
        for t in moments:
            total += 1
            ahead = any(t <= s <= t + horizon for s in start_index.get(key, ()))
            if not ahead and t not in inside.get(key, set()):
                false_alarms += 1
    tested = sum(max(len(periods) - first, 0) for _ in series)
    return BacktestResult(len(starts), len(leads), onset, tuple(leads), total, false_alarms, tested)
