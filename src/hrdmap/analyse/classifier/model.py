"""The framework classifier: multi-label tags for any loaded framework, zero-shot first, few-shot once reviewed.

**Zero-shot**, from the framework file alone: a label is likely when its keywords or patterns fire (the spans are
the evidence) or when the paragraph is close in meaning to one of the label's prototype texts (its names,
definition, examples; see :mod:`hrdmap.analyse.classifier.prototypes`; the closest text is the evidence)::

    P(label) = 1 - (1 - 0.9 · keyword) · (1 - sigmoid((relevance - centre) / width))

**Few-shot**, after :meth:`FrameworkClassifier.fit` on reviewed examples: labels with enough examples get their
own model (:mod:`hrdmap.analyse.classifier.fitting`) whose score is a calibrated probability and whose threshold
maximises cross-validated F1; the nearest reviewed examples become evidence. Labels with too few examples stay
zero-shot.

A tag on a child label ("journalists") also tags its parents ("defenders"). Example::

    classifier = FrameworkClassifier()
    classifier.fit("groups-at-risk", [LabelledText("Social leaders were killed.", frozenset({"defenders"})), ...])
    classifier.tag([Passage(1, "Two journalists were detained.")])
    classifier.save(Path("model")); FrameworkClassifier.load(Path("model"))
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import ClassVar

import numpy as np
from numpy.typing import NDArray

from hrdmap.analyse.classifier import first_examples
from hrdmap.analyse.classifier.calibration import MIN_POSITIVES, ZERO_SHOT_THRESHOLD
from hrdmap.analyse.classifier.embedders import DEFAULT_EMBEDDER, Embedder, Vectors, get_embedder
from hrdmap.analyse.classifier.evidence import tags_for
from hrdmap.analyse.classifier.features import NEIGHBOURS, Batch, Spans, label_features, neighbour_votes
from hrdmap.analyse.classifier.first_examples import choose_centres
from hrdmap.analyse.classifier.fitting import fit_framework
from hrdmap.analyse.classifier.headings import heading_evidence, with_headings
from hrdmap.analyse.classifier.labelled import LabelledText
from hrdmap.analyse.classifier.linear import Matrix, sigmoid
from hrdmap.analyse.classifier.prediction import Prediction
from hrdmap.analyse.classifier.prototypes import DEFAULT_SCALE, ZERO_SHOT_SCALES, Prototypes, zero_shot_probability
from hrdmap.analyse.classifier.state import (
    ClassifierStateError,
    FrameworkState,
    LabelState,
    load_states,
    save_states,
)
from hrdmap.analyse.frameworks.loader import load_frameworks
from hrdmap.analyse.taggers.base import Passage
from hrdmap.analyse.taggers.keywords import KeywordTagger
from hrdmap.domain.framework import Framework
from hrdmap.domain.tags import STATEMENT_KINDS, Tag

KEYWORD_PROBABILITY = 0.9
BATCH = 256
_SKIP = frozenset({STATEMENT_KINDS})  # the statement-kind tagger's job


class FrameworkClassifier:
    """Tags paragraphs with the labels of loaded frameworks, with evidence; learns from reviewed examples.

    Args:
        frameworks: The frameworks to tag with, statement kinds left out (default: the built-in ones).
        embedder: An embedder or the name of a registered one (loaded on first use); ``static-e5`` by default
            (the workspace passes the one its settings name, ``HRDMAP_EMBEDDER``).
    """

    name: ClassVar[str] = "framework-classifier"

    def __init__(self, frameworks: Mapping[str, Framework] | None = None,
                 embedder: Embedder | str | None = None) -> None:
        self._given = {k: v for k, v in frameworks.items() if k not in _SKIP} if frameworks is not None else None
        self._embedder = embedder if embedder is not None else DEFAULT_EMBEDDER
        self._states: dict[str, FrameworkState] = {}
        self._prototypes: dict[str, Prototypes] = {}
        self._keywords: KeywordTagger | None = None

    @property
    def frameworks(self) -> dict[str, Framework]:
        """The frameworks this classifier tags with, by id."""
        if self._given is None:
            self._given = {k: v for k, v in load_frameworks().items() if k not in _SKIP}
        return self._given

    @property
    def embedder(self) -> Embedder:
        """The embedder (loaded on first use)."""
        if isinstance(self._embedder, str):
            self._embedder = get_embedder(self._embedder)
        return self._embedder

    @property
    def embedder_name(self) -> str:
        """The embedder's name, without loading it."""
        return self._embedder if isinstance(self._embedder, str) else self._embedder.name

    def label_states(self, framework: str) -> dict[str, LabelState]:
        """How each label of ``framework`` is decided now (zero-shot unless fitted)."""
        fitted = self._states.get(framework)
        labels = self._framework(framework).labels
        return {lb.id: (fitted.labels.get(lb.id) if fitted else None) or LabelState(lb.id) for lb in labels}

    def tag(self, passages: Sequence[Passage]) -> list[list[Tag]]:
        """Tags for each passage, in order, over every framework; a passage's nearest heading is context."""
        out: list[list[Tag]] = [[] for _ in passages]
        for start in range(0, len(passages), BATCH):
            chunk = passages[start : start + BATCH]
            texts = [p.text for p in chunk]
            vectors = self.embedder.embed(texts, kind="passage")  # once for all frameworks
            spans = self._keyword_spans(texts)  # one pass of the keyword matcher for all frameworks
            headings = [p.heading_path[-1] if p.heading_path else "" for p in chunk]
            for framework in self.frameworks:
                batch = self._batch(framework, texts, vectors, spans)
                context = self._heading_probabilities(framework, headings)
                prediction = self._apply_headings(framework, self._predict(framework, batch), headings, context)
                state = self._states.get(framework)
                found = tags_for(self.name, prediction, batch, self._prototype(framework), state)
                for i, tags in enumerate(found):
                    out[start + i].extend(heading_evidence(tags, prediction, headings[i], context.get(headings[i])))
        return out

    def predict(self, framework: str, texts: Sequence[str], headings: Sequence[str] | None = None) -> Prediction:
        """Scores and decisions of ``framework``'s labels for ``texts`` (no evidence; fast).

        Args:
            framework: The framework's id.
            texts: The paragraphs.
            headings: For each text, the heading it stands under ("" for none), used as context.
        """
        prediction = self._predict(framework, self._batch(framework, texts))
        if headings is None:
            return prediction
        return self._apply_headings(framework, prediction, headings, self._heading_probabilities(framework, headings))

    def _heading_probabilities(self, framework: str, headings: Sequence[str]) -> dict[str, Matrix]:
        """Each distinct heading's zero-shot probabilities (read like a paragraph)."""
        distinct = sorted({h for h in headings if h.strip()})
        if not distinct:
            return {}
        found = self._zero_shot(framework, self._batch(framework, distinct))[0]
        return {h: found[i] for i, h in enumerate(distinct)}

    def _apply_headings(self, framework: str, prediction: Prediction, headings: Sequence[str],
                        by_heading: Mapping[str, Matrix]) -> Prediction:
        """Raise labels the paragraph's heading names (:mod:`hrdmap.analyse.classifier.headings`)."""
        if not by_heading:
            return prediction
        states = self.label_states(framework)
        learned = np.array([states[label].mode == "few-shot" for label in prediction.labels])
        thresholds = np.array([states[label].threshold for label in prediction.labels])
        return with_headings(prediction, headings, by_heading, learned, thresholds)

    def fit(self, framework: str, examples: Sequence[LabelledText]) -> dict[str, LabelState]:
        """Learn ``framework``'s labels from reviewed examples, replacing what was learned before.

        Each example's ``labels`` are label ids of ``framework``; a label missing from an example means the
        reviewer judged it absent. Labels with fewer than 8 positive (or negative) examples stay zero-shot.

        Returns:
            How each label is decided now, with its counts and cross-validated F1.

        Raises:
            KeyError: Unknown framework.
            ValueError: An example carries a label the framework does not have.
        """
        definition = self._framework(framework)
        known = {label.id for label in definition.labels}
        for index, example in enumerate(examples):
            unknown = sorted(example.labels - known)
            if unknown:
                raise ValueError(f"example {example.key or index}: labels: no label {unknown[0]!r} in {framework!r}")
        batch = self._batch(framework, [e.text for e in examples])
        zero_shot = self._zero_shot(framework, batch)[1]
        self._states[framework] = fit_framework(definition, batch, examples, zero_shot)
        self._learn_first_examples(framework, batch, examples, zero_shot)
        return self.label_states(framework)

    def _learn_first_examples(self, framework: str, batch: Batch, examples: Sequence[LabelledText],
                              zero_shot: NDArray[np.bool_]) -> None:
        """Labels without a model of their own learn from their first reviewed positives, where the framework's
        words fail them (:mod:`hrdmap.analyse.classifier.first_examples`)."""
        state = self._states[framework]
        targets = _targets(batch.labels, [e.labels for e in examples])
        candidates = [j for j, label in enumerate(batch.labels)
                      if state.labels[label].mode == "zero-shot" and targets[:, j].any()]
        if not candidates:
            return
        centres = choose_centres(self._prototype(framework), batch.vectors, targets, batch.keywords, zero_shot,
                                 candidates, self.embedder_name)
        labels = dict(state.labels)
        for column, centre in centres.items():
            label = batch.labels[column]
            labels[label] = replace(labels[label], mode="examples", example_centre=centre)
        self._states[framework] = replace(state, labels=labels)

    def save(self, folder: Path) -> None:
        """Save what was learned (JSON and .npy files in ``folder``; see :mod:`hrdmap.analyse.classifier.state`)."""
        save_states(folder, self.embedder_name, self._states)

    @classmethod
    def load(cls, folder: Path, frameworks: Mapping[str, Framework] | None = None,
             embedder: Embedder | None = None) -> FrameworkClassifier:
        """A classifier with the state saved in ``folder``.

        Labels no longer in a framework are dropped; labels added since are zero-shot.

        Raises:
            ClassifierStateError: The folder does not hold a saved classifier, or it was fitted with a
                different embedder than ``embedder``.
        """
        name, states = load_states(folder)
        if embedder is not None and embedder.name != name:
            raise ClassifierStateError(f"{folder}: embedder: fitted with {name!r}, not {embedder.name!r}")
        classifier = cls(frameworks, embedder if embedder is not None else name)
        classifier._states = {k: v for k, v in states.items() if k in classifier.frameworks}
        return classifier

    def _framework(self, framework: str) -> Framework:
        try:
            return self.frameworks[framework]
        except KeyError:
            raise KeyError(f"no framework {framework!r} (loaded: {', '.join(sorted(self.frameworks))})") from None

    def _prototype(self, framework: str) -> Prototypes:
        if framework not in self._prototypes:
            self._prototypes[framework] = Prototypes.build(self._framework(framework), self.embedder)
        return self._prototypes[framework]

    def _keyword_spans(self, texts: Sequence[str]) -> list[dict[str, Spans]]:
        """For each text, per framework, the keyword and pattern evidence of each label that fired."""
        if self._keywords is None:
            self._keywords = KeywordTagger(self.frameworks)
        out: list[dict[str, Spans]] = []
        for text in texts:
            found: dict[str, Spans] = {}
            for tag in self._keywords.tag_text(text):
                found.setdefault(tag.framework, {})[tag.label] = tag.evidence
            out.append(found)
        return out

    def _batch(self, framework: str, texts: Sequence[str], vectors: Vectors | None = None,
               spans: Sequence[dict[str, Spans]] | None = None) -> Batch:
        definition = self._framework(framework)
        labels = tuple(label.id for label in definition.labels)
        if vectors is None:
            vectors = self.embedder.embed(list(texts), kind="passage")
        if spans is None:
            spans = self._keyword_spans(texts)
        found = [by_framework.get(framework, {}) for by_framework in spans]
        keywords = np.zeros((len(texts), len(labels)), dtype=bool)
        for row, fired in enumerate(found):
            keywords[row, [labels.index(label) for label in fired]] = True
        return Batch(texts, labels, vectors, keywords, found, self._prototype(framework).relevance(vectors))

    def _zero_shot(self, framework: str, batch: Batch) -> tuple[Matrix, NDArray[np.bool_]]:
        """Zero-shot probabilities and decisions (parents included), whatever was fitted."""
        probabilities = 1 - (1 - KEYWORD_PROBABILITY * batch.keywords) * (
            1 - zero_shot_probability(batch.relevance, self.embedder_name)
        )
        decisions = probabilities >= ZERO_SHOT_THRESHOLD
        self._with_parents(framework, batch.labels, probabilities, decisions)
        return probabilities, decisions

    def _predict(self, framework: str, batch: Batch) -> Prediction:
        states = self.label_states(framework)
        probabilities = 1 - (1 - KEYWORD_PROBABILITY * batch.keywords) * (
            1 - zero_shot_probability(batch.relevance, self.embedder_name)
        )
        fitted = self._states.get(framework)
        if fitted is not None and fitted.ridge is not None:
            ridge = fitted.ridge.scores(batch.vectors)
            for j, label in enumerate(fitted.ridge_labels):
                state = states.get(label)
                if state is None or state.model is None:
                    continue
                score = state.model.decision(label_features(batch, label, ridge[:, j], state.cues))
                probabilities[:, batch.column(label)] = state.platt.probability(score)
        if fitted is not None:
            self._from_first_examples(framework, batch, fitted, states, probabilities)
        thresholds = np.array([states[label].threshold for label in batch.labels])
        if fitted is not None:
            _confirm_by_examples(batch, fitted, states, probabilities, thresholds)
        thresholds = np.array([states[label].threshold for label in batch.labels])
        decisions = probabilities >= thresholds
        self._with_parents(framework, batch.labels, probabilities, decisions)
        modes = tuple(states[label].mode for label in batch.labels)
        return Prediction(framework, batch.labels, modes, probabilities, decisions)

    def _from_first_examples(self, framework: str, batch: Batch, fitted: FrameworkState,
                             states: Mapping[str, LabelState], probabilities: Matrix) -> None:
        """Probabilities of the labels in mode ``"examples"``: relevance to centroids that include their
        reviewed positives, cut at the centre learned from them."""
        learned = [j for j, label in enumerate(batch.labels) if states[label].mode == "examples"]
        if not learned:
            return
        targets = _targets(batch.labels, [e.labels for e in fitted.examples])
        found = first_examples.relevance(self._prototype(framework), fitted.vectors, targets, batch.vectors)
        width = ZERO_SHOT_SCALES.get(self.embedder_name, DEFAULT_SCALE)[1]
        for column in learned:
            centre = states[batch.labels[column]].example_centre or 0.0
            relevant = sigmoid((found[:, column] - centre) / width)
            probabilities[:, column] = 1 - (1 - KEYWORD_PROBABILITY * batch.keywords[:, column]) * (1 - relevant)

    def _with_parents(self, framework: str, labels: tuple[str, ...], probabilities: Matrix,
                      decisions: NDArray[np.bool_]) -> None:
        definition = self._framework(framework)
        for j, label in enumerate(labels):
            for parent in definition.ancestors(label):
                k = labels.index(parent)
                given = decisions[:, j] & ~decisions[:, k]
                decisions[given, k] = True
                probabilities[given, k] = np.maximum(probabilities[given, k], probabilities[given, j])


