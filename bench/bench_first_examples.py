"""What the first reviewed examples teach the classifier: macro-F1 after 1, 2, 4 and 8 reviewed examples per label.

Data: UPR Info's ten themes on the 27,510 UPR recommendations of ``../shared/data/upr-recommendations`` (the
labelled set of ``bench/eval_upr.py``): the reviewed examples are drawn from sessions 1–12 (N recommendations
carrying each theme, so 10·N examples, each with all its themes), the test is every recommendation of sessions
13–15 (6,154). Three draws (seeds 0–2) per N; the mean macro-F1 is printed.

Two frameworks:

- **as shipped** (``examples/frameworks/upr-info-themes.yaml``): its keywords already find most of each theme;
- **without keywords**: the same labels with their names, definitions and examples only, as a framework whose
  words do not match the documents' (the 2018 areas on a report written in other words): zero-shot finds
  almost nothing, and only the examples can teach the labels.

For each: zero-shot (no example), then the classifier fitted on the N per label (labels reach a model of their
own at 8 positives and 8 negatives; before that, the first examples join the label prototypes where the
framework's words fail them: :mod:`hrdmap.analyse.classifier.first_examples`).

Run: ``OPENBLAS_NUM_THREADS=1 .venv/bin/python bench/bench_first_examples.py [--seeds 3]`` (a minute or two with
static-e5; the vectors are cached with ``eval_upr.py``'s cache file).
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import sys
import tempfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_upr import EXAMPLE_FRAMEWORKS, FRAMEWORK, SHARED, DiskCachedEmbedder, upr_split  # noqa: E402

from hrdmap.analyse.classifier.embedders import CachingEmbedder, get_embedder  # noqa: E402
from hrdmap.analyse.classifier.evaluation import score  # noqa: E402
from hrdmap.analyse.classifier.labelled import LabelledText  # noqa: E402
from hrdmap.analyse.classifier.model import FrameworkClassifier  # noqa: E402
from hrdmap.analyse.frameworks.loader import load_frameworks  # noqa: E402
from hrdmap.domain.framework import Framework  # noqa: E402

COUNTS = (1, 2, 4, 8)


def without_keywords(framework: Framework) -> Framework:
    """The framework with its keywords and patterns removed (names, definitions and examples kept)."""
    labels = tuple(dataclasses.replace(label, keywords={}, patterns={}) for label in framework.labels)
    return dataclasses.replace(framework, labels=labels)


def draw(train: list[LabelledText], labels: tuple[str, ...], count: int, seed: int) -> list[LabelledText]:
    """``count`` training recommendations carrying each label (drawn at random, without repeats)."""
    rng = random.Random(seed)
    chosen: dict[str, LabelledText] = {}
    for label in labels:
        pool = [item for item in train if label in item.labels and item.key not in chosen]
        chosen.update((item.key, item) for item in rng.sample(pool, count))
    return list(chosen.values())


def macro(framework: Framework, embedder: CachingEmbedder, examples: list[LabelledText],
          test: list[LabelledText]) -> tuple[float, dict[str, str]]:
    """Macro-F1 on ``test`` after fitting ``examples`` (zero-shot when empty), and each label's mode."""
    classifier = FrameworkClassifier({framework.id: framework}, embedder)
    if examples:
        classifier.fit(framework.id, examples)
    prediction = classifier.predict(framework.id, [item.text for item in test])
    report = score(framework, [item.labels for item in test], prediction.label_sets())
    return report.macro.f1, dict(zip(prediction.labels, prediction.modes, strict=True))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--embedder", default="static-e5")
    args = parser.parse_args()
    cache = Path(tempfile.gettempdir()) / f"hrdmap-upr-{args.embedder}.npz"
    embedder = CachingEmbedder(DiskCachedEmbedder(get_embedder(args.embedder).inner, cache))
    train, test = upr_split(SHARED)
    shipped = load_frameworks([EXAMPLE_FRAMEWORKS])[FRAMEWORK]
    labels = tuple(label.id for label in shipped.labels)
    print(f"UPR themes, {len(test)} test recommendations (sessions 13-15); mean of {args.seeds} draws; "
          f"embedder {args.embedder}\n")
    print("| framework | zero-shot | " + " | ".join(f"{n} per label" for n in COUNTS) + " |")
    print("|---|---:|" + "---:|" * len(COUNTS))
    for name, framework in (("as shipped", shipped), ("without keywords", without_keywords(shipped))):
        zero, _ = macro(framework, embedder, [], test)
        cells = []
        for count in COUNTS:
            runs = [macro(framework, embedder, draw(train, labels, count, seed), test) for seed in range(args.seeds)]
            modes = sorted({mode for _, found in runs for mode in found.values()})
            cells.append(f"{np.mean([f1 for f1, _ in runs]):.3f} ({', '.join(modes)})")
        print(f"| {name} | {zero:.3f} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
