"""Precision and recall of country tagging (gazetteer tagger).

Two gold sets:

(a) the State names of the UPR Info database of UPR recommendations, sessions 1-15 (the "To" and "From"
fields of
    ``../shared/data/upr-recommendations/upr_recommendations_sessions01-15.csv``, UPR Info spelling), mapped
    by
    hand to ISO3 in ``tests/fixtures/analyse/upr_info_countries.tsv``; scored once per distinct name and once
    per
    row (27,510 rows, "To" field);
(b) hand-checked paragraphs with the ambiguous cases in ``tests/fixtures/analyse/countries_gold.jsonl``.

Run: ``.venv/bin/python -m bench.eval_countries`` (or ``python bench/eval_countries.py``).
"""

from __future__ import annotations

import csv
import json
import os
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from hrdmap.analyse.taggers.gazetteer import COUNTRIES, GazetteerTagger

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures" / "analyse"
SHARED = Path(os.environ.get("HRDMAP_SHARED_DATA", REPO.parent / "shared" / "data"))


def score(pairs: Iterable[tuple[set[str], set[str]]]) -> tuple[float, float, list[str]]:
    """Micro precision and recall over (expected, found) sets, and the disagreements."""
    tp = fp = fn = 0
    misses = []
    for expected, found in pairs:
        tp += len(expected & found)
        fp += len(found - expected)
        fn += len(expected - found)
        if expected != found:
            misses.append(f"expected {sorted(expected)}, found {sorted(found)}")
    return tp / max(tp + fp, 1), tp / max(tp + fn, 1), misses


def countries_in(tagger: GazetteerTagger, text: str) -> set[str]:
    return {t.label for t in tagger.tag_text(text) if t.framework == COUNTRIES}


def upr_names() -> dict[str, str]:
    rows = (
        line.rstrip("\n").split("\t") for line in (FIXTURES / "upr_info_countries.tsv").open(encoding="utf-8")
    )
    return {row[0]: row[1] for row in rows if row[0] and not row[0].startswith("#")}


def eval_upr_names(tagger: GazetteerTagger) -> tuple[float, float, list[str]]:
    names = upr_names()
    return score(({code}, countries_in(tagger, name)) for name, code in names.items())


def eval_upr_rows(tagger: GazetteerTagger, path: Path) -> tuple[float, float, int]:
    names = upr_names()
    with path.open(encoding="utf-8") as fh:
        counts = Counter(row["To"] for row in csv.DictReader(fh))
    found = {name: countries_in(tagger, name) for name in counts}
    tp = sum(n for name, n in counts.items() if names[name] in found[name])
    fp = sum(n * len(found[name] - {names[name]}) for name, n in counts.items())
    total = sum(counts.values())
    return tp / max(tp + fp, 1), tp / total, total


def eval_gold(tagger: GazetteerTagger) -> tuple[float, float, list[str]]:
    lines = (FIXTURES / "countries_gold.jsonl").read_text("utf-8").splitlines()
    items = [json.loads(line) for line in lines if line.strip()]
    pairs = [(set(i["countries"]), countries_in(tagger, i["text"])) for i in items]
    precision, recall, misses = score(pairs)
    return (
        precision,
        recall,
        [f"{i['text']!r}: {m}" for i, m in zip(items, misses, strict=False)] if misses else [],
    )


def main() -> None:
    tagger = GazetteerTagger()
    p, r, misses = eval_upr_names(tagger)
    print(
        f"(a) UPR Info State names ({len(upr_names())} distinct, To+From): precision {p:.3f} recall {r:.3f}"
    )
    for miss in misses:
        print("    ", miss)
    csv_path = SHARED / "upr-recommendations" / "upr_recommendations_sessions01-15.csv"
    if csv_path.exists():
        p, r, total = eval_upr_rows(tagger, csv_path)
        print(
            f"(a) UPR recommendations, 'To' field, per row ({total} rows): precision {p:.3f} recall {r:.3f}"
        )
    p, r, misses = eval_gold(tagger)
    count = len((FIXTURES / "countries_gold.jsonl").read_text("utf-8").splitlines())
    print(f"(b) hand-checked paragraphs ({count}): precision {p:.3f} recall {r:.3f}")
    for miss in misses:
        print("    ", miss)


if __name__ == "__main__":
    main()