def _confirm_by_examples(batch: Batch, fitted: FrameworkState, states: Mapping[str, LabelState],
                         probabilities: Matrix, thresholds: NDArray[np.float64]) -> None:
    """Keep a zero-shot tag that rests on meaning alone (no keyword) only where the reviewed examples agree.

    Once reviewers have given a label at least :data:`MIN_POSITIVES` examples and it still decides zero-shot (its
    own model did not beat the framework's words), a passage tagged only for its closeness to the label's
    prototypes must also be tagged by its :data:`NEIGHBOURS` nearest reviewed examples: at least half of them
    carry the label (a k-nearest-neighbour vote). Otherwise its probability is capped just below the label's
    threshold: first in the review queue, not a tag. Generic text ("Continue to protect and promote human
    rights") is near the defenders' definition and far from reviewed defenders' paragraphs.
    """
    if len(fitted.examples) < NEIGHBOURS:
        return
    for j, label in enumerate(batch.labels):
        if states[label].mode != "zero-shot" or states[label].positives < MIN_POSITIVES:
            continue
        rows = np.flatnonzero(~batch.keywords[:, j] & (probabilities[:, j] >= thresholds[j]))
        if not len(rows):
            continue  # the common case: nothing rests on meaning alone, so no example is read
        carries = _targets((label,), [e.labels for e in fitted.examples])
        votes = neighbour_votes(batch.vectors[rows], fitted.vectors, carries)[:, 0]
        unconfirmed = rows[votes < 0.5]
        probabilities[unconfirmed, j] = np.nextafter(thresholds[j], 0.0)


def _targets(labels: tuple[str, ...], label_sets: Sequence[frozenset[str]]) -> NDArray[np.bool_]:
    """``(examples, labels)``: which labels each example carries."""
    return np.array([[label in found for label in labels] for found in label_sets], dtype=bool).reshape(
        len(label_sets), len(labels))
