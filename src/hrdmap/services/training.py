"""Teach learning taggers (the framework classifier) with the reviewers' decisions, and keep what they learned.

Before a tagging run, a tagger that can learn (it has ``fit(framework, examples)``, ``save(folder)``, a
``load(folder)`` class method and a ``frameworks`` mapping, as
:class:`hrdmap.analyse.classifier.model.FrameworkClassifier` does) is given, for each of its frameworks, every
paragraph a person reviewed in that framework as an example. The example's labels are the paragraph's
effective labels in that framework: accepted and added labels are in, rejected ones out, and labels nobody
reviewed on it follow the *other* taggers' machine tags (at or above threshold; a tagger never learns from its
own guesses); a label missing from an example counts as absent.

The state is saved under ``$HRDMAP_HOME/models/<tagger>/`` with a fingerprint of the examples and of the embedder;
when neither has changed since, the saved state is loaded instead of fitting again.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from hrdmap.analyse.classifier.labelled import LabelledText
from hrdmap.analyse.taggers.base import Passage, Tagger
from hrdmap.storage.tags import Decision, ReviewedExample, StoredTag, TagRepository

MODELS_DIR = "models"
FINGERPRINT = "reviews.sha256"


@runtime_checkable
class Trainable(Protocol):
    """A tagger that learns from labelled examples and can save and load what it learned."""

    name: str

    @property
    def frameworks(self) -> Mapping[str, Any]:
        """The frameworks it tags with, by id."""
        ...

    def tag(self, passages: Sequence[Passage]) -> list[list[Any]]:
        """Tags for each passage."""
        ...

    def fit(self, framework: str, examples: Sequence[LabelledText]) -> object:
        """Learn ``framework``'s labels from examples (labels not listed are absent)."""
        ...

    def save(self, folder: Path) -> None:
        """Save what was learned."""
        ...


@dataclass(frozen=True, slots=True)
class Trained:
    """What a learning tagger was taught before a run.

    Attributes:
        examples: Reviewed paragraphs it learned from, over all frameworks.
        frameworks: Examples per framework.
        folder: Where its state is kept.
        reused: Whether the saved state was loaded (reviews unchanged) instead of fitting again.
    """

    examples: int
    frameworks: dict[str, int] = field(default_factory=dict)
    folder: Path | None = None
    reused: bool = False


def is_trainable(tagger: object) -> bool:
    """Whether ``tagger`` learns from reviews (see :class:`Trainable`)."""
    return isinstance(tagger, Trainable) and callable(getattr(type(tagger), "load", None))


def model_folder(home: Path, name: str) -> Path:
    """Where the state of the learning tagger ``name`` is kept."""
    return home / MODELS_DIR / name


def train(tagger: Tagger, repo: TagRepository, home: Path) -> tuple[Tagger, Trained]:
    """Teach ``tagger`` the reviewed examples of its frameworks (or load what it learned from the same ones).

    Returns:
        The tagger to run (a loaded one when the saved state was reused) and what it was taught.
    """
    assert isinstance(tagger, Trainable)  # noqa: S101 - callers check is_trainable first
    folder = model_folder(home, tagger.name)
    examples = labelled_examples(repo, tagger.name, list(tagger.frameworks))
    counts = {framework: len(items) for framework, items in examples.items()}
    total = sum(counts.values())
    fingerprint = _fingerprint(examples, str(getattr(tagger, "embedder_name", "")))
    saved = folder / FINGERPRINT
    if saved.is_file() and saved.read_text("utf-8") == fingerprint:
        loaded: Tagger = type(tagger).load(folder)  # type: ignore[attr-defined]
        return loaded, Trained(total, counts, folder, reused=True)
    if not examples:
        return tagger, Trained(0, {}, None)
    for framework, items in examples.items():
        tagger.fit(framework, items)
    tagger.save(folder)
    saved.write_text(fingerprint, "utf-8")
    return tagger, Trained(total, counts, folder)


def labelled_examples(repo: TagRepository, name: str, frameworks: Sequence[str]) -> dict[str, list[LabelledText]]:
    """Per framework, the reviewed paragraphs with their effective labels (keyed by block id)."""
    reviewed = repo.examples(frameworks) if frameworks else []
    by_block: dict[tuple[str, int], list[ReviewedExample]] = defaultdict(list)
    for example in reviewed:
        by_block[(example.framework, example.passage.key)].append(example)
    machine = repo.for_blocks(sorted({block for _, block in by_block}))
    out: dict[str, list[LabelledText]] = defaultdict(list)
    for (framework, block), decisions in by_block.items():
        labels = _machine_labels(machine.get(block, []), framework, name)
        for example in decisions:
            (labels.add if example.decision is not Decision.REJECT else labels.discard)(example.label)
        out[framework].append(LabelledText(decisions[0].passage.text, frozenset(labels), str(block)))
    return dict(out)


def _machine_labels(tags: Sequence[StoredTag], framework: str, name: str) -> set[str]:
    """Labels other taggers give in ``framework`` at or above threshold (a tagger never learns its own output)."""
    return {t.tag.label for t in tags if t.tag.framework == framework and t.tag.tagger != name and t.above_threshold}


def _fingerprint(examples: Mapping[str, Sequence[LabelledText]], embedder: str) -> str:
    """A digest of the examples and of the embedder: another embedder (``HRDMAP_EMBEDDER``) means fitting anew."""
    canonical = {
        framework: [[e.key, e.text, sorted(e.labels)] for e in items] for framework, items in sorted(examples.items())
    }
    text = json.dumps({"embedder": embedder, "examples": canonical}, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
