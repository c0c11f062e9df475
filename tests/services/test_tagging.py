from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from hrdmap.analyse.classifier.model import FrameworkClassifier
from hrdmap.analyse.frameworks.loader import load_frameworks
from hrdmap.config import Settings
from hrdmap.domain.document import Block, BlockKind, Document
from hrdmap.domain.tags import EvidenceKind
from hrdmap.services import review
from hrdmap.services.ingest import ingest
from hrdmap.services.tagging import TaggingError, tag_documents
from hrdmap.services.training import model_folder, train
from hrdmap.services.workspace import Workspace, open_workspace
from tests.actors import TESTER

RULES = ("gazetteer", "statement-kind", "framework-keywords")


@pytest.fixture(scope="module")
def tagged(tmp_path_factory: pytest.TempPathFactory, examples: Path) -> Iterator[Workspace]:
    """The example corpus, ingested and tagged by the rule-based taggers."""
    settings = Settings(home=tmp_path_factory.mktemp("tagged") / "home", search_backend="sqlite")
    with open_workspace(settings) as ws:
        ingest(ws, TESTER, [examples])
        tag_documents(ws, TESTER, taggers=RULES)
        yield ws


def _all_tags(ws: Workspace) -> list[tuple[int, str, str, str]]:
    ids = [b.id for d in ws.store.documents.current() for b in ws.store.documents.blocks(d.version_id)]
    found = ws.store.tags.for_blocks(ids)
    return [(b, t.tag.framework, t.tag.label, t.tag.tagger) for b, tags in found.items() for t in tags]


def test_every_document_of_the_example_corpus_gets_tags_with_evidence(tagged: Workspace) -> None:
    documents = tagged.store.documents.current()
    ids = [b.id for d in documents for b in tagged.store.documents.blocks(d.version_id)]
    tags = [t for found in tagged.store.tags.for_blocks(ids).values() for t in found]
    assert tags and all(t.tag.evidence for t in tags)
    frameworks = {t.tag.framework for t in tags}
    assert {"countries", "hrd-areas", "statement-kinds", "groups-at-risk", "un-entities"} <= frameworks
    tagged_documents = {b.document.id for b in tagged.store.documents.locate(sorted({t.block_id for t in tags}))}
    assert tagged_documents == {d.id for d in documents}


def test_a_country_named_in_a_paragraph_is_tagged_with_the_matched_span(tagged: Workspace) -> None:
    doc = next(d for d in tagged.store.documents.current() if d.source.endswith("digital-shield-submission.md"))
    blocks = {b.id: b.block for b in tagged.store.documents.blocks(doc.version_id)}
    tags = [t for found in tagged.store.tags.for_blocks(list(blocks)).values() for t in found]
    turkiye = next(t for t in tags if (t.tag.framework, t.tag.label) == ("countries", "TUR"))
    span = turkiye.tag.evidence[0]
    assert span.kind is EvidenceKind.SPAN
    assert blocks[turkiye.block_id].text[span.start : span.end] == "Türkiye"


def test_headings_are_not_tagged_and_each_run_is_recorded_with_its_taggers(tagged: Workspace) -> None:
    with_tags = {t[0] for t in _all_tags(tagged)}
    kinds = {
        b.block.kind
        for d in tagged.store.documents.current()
        for b in tagged.store.documents.blocks(d.version_id)
        if b.id in with_tags
    }
    assert kinds <= {BlockKind.PARAGRAPH, BlockKind.LIST_ITEM}
    run = tagged.store.tags.runs()[0]
    assert set(run.taggers) == set(RULES) and run.actor == "tester" and run.finished_at is not None


def test_each_document_is_audited(tagged: Workspace) -> None:
    entries = [e for e in tagged.store.audit.entries(limit=500) if e.action == "document.tagged"]
    assert {e.subject for e in entries} == {f"document:{d.id}" for d in tagged.store.documents.current()}
    assert all(e.actor == "tester" for e in entries)


