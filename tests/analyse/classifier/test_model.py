"""The framework classifier: zero-shot from the framework, few-shot from reviews, evidence, saving and loading.

Most tests use a small bag-of-words embedder (fast and predictable) so they check what the classifier does with
vectors; the last ones use the real default embedder on real frameworks.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from hrdmap.analyse.classifier.embedders import Kind, Vectors, normalise
from hrdmap.analyse.classifier.labelled import LabelledText, read_labelled
from hrdmap.analyse.classifier.model import FrameworkClassifier
from hrdmap.analyse.classifier.prototypes import ZERO_SHOT_SCALES
from hrdmap.analyse.classifier.state import ClassifierStateError
from hrdmap.analyse.frameworks.loader import load_frameworks, parse_framework
from hrdmap.analyse.taggers.base import Passage, Tagger
from hrdmap.analyse.taggers.registry import tagger
from hrdmap.domain.framework import Framework
from hrdmap.domain.tags import EvidenceKind

TOPICS = """
id: topics
name: Topics
version: "1"
description: A small framework for tests.
labels:
  - id: water
    names: {en: Water, fr: Eau, es: Agua}
    definition: Drinking water, wells, sanitation and rivers.
    keywords: {en: [water]}
  - id: school
    names: {en: Schools, fr: Écoles, es: Escuelas}
    definition: Schools, teachers, pupils and classrooms.
  - id: rare
    names: {en: Rare, fr: Rare, es: Raro}
    definition: Volcanoes.
  - id: child
    parent: school
    names: {en: Pupils, fr: Élèves, es: Alumnos}
    definition: Pupils.
    keywords: {en: [pupil, pupils]}
