"""Views of tags: machine tags with their evidence, reviewers' decisions, the labels a paragraph carries, the
tagging runs and evaluations of the classifier."""

from __future__ import annotations

from hrdmap.analyse.classifier.evaluation import Averages, EvaluationReport
from hrdmap.domain.tags import Evidence
from hrdmap.services.review import EffectiveTag
from hrdmap.services.tagging import TaggingReport
from hrdmap.storage.tags import Review, StoredTag


def evidence_view(evidence: Evidence) -> dict[str, object]:
    """Why a tagger gave a label: the kind of evidence, its text, its span in the paragraph and the details
    (rule, similarity, nearest example …)."""
    return {
        "kind": evidence.kind.value,
        "text": evidence.text,
        "start": evidence.start,
        "end": evidence.end,
        "detail": dict(evidence.detail),
    }


def tag_view(stored: StoredTag) -> dict[str, object]:
    """A machine tag: its id, paragraph, label, score against the tagger's threshold, tagger and evidence."""
    return {
        "tag_id": stored.id,
        "block_id": stored.block_id,
        "framework": stored.tag.framework,
        "label": stored.tag.label,
        "score": stored.tag.score,
        "threshold": stored.threshold,
        "tagger": stored.tag.tagger,
        "evidence": [evidence_view(e) for e in stored.tag.evidence],
    }


def review_view(review: Review) -> dict[str, object]:
    """A reviewer's decision (``hrdmap review accept|reject|add --json``): what was decided on which label of
    which paragraph, by whom, when, why, and the machine tag it answers."""
    return {
        "review_id": review.id,
        "block_id": review.block_id,
        "framework": review.framework,
        "label": review.label,
        "decision": review.decision.value,
        "reviewer": review.reviewer,
        "at": review.at.isoformat(),
        "note": review.note,
        "tag_id": review.tag_id,
    }


def effective_tag_view(tag: EffectiveTag) -> dict[str, object]:
    """A label a paragraph carries, and why: the best machine score, the latest review and the machine tags
    behind it."""
    return {
        "framework": tag.framework,
        "label": tag.label,
        "name": tag.name,
        "score": tag.score,
        "reviewed": tag.review is not None,
        "review": review_view(tag.review) if tag.review is not None else None,
        "machine": [tag_view(t) for t in tag.machine],
    }


def tagging_report_view(report: TaggingReport) -> dict[str, object]:
    """What a tagging run did (``hrdmap tag --json``): the taggers that ran and were skipped, what learning
    taggers were taught, tags per document, and the time it took."""
    return {
        "run_id": report.run_id,
        "taggers": dict(report.taggers),
        "skipped": dict(report.skipped),
        "trained": {
            name: {"examples": t.examples, "frameworks": dict(t.frameworks), "reused": t.reused}
            for name, t in report.trained.items()
        },
        "documents": [
            {
                "document_id": d.document.id,
                "version": d.document.version,
                "paragraphs": d.paragraphs,
                "tags": dict(d.tags),
            }
            for d in report.documents
        ],
        "total": report.total,
        "paragraphs": report.paragraphs,
        "seconds": round(report.seconds, 3),
    }


def evaluation_view(report: EvaluationReport) -> dict[str, object]:
    """How well the classifier tagged a labelled file (``hrdmap evaluate --json``): per-label precision, recall,
    F1, support and confusions, micro and macro averages, and the labels the framework does not have."""
    return {
        "framework": report.framework,
        "mode": report.mode,
        "texts": report.texts,
        "trained_on": report.trained_on,
        "labels": [
            {
                "label": s.label,
                "name": s.name,
                "precision": s.precision,
                "recall": s.recall,
                "f1": s.f1,
                "support": s.support,
                "predicted": s.predicted,
                "confused_with": [{"label": label, "count": n} for label, n in s.confused_with],
                "mode": s.mode,
            }
            for s in report.labels
        ],
        "micro": _averages(report.micro),
        "macro": _averages(report.macro),
        "ignored_labels": list(report.ignored_labels),
    }


def _averages(averages: Averages) -> dict[str, object]:
    return {"precision": averages.precision, "recall": averages.recall, "f1": averages.f1}
