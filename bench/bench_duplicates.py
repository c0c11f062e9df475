"""Duplicate detection: precision and recall on the real CPJ list with injected duplicates, and speed at scale.

1. **Quality.** Imports the real CPJ list (``$HRDMAP_SHARED_DATA`` or ``../shared/data``), adds perturbed copies
   of 20 % of the named records (:mod:`hrdmap.monitoring.linkage_evaluation`: name variants, dates ±3 days or a
   day inside the list's year, admin area instead of town) and prints precision and recall at the default
   threshold, for three seeds and two date scenarios: *year vs day* (CPJ's own years against a day from another
   source) and *day vs day* (each record given a day inside its year, copies ±3 days: CPJ has years only, so
   these days are synthetic).
2. **Speed.** Links ``--incidents`` generated incidents (names built from the CPJ list's words, 200 countries,
   ten years, 10 % duplicates) on ``--threads`` DuckDB threads and prints the time, against a baseline measured
   in the same run: DuckDB counting the blocked pairs alone (no scoring).

Rerun: ``.venv/bin/python bench/bench_duplicates.py [--incidents 100000] [--threads 2]``.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import random
import time
from pathlib import Path

from hrdmap.monitoring.dedup import DEFAULT_THRESHOLD, LinkRecord, find_pairs, link_record
from hrdmap.monitoring.importer import MappedRow, import_rows
from hrdmap.monitoring.linkage_evaluation import inject_duplicates, precision_recall
from hrdmap.monitoring.mapping import builtin_mappings, load_mapping

SHARED = Path(os.environ.get("HRDMAP_SHARED_DATA", Path(__file__).resolve().parents[1].parent / "shared" / "data"))
CPJ = SHARED / "cpj-journalists-killed" / "cpj_killed_1992-2022.csv"


def cpj_records() -> list[LinkRecord]:
    """The CPJ list as link records (ids from 1)."""
    mapping = load_mapping(builtin_mappings()["cpj-journalists-killed"])
    mapped = [r.incident for r in import_rows(CPJ, mapping) if isinstance(r, MappedRow)]
    return [link_record(dataclasses.replace(incident, id=i)) for i, incident in enumerate(mapped, start=1)]


def _days(records: list[LinkRecord], seed: int) -> list[LinkRecord]:
    rng = random.Random(seed)
    out = []
    for record in records:
        assert record.date_start is not None
        day = record.date_start + dt.timedelta(days=rng.randrange(365))
        out.append(dataclasses.replace(record, date_start=day, date_end=day))
    return out


def quality(threads: int) -> None:
    """Precision and recall on the real list with injected duplicates."""
    if not CPJ.is_file():
        print(f"quality: skipped, {CPJ} is absent")
        return
    records = cpj_records()
    print(f"quality: CPJ list, {len(records)} records, 20 % of named ones copied, threshold {DEFAULT_THRESHOLD}")
    print("| dates | seed | records | injected pairs | proposed | precision | recall | seconds |")
    print("|---|---|---|---|---|---|---|---|")
    for scenario in ("year vs day", "day vs day"):
        for seed in (1, 2, 3):
            base = records if scenario == "year vs day" else _days(records, seed + 100)
            linked, truth = inject_duplicates(base, share=0.2, seed=seed)
            start = time.perf_counter()
            pairs = find_pairs(linked, threads=threads)
            seconds = time.perf_counter() - start
            s = precision_recall(pairs, truth, DEFAULT_THRESHOLD)
            print(
                f"| {scenario} | {seed} | {len(linked)} | {s.true_pairs} | {s.proposed} | {s.precision:.3f} |"
                f" {s.recall:.3f} | {seconds:.1f} |"
            )


def generated(count: int, seed: int) -> tuple[list[LinkRecord], set[tuple[int, int]]]:
    """``count`` incidents with CPJ-like names, 10 % of them duplicated."""
    rng = random.Random(seed)
    words = sorted({w for r in cpj_records() for w in r.name.split() if w.isalpha()}) if CPJ.is_file() else []
    words = words or [f"name{i}" for i in range(3000)]
    countries = [f"C{i:03d}" for i in range(200)]
    acts = ["killing", "threats", "arbitrary-detention", "physical-attack", "judicial-harassment"]
    first = dt.date(2015, 1, 1)
    records = []
    for i in range(1, round(count / 1.1) + 1):
        day = first + dt.timedelta(days=rng.randrange(3650))
        country = rng.choice(countries)
        records.append(
            LinkRecord(
                id=i,
                name=" ".join(rng.choice(words) for _ in range(rng.choice((2, 2, 3)))),
                country=country,
                date_start=day,
                date_end=day,
                admin_area=f"{country}-area-{rng.randrange(10)}",
                place=f"{country}-town-{rng.randrange(40)}",
                act_type=rng.choice(acts),
            )
        )
    return inject_duplicates(records, share=0.1, seed=seed)


def _blocked_pairs(records: list[LinkRecord], threads: int) -> int:
    import duckdb
    import pyarrow as pa

    table = pa.Table.from_pylist(
        [{"country": r.country, "year": r.date_start.year if r.date_start else None} for r in records]
    )
    connection = duckdb.connect()
    connection.execute(f"SET threads TO {threads}")
    connection.register("t", table)
    row = connection.execute("SELECT sum(n * (n - 1) / 2) FROM (SELECT count(*) n FROM t GROUP BY country, year)")
    found = row.fetchone()
    connection.close()
    return int(found[0]) if found else 0


def speed(count: int, threads: int) -> None:
    """Time to link ``count`` generated incidents."""
    records, truth = generated(count, seed=5)
    start = time.perf_counter()
    blocked = _blocked_pairs(records, threads)
    baseline = time.perf_counter() - start
    start = time.perf_counter()
    pairs = find_pairs(records, threads=threads)
    seconds = time.perf_counter() - start
    s = precision_recall(pairs, truth, DEFAULT_THRESHOLD)
    print(f"speed: {len(records):,} incidents, {threads} threads: {seconds:.1f} s to link")
    print(f"  baseline (DuckDB counting the country-year block pairs, {blocked:,}): {baseline:.2f} s")
    print(f"  ratio linking / baseline: {seconds / baseline:.0f}x")
    print(f"  on the generated data: precision {s.precision:.3f}, recall {s.recall:.3f} ({s.proposed:,} proposed)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--incidents", type=int, default=100_000)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    quality(args.threads)
    speed(args.incidents, args.threads)


if __name__ == "__main__":
    main()