def test_retagging_replaces_current_tags_and_keeps_history(workspace: Workspace, make_file: object) -> None:
    path = Path(str(make_file("in/kenya.txt", topic="reprisals against defenders in Kenya")))  # type: ignore[operator]
    ingest(workspace, TESTER, [path])
    first = tag_documents(workspace, TESTER, taggers=["gazetteer"])
    second = tag_documents(workspace, TESTER, taggers=["gazetteer"])
    assert first.total == second.total > 0
    block = next(t[0] for t in _all_tags(workspace) if t[2] == "KEN")
    history = workspace.store.tags.history(block)
    assert len([t for t in history if t.tag.label == "KEN"]) == 2
    assert [t.current for t in history if t.tag.label == "KEN"] == [False, True]
    assert history[-1].run_id == second.run_id


def test_an_unknown_tagger_is_refused_by_name(workspace: Workspace) -> None:
    with pytest.raises(TaggingError, match="no tagger named 'nope'"):
        tag_documents(workspace, TESTER, taggers=["nope"])


# The classifier learns from reviews -------------------------------------------------------------------------

BEES = [
    "Beekeeping cooperatives in the highland villages received {} new hives and honey extractors.",
    "The apiary project trained {} families to harvest honey and sell beeswax at the market.",
    "Village bee farmers formed {} cooperatives to share hives, smokers and honey presses.",
    "Honey producers in {} rural districts were given protective suits and queen bees.",
]
AUDIT = [
    "The annual budget audit found {} discrepancies in the procurement accounts of the ministry.",
    "Financial statements for {} fiscal years were reconciled against the treasury ledger.",
    "The accounting office reviewed {} invoices and corrected the depreciation schedule.",
    "External auditors sampled {} payment vouchers and reported the variance to the board.",
]
MISSED = "Rural families keep bee hives and cooperatives sell their honey harvest."


def _synthetic(ws: Workspace) -> dict[str, int]:
    texts = [t.format(n) for n in (3, 5, 7) for t in BEES] + [t.format(n) for n in (3, 5, 7) for t in AUDIT]
    blocks = [Block(i, BlockKind.PARAGRAPH, text, language="en") for i, text in enumerate([*texts, MISSED])]
    document = Document(source="/in/synthetic.txt", sha256="e" * 64, format="text", blocks=blocks)
    with ws.store.transaction():
        stored = ws.store.documents.add_version(document, at=dt.datetime.now(dt.UTC))
    return {b.block.text: b.id for b in ws.store.documents.blocks(stored.version_id)}


def _classifier() -> FrameworkClassifier:
    return FrameworkClassifier(frameworks={"hrd-areas": load_frameworks()["hrd-areas"]})


def _labels(ws: Workspace, block_id: int) -> set[str]:
    return {t.tag.label for t in ws.store.tags.for_blocks([block_id]).get(block_id, []) if t.above_threshold}


@pytest.mark.slow
def test_reviewed_labels_teach_the_classifier_a_paragraph_it_missed(workspace: Workspace) -> None:
    ids = _synthetic(workspace)
    before = tag_documents(workspace, TESTER, taggers=[_classifier()])
    assert before.trained["framework-classifier"].examples == 0
    assert "E" not in _labels(workspace, ids[MISSED])
    for text, block_id in ids.items():
        if text != MISSED:
            bees = "bee" in text.lower() or "honey" in text.lower()
            review.add_label(workspace, TESTER, block_id, "hrd-areas", "E" if bees else "H")
    after = tag_documents(workspace, TESTER, taggers=[_classifier()])
    trained = after.trained["framework-classifier"]
    assert trained.examples == 24 and not trained.reused
    assert "E" in _labels(workspace, ids[MISSED])
    folder = model_folder(workspace.settings.home, "framework-classifier")
    manifest = json.loads((folder / "classifier.json").read_text())
    states = {s["label"]: s for s in manifest["frameworks"]["hrd-areas"]["labels"]}
    assert states["E"]["mode"] == "few-shot" and states["E"]["positives"] == 12
    learned = next(t for t in workspace.store.tags.for_blocks([ids[MISSED]])[ids[MISSED]] if t.tag.label == "E")
    nearest = [e for e in learned.tag.evidence if e.kind is EvidenceKind.EXAMPLES]
    assert nearest and int(nearest[0].detail["key"]) in ids.values()
    loaded, again = train(_classifier(), workspace.store.tags, workspace.settings.home)
    assert again.reused and again.examples == 24
    assert isinstance(loaded, FrameworkClassifier) and loaded.label_states("hrd-areas")["E"].mode == "few-shot"
