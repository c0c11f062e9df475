"""Measure the framework classifier on a labelled file: the use-case behind ``hrdmap evaluate``.

It reads no stored data: it needs the settings only for the folders of user frameworks, which it adds to those
the command names.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

# DEFAULT_EMBEDDER and EvaluationReport are named here for the edges (the command line imports no analyse module).
from hrdmap.analyse.classifier.embedders import DEFAULT_EMBEDDER as DEFAULT_EMBEDDER
from hrdmap.analyse.classifier.evaluation import EvaluationReport as EvaluationReport
from hrdmap.analyse.classifier.evaluation import evaluate_files
from hrdmap.config import Settings


def evaluate_labelled(
    settings: Settings,
    labels: Path,
    *,
    framework: str | None = None,
    train: Path | None = None,
    zero_shot: bool = False,
    embedder: str = DEFAULT_EMBEDDER,
    skip_unknown: bool = False,
    framework_dirs: Sequence[Path] = (),
) -> EvaluationReport:
    """Per-label precision, recall, F1 and confusions of the classifier on ``labels``.

    Args:
        settings: Where the user's frameworks are (``settings.frameworks_dirs``).
        labels: The labelled file (CSV or JSON Lines; docs/evaluation.md).
        framework: The framework's id (else the one that knows every label of the file).
        train: A file of training rows (else the rows of ``labels`` marked ``train``).
        zero_shot: Ignore every training row.
        embedder: The embedder's registered name.
        skip_unknown: Leave out labels the framework lacks instead of refusing the file.
        framework_dirs: More folders of frameworks for this evaluation only.

    Raises:
        hrdmap.analyse.classifier.labelled.LabelledFileError: A file is malformed or its labels fit no framework.
        hrdmap.analyse.frameworks.loader.FrameworkError: An unknown framework, or an invalid framework file.
        hrdmap.analyse.classifier.embedders.EmbedderUnavailable: The embedder cannot be loaded here.
    """
    folders = (*settings.frameworks_dirs, *framework_dirs)
    return evaluate_files(labels, framework, train, zero_shot, embedder, skip_unknown, folders)