"""


class WordsEmbedder:
    """Hashes words into 128 dimensions: texts sharing words are close."""

    name = "words"
    dim = 128

    def embed(self, texts: Sequence[str], kind: Kind = "passage") -> Vectors:
        out = np.zeros((len(texts), self.dim), np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                out[row, int(hashlib.md5(word.encode()).hexdigest(), 16) % self.dim] += 1.0  # noqa: S324
        return normalise(out)


@pytest.fixture
def topics() -> Framework:
    return parse_framework(TOPICS, "topics.yaml")


@pytest.fixture
def classifier(topics: Framework, monkeypatch: pytest.MonkeyPatch) -> FrameworkClassifier:
    monkeypatch.setitem(ZERO_SHOT_SCALES, "words", (0.3, 0.02))  # shared words make bag-of-words vectors close
    return FrameworkClassifier({"topics": topics}, WordsEmbedder())


def reviewed() -> list[LabelledText]:
    """Forty reviewed sentences: twenty on schools (none says "school"), twenty on other things; two volcanoes."""
    rng = np.random.default_rng(1)
    school_words = ["teachers", "classrooms", "lessons", "headmaster", "curriculum", "exams"]
    other_words = ["harvest", "tractor", "rainfall", "cattle", "market", "prices"]
    out = []
    for i in range(20):
        words = " ".join(rng.choice(school_words, 3))
        out.append(LabelledText(f"The district improved {words} this year.", frozenset({"school"}), f"s{i}"))
        words = " ".join(rng.choice(other_words, 3))
        out.append(LabelledText(f"The district reported {words} this year.", frozenset(), f"o{i}"))
    out += [LabelledText("A volcano erupted.", frozenset({"rare"}), "v1"),
            LabelledText("Water wells dried up.", frozenset({"water"}), "w1")]
    return out


def test_the_classifier_is_a_registered_tagger_that_loads_nothing_until_used() -> None:
    found = tagger("framework-classifier")
    assert isinstance(found, FrameworkClassifier) and isinstance(found, Tagger)
    assert found.embedder_name == "static-e5"
    assert "statement-kinds" not in found.frameworks and "hrd-areas" in found.frameworks


def test_zero_shot_keyword_tags_carry_the_span_and_the_nearest_label_text(classifier: FrameworkClassifier) -> None:
    text = "Villagers walk hours to fetch water."
    (tags,) = classifier.tag([Passage(1, text)])
    water = next(t for t in tags if t.label == "water")
    span = next(e for e in water.evidence if e.kind is EvidenceKind.SPAN)
    assert text[span.start : span.end] == "water"
    label_text = next(e for e in water.evidence if e.kind is EvidenceKind.EXAMPLES)
    assert label_text.detail["source"] == "label" and float(label_text.detail["similarity"]) > 0
    assert water.tagger == "framework-classifier" and 0.5 <= water.score <= 1


def test_a_child_label_brings_its_parent(classifier: FrameworkClassifier) -> None:
    prediction = classifier.predict("topics", ["Pupils were sent home."])
    assert prediction.label_sets() == [frozenset({"child", "school"})]


def test_fitting_learns_a_label_that_no_keyword_finds(classifier: FrameworkClassifier) -> None:
    texts = ["The district improved headmaster exams this year.", "The district reported cattle prices this year."]
    assert "school" not in classifier.predict("topics", texts).label_sets()[0]
    states = classifier.fit("topics", reviewed())
    assert states["school"].mode == "few-shot" and states["school"].positives == 20
    assert states["school"].cv_f1 is not None and states["school"].cv_f1 > 0.9
    assert states["rare"].mode == "zero-shot" and states["rare"].positives == 1  # too few to fit
    assert classifier.predict("topics", texts).label_sets() == [frozenset({"school"}), frozenset()]


#: Words of reports that say nothing of water.
_FILLER = ["harvest", "tractor", "rainfall", "cattle", "market", "prices", "teachers", "lessons"]


def _water_or_roads() -> list[LabelledText]:
    """Forty reviewed sentences: those that mention water carry "water" (its keyword), the others mention roads."""
    rng = np.random.default_rng(3)
    return [
        LabelledText(f"The {' '.join(rng.choice(_FILLER, 2))} report mentions {'water' if i % 2 else 'roads'}.",
                     frozenset({"water"}) if i % 2 else frozenset(), f"x{i}")
        for i in range(40)
    ]


def test_a_label_that_its_keywords_decide_better_stays_zero_shot(classifier: FrameworkClassifier) -> None:
    # Issue 12, finding 13: few-shot must never be worse than zero-shot. "water" is decided exactly by its keyword;
    # the reviewed texts share no other word with the label, so a fitted model can only do as well or worse.
    examples = _water_or_roads()
    states = classifier.fit("topics", examples)
    water = states["water"]
    assert water.zero_shot_f1 == 1.0 and water.held_out_f1 is not None and water.held_out_f1 <= 1.0
    assert water.mode == "zero-shot" and water.model is None and water.positives == 20
    assert classifier.predict("topics", ["Water was cut."]).label_sets() == [frozenset({"water"})]


def test_a_tag_on_meaning_alone_must_win_the_vote_of_the_nearest_reviewed_examples(
    topics: Framework, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Issue 12, finding 13: generic text near a label's definition ("Continue to protect and promote human rights")
    # was tagged for its closeness alone, though reviewers never tagged such text. Once a label has reviewed
    # examples and still decides zero-shot, such a tag stands only where its ten nearest examples carry the label.
    monkeypatch.setitem(ZERO_SHOT_SCALES, "words", (0.14, 0.02))  # a centre at which meaning alone tags "water"
    classifier = FrameworkClassifier({"topics": topics}, WordsEmbedder())
    examples = _water_or_roads()
    examples += [LabelledText(f"The budget of the {w} office listed rivers and wells.", frozenset(), f"b{i}")
                 for i, w in enumerate(_FILLER)]
    examples += [LabelledText(f"Villagers in {w} walked to rivers and wells for water.", frozenset({"water"}), f"v{i}")
                 for i, w in enumerate(_FILLER)]
    texts = ["The budget listed rivers and wells and sanitation.",  # near the budget lines reviewed as not water
             "Villagers walked to drinking rivers, wells, sanitation.",  # near the villagers reviewed as water
             "Water was cut."]  # its keyword
    before = classifier.predict("topics", texts)
    assert before.label_sets() == [frozenset({"water"})] * 3
    assert classifier.fit("topics", examples)["water"].mode == "zero-shot"
    after = classifier.predict("topics", texts)
    assert after.label_sets() == [frozenset(), frozenset({"water"}), frozenset({"water"})]
    assert 0.49 < after.probabilities[0, 0] < 0.5  # still first in the review queue


def test_the_first_reviewed_examples_teach_a_label_its_words_miss(classifier: FrameworkClassifier) -> None:
    # Issue 12, finding 5: two reviewed paragraphs on schools (a label with no keyword, whose definition shares no
    # word with them) are too few for a model of its own, but they join its prototypes and set its cut.
    examples = [
        LabelledText("The district hired headmaster staff for exams.", frozenset({"school"}), "s1"),
        LabelledText("The district built classrooms for lessons.", frozenset({"school"}), "s2"),
        LabelledText("The district reported cattle prices.", frozenset(), "o1"),
        LabelledText("The district reported tractor rainfall.", frozenset(), "o2"),
        LabelledText("Water wells dried up.", frozenset({"water"}), "w1"),
    ]
    texts = ["Headmaster staff prepared exams and lessons.", "Cattle prices fell after the rainfall."]
    assert "school" not in classifier.predict("topics", texts).label_sets()[0]
    states = classifier.fit("topics", examples)
    school = states["school"]
    assert school.mode == "examples" and school.positives == 2 and school.example_centre is not None
    assert states["water"].mode == "zero-shot"  # its keyword already finds its reviewed example
    assert classifier.predict("topics", texts).label_sets() == [frozenset({"school"}), frozenset()]
    (tags,) = classifier.tag([Passage(3, texts[0])])
    evidence = next(t for t in tags if t.label == "school").evidence
    assert {e.detail.get("key") for e in evidence if e.kind is EvidenceKind.EXAMPLES} <= {"s1", "s2"}


def test_the_heading_a_paragraph_stands_under_is_context(classifier: FrameworkClassifier) -> None:
    # Issue 12, finding 5: the classifier read the paragraph alone; under "Water and sanitation" a paragraph on
    # wells that never says "water" is about water.
    text = "Three wells were repaired in the north."
    (alone,) = classifier.tag([Passage(1, text)])
    (under,) = classifier.tag([Passage(1, text, heading_path=("II. Services", "B. Water and sanitation"))])
    assert "water" not in {t.label for t in alone}
    water = next(t for t in under if t.label == "water")
    assert any(e.detail.get("rule") == "heading" and e.text == "B. Water and sanitation" for e in water.evidence)
    (generic,) = classifier.tag([Passage(1, text, heading_path=("Introduction",))])
    assert "water" not in {t.label for t in generic}
    assert classifier.predict("topics", [text], ["B. Water and sanitation"]).label_sets() == [frozenset({"water"})]


def test_a_few_shot_tag_names_the_nearest_reviewed_examples(classifier: FrameworkClassifier) -> None:
    classifier.fit("topics", reviewed())
    (tags,) = classifier.tag([Passage(7, "The district improved teachers lessons exams this year.")])
    school = next(t for t in tags if t.label == "school")
    examples = [e for e in school.evidence if e.kind is EvidenceKind.EXAMPLES]
    assert len(examples) == 2 and all(e.detail["key"].startswith("s") for e in examples)
    assert float(examples[0].detail["similarity"]) >= float(examples[1].detail["similarity"])


def test_an_example_with_an_unknown_label_is_refused(classifier: FrameworkClassifier) -> None:
    with pytest.raises(ValueError, match="example x1: labels: no label 'sport'"):
        classifier.fit("topics", [LabelledText("Football.", frozenset({"sport"}), "x1")])
    with pytest.raises(KeyError, match="no framework 'nope'"):
        classifier.predict("nope", ["text"])


def test_a_saved_classifier_loads_with_the_same_scores_and_no_pickle(
    classifier: FrameworkClassifier, topics: Framework, tmp_path: Path
) -> None:
    classifier.fit("topics", reviewed())
    classifier.save(tmp_path / "model")
    assert sorted(p.suffix for p in (tmp_path / "model").iterdir()) == [".json", ".npy", ".npy", ".npy"]
    loaded = FrameworkClassifier.load(tmp_path / "model", {"topics": topics}, WordsEmbedder())
    texts = ["The district improved curriculum lessons this year.", "Pupils and water."]
    before, after = classifier.predict("topics", texts), loaded.predict("topics", texts)
    assert np.allclose(before.probabilities, after.probabilities)
    summary = [(s.label, s.mode, s.threshold, s.cues, s.cv_f1) for s in classifier.label_states("topics").values()]
    assert [(s.label, s.mode, s.threshold, s.cues, s.cv_f1) for s in loaded.label_states("topics").values()] == summary


def test_loading_refuses_another_embedder_or_a_missing_folder(
    classifier: FrameworkClassifier, topics: Framework, tmp_path: Path
) -> None:
    classifier.fit("topics", reviewed())
    classifier.save(tmp_path / "model")

    class Other(WordsEmbedder):
        name = "other"

    with pytest.raises(ClassifierStateError, match="fitted with 'words', not 'other'"):
        FrameworkClassifier.load(tmp_path / "model", {"topics": topics}, Other())
    with pytest.raises(ClassifierStateError, match="classifier.json: \\(file\\): no such file"):
        FrameworkClassifier.load(tmp_path / "missing")


# The default embedder on real frameworks ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def real(example_frameworks: Path) -> FrameworkClassifier:
    frameworks = load_frameworks([example_frameworks])
    return FrameworkClassifier({k: frameworks[k] for k in ("groups-at-risk", "upr-info-themes")})


def test_real_tags_have_evidence_and_scores_in_range(real: FrameworkClassifier) -> None:
    (tags,) = real.tag([Passage(1, "Two journalists were detained after reporting on the protests.")])
    labels = {(t.framework, t.label) for t in tags}
    assert {("groups-at-risk", "journalists"), ("groups-at-risk", "defenders")} <= labels
    assert ("upr-info-themes", "freedom-of-the-press") in labels
    assert all(t.evidence and 0 <= t.score <= 1 for t in tags)


def test_implicit_mentions_of_defenders_are_mostly_found(real: FrameworkClassifier, fixtures: Path) -> None:
    items = read_labelled(fixtures / "analyse" / "hrd_implicit.jsonl")
    found = real.predict("groups-at-risk", [i.text for i in items]).label_sets()
    about = [i for i, item in enumerate(items) if "defenders" in item.labels]
    recall = sum("defenders" in found[i] for i in about) / len(about)
    assert recall >= 0.65, recall  # 0.68 measured (docs/evaluation.md); keywords find most of them
    # public defenders, the Public Defender, football defenders
    others = [found[i] for i, item in enumerate(items) if item.key in ("neg-01", "neg-02", "neg-06")]
    assert all("defenders" not in labels for labels in others)
