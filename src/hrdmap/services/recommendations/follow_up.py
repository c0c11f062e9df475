"""Recommendation follow-up: extract and import recommendations, record their status, list, track, export.

Recommendations enter the tracker three ways, all idempotent (the same recommendation met again is merged into
the stored one, see :mod:`hrdmap.readers.recommendation_records`):

- :func:`extract_from_corpus` reads stored documents' paragraphs with
  :func:`hrdmap.analyse.recommendations.extract_recommendations` (UPR Working Group reports, treaty bodies'
  concluding observations, special procedures' reports) and links each recommendation to its paragraph; the
  ``framework-keywords`` tagger gives its themes and groups;
- :func:`import_file` reads OHCHR's thematic list (DOCX) or the CSV format;
- both write one audit entry per document or file.

:func:`record_status` appends to a recommendation's status history (never overwriting it) with its date,
evidence and source, and records who did it in the audit trail. Every write happens in one transaction.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path

from hrdmap.analyse.recommendations import announced_list, extract_recommendations
from hrdmap.analyse.taggers.base import Passage
from hrdmap.domain.actor import Actor, Permission
from hrdmap.domain.document import BlockKind, StoredDocument
from hrdmap.domain.errors import HrdmapError, NotFound
from hrdmap.domain.recommendations import Recommendation, RecommendationSource
from hrdmap.domain.tracking import Assessment, RecommendationRecord, Status, TrackedRecommendation
from hrdmap.readers.recommendation_files import ImportFileError, ImportFormat, ParsedFile, Problem, read_csv
from hrdmap.readers.recommendation_records import THEME_TAGGER, extracted_record, label_names
from hrdmap.readers.thematic_list import read_thematic_list

# Named here for the edges (the command line imports no report module): the tracker's views, statuses and wording.
from hrdmap.reports.tracker import NO_ADDRESSEE as NO_ADDRESSEE
from hrdmap.reports.tracker import STATUSES as STATUSES
from hrdmap.reports.tracker import TrackerGroup as TrackerGroup
from hrdmap.reports.tracker import TrackerView as TrackerView
from hrdmap.reports.tracker import reference as reference
from hrdmap.reports.tracker import tracker, tracker_sheets, write_csv, write_xlsx
from hrdmap.services.corpus import AmbiguousDocument, UnknownDocument, resolve
from hrdmap.services.disclosure import MARK, Audience, audience_for, policy
from hrdmap.services.workspace import Workspace
from hrdmap.storage.documents import StoredBlock
from hrdmap.storage.recommendations import Saved

#: Blocks read for recommendations. Headings too: structure recovery sometimes takes a short numbered paragraph
#: (a UPR list's lead-in "127. The recommendations … enjoy the support of Sri Lanka") for a heading.
_TEXT_KINDS = (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.HEADING)


class RecommendationError(HrdmapError):
    """A request about recommendations cannot be carried out; ``str()`` is the one-line reason."""


class UnknownRecommendation(NotFound):
    """No recommendation has the id asked for."""


@dataclass(frozen=True, slots=True)
class Extraction:
    """What :func:`extract_from_corpus` did with one document.

    Attributes:
        document: The document (the current version, which was read).
        saved: How many recommendations were added, updated and found unchanged.
        warnings: What a person should check: a recommending State written in a way no State is known by
            (kept as written), or a list of recommendations announced by a lead-in of which none could be read.
    """

    document: StoredDocument
    saved: Counter[Saved]
    warnings: tuple[str, ...] = ()

    @property
    def found(self) -> int:
        """Recommendations found in the document."""
        return sum(self.saved.values())


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What :func:`import_file` did.

    Attributes:
        source: The file.
        saved: How many recommendations were added, updated and found unchanged.
        statuses: How many status entries the file added.
        problems: Rows and columns that were not imported, and why.
    """

    source: str
    saved: Counter[Saved]
    statuses: int
    problems: tuple[Problem, ...]


def _passages(blocks: Sequence[StoredBlock]) -> list[Passage]:
    return [
        Passage(b.id, b.block.text, b.block.language, b.block.heading_path, b.block.label)
        for b in blocks
        if b.block.kind in _TEXT_KINDS
    ]


def _records(
    workspace: Workspace, document: StoredDocument, passages: Sequence[Passage]
) -> tuple[list[RecommendationRecord], tuple[str, ...]]:
    """The recommendations of a document's paragraphs, with themes from the theme tagger, and the warnings."""
    found = extract_recommendations(passages)
    languages = {p.key: p.language for p in passages}
    tags = workspace.tagger(THEME_TAGGER).tag(
        [Passage(i, r.text, languages.get(r.passage_key or -1)) for i, r in enumerate(found)]
    )
    names = label_names(workspace.frameworks())
    ordinals: Counter[tuple[int, str | None]] = Counter()
    records = []
    for rec, rec_tags in zip(found, tags, strict=True):
        block_id = rec.passage_key if rec.passage_key is not None else -1
        # keys count within a numbered item ("A/HRC/15/8|98.13"), else within the paragraph ("block:7|1")
        counted = (block_id, rec.number if document.symbol and rec.number else None)
        records.append(
            extracted_record(
                rec, document, block_id=block_id, ordinal=ordinals[counted], tags=rec_tags, names=names
            )
        )
        ordinals[counted] += 1
    return records, _warnings(document, found, passages)


def _warnings(
    document: StoredDocument, found: Sequence[Recommendation], passages: Sequence[Passage]
) -> tuple[str, ...]:
    """What a person should check after an extraction: unknown recommending States, an unread list."""
    name = document.symbol or document.source
    warnings = [
        f"{name}, para. {rec.number}: {', '.join(repr(s) for s in rec.unknown_states)} is no State hrdmap knows;"
        " kept as written among the recommending States"
        for rec in found
        if rec.unknown_states
    ]
    if not any(r.source is RecommendationSource.UPR for r in found):
        lead = announced_list(passages)
        if lead is not None:
            warnings.append(
                f"{name}: paragraph {lead} announces a list of recommendations, but none could be read in it"
                " (items numbered or bracketed in an unusual way?); check the document with hrdmap show"
            )
    return tuple(warnings)


def extract_from_corpus(workspace: Workspace, actor: Actor, references: Sequence[str] = ()) -> list[Extraction]:
    """Extract the recommendations of stored documents into the tracker, linked to their paragraphs.

    Args:
        workspace: The data folder.
        references: Documents by id, path or symbol (as ``hrdmap show`` takes them); every current document
            when empty.

    Raises:
        RecommendationError: A reference matches no document, or several.
        hrdmap.domain.errors.Forbidden: The actor may not track recommendations.
    """
    actor.require(Permission.TRACK_RECOMMENDATIONS)
    store = workspace.store
    documents = [_resolve(workspace, actor, r) for r in references] if references else store.documents.current()
    done = []
    for document in documents:
        records, warnings = _records(workspace, document, _passages(store.documents.blocks(document.version_id)))
        now = actor.now()
        with store.transaction():
            saved = Counter(store.recommendations.save(r, at=now)[1] for r in records)
            store.audit.record(
                "recommendation.extracted",
                actor=actor.name,
                at=now,
                subject=f"document:{document.id}",
                detail={"version": document.version, **{k.value: v for k, v in saved.items()}},
            )
        done.append(Extraction(document, saved, warnings))
    return done


def _resolve(workspace: Workspace, actor: Actor, reference: str) -> StoredDocument:
    try:
        return resolve(workspace, actor, reference)
    except (UnknownDocument, AmbiguousDocument) as error:
        raise RecommendationError(str(error.args[0])) from None


def guess_format(path: Path) -> ImportFormat:
    """The import format a file's suffix suggests (``.docx`` → thematic list, else CSV)."""
    return ImportFormat.OHCHR_THEMATIC_LIST if path.suffix.lower() == ".docx" else ImportFormat.CSV


def import_file(
    workspace: Workspace, actor: Actor, path: Path, fmt: ImportFormat | None = None, *, addressee: str | None = None
) -> ImportReport:
    """Import the recommendations of a file; rows that cannot be read are reported, the others stored together.

    Args:
        workspace: The data folder.
        path: The file.
        fmt: Its format (guessed from the suffix when omitted).
        addressee: The State under review, for a thematic list whose title and file name do not name it.

    Raises:
        ImportFileError: The file cannot be read at all (nothing is stored).
        hrdmap.domain.errors.Forbidden: The actor may not track recommendations.
    """
    actor.require(Permission.TRACK_RECOMMENDATIONS)
    fmt = fmt or guess_format(path)
    limits = workspace.settings.limits
    parsed: ParsedFile = (
        read_thematic_list(path, limits, addressee=addressee)
        if fmt is ImportFormat.OHCHR_THEMATIC_LIST
        else read_csv(path, limits)
    )
    store = workspace.store
    now = actor.now()
    saved: Counter[Saved] = Counter()
    statuses = 0
    with store.transaction():
        for row in parsed.rows:
            recommendation_id, outcome = store.recommendations.save(row.record, at=now)
            saved[outcome] += 1
            if row.assessment and _is_new(workspace, recommendation_id, row.assessment):
                store.recommendations.add_status(
                    recommendation_id, row.assessment, recorded_by=actor.name, at=now
                )
                statuses += 1
        store.audit.record(
            "recommendation.imported",
            actor=actor.name,
            at=now,
            subject=f"file:{path.name}",
            detail={"format": fmt.value, "statuses": statuses, "problems": len(parsed.problems)}
            | {k.value: v for k, v in saved.items()},
        )
    return ImportReport(parsed.source, saved, statuses, parsed.problems)


def _is_new(workspace: Workspace, recommendation_id: int, assessment: Assessment) -> bool:
    """Whether the history lacks this assessment (so importing the same file twice adds no entry)."""
    found = workspace.store.recommendations.get(recommendation_id)
    return found is None or all(entry.assessment != assessment for entry in found.history)


def get_recommendation(workspace: Workspace, actor: Actor, recommendation_id: int) -> TrackedRecommendation:
    """A recommendation with its status history.

    Raises:
        UnknownRecommendation: No recommendation has this id, or the actor may not read recommendations.
    """
    found = workspace.store.recommendations.get(recommendation_id) if actor.can(Permission.READ_CORPUS) else None
    if found is None:
        raise UnknownRecommendation(f"no recommendation {recommendation_id}")
    return found


def record_status(
    workspace: Workspace,
    actor: Actor,
    recommendation_id: int,
    status: Status,
    *,
    date: dt.date | None = None,
    evidence: str | None = None,
    source: str | None = None,
    assessed_by: str | None = None,
) -> TrackedRecommendation:
    """Append a status to a recommendation's history and audit who recorded it.

    Args:
        workspace: The data folder.
        recommendation_id: The recommendation.
        status: Its status.
        date: The day the status held (today, UTC, when omitted).
        evidence: What shows it.
        source: A stored document or paragraph that shows it: ``block:ID``, a document reference (id, path,
            symbol), or ``REFERENCE#NUMBER`` for a numbered paragraph of a document ("A/HRC/40/5#45").
        assessed_by: Who made the assessment (an NHRI report, a Government mid-term report …).

    Returns:
        The recommendation with its history.

    Raises:
        UnknownRecommendation: No recommendation has this id.
        RecommendationError: ``source`` names no stored document or paragraph.
        hrdmap.domain.errors.Forbidden: The actor may not track recommendations.
    """
    actor.require(Permission.TRACK_RECOMMENDATIONS)
    get_recommendation(workspace, actor, recommendation_id)
    document_id, block_id = _evidence_source(workspace, actor, source) if source else (None, None)
    now = actor.now()
    assessment = Assessment(status, date or now.date(), evidence, document_id, block_id, assessed_by)
    store = workspace.store
    with store.transaction():
        entry = store.recommendations.add_status(
            recommendation_id, assessment, recorded_by=actor.name, at=now
        )
        store.audit.record(
            "recommendation.status_recorded",
            actor=actor.name,
            at=now,
            subject=f"recommendation:{recommendation_id}",
            detail={
                "entry": entry.id,
                "status": status.value,
                "date": assessment.date.isoformat(),
                "document": document_id,
                "block": block_id,
                "assessed_by": assessed_by,
            },
        )
    return get_recommendation(workspace, actor, recommendation_id)


def _evidence_source(workspace: Workspace, actor: Actor, source: str) -> tuple[int, int | None]:
    """``(document id, block id or None)`` for ``block:ID``, ``REFERENCE#NUMBER`` or a document reference."""
    if source.startswith("block:") and source[6:].isdigit():
        located = workspace.store.documents.locate([int(source[6:])])
        if not located:
            raise RecommendationError(f"--source {source}: no such paragraph")
        return located[0].document.id, located[0].id
    reference, _, number = source.rpartition("#") if "#" in source else (source, "", "")
    document = _resolve(workspace, actor, reference)
    if not number:
        return document.id, None
    for block in workspace.store.documents.blocks(document.version_id):
        if block.block.number == number.strip().rstrip("."):
            return document.id, block.id
    raise RecommendationError(f"--source {source}: document {document.id} has no paragraph {number}")


@dataclass(frozen=True, slots=True)
class Filters:
    """What :func:`list_recommendations` keeps; every filter given must match (case does not count).

    Attributes:
        addressee: Part of the addressee's name, or its ISO3 code.
        theme: Part of a theme's text ("A12", "reprisals", "Intimidation").
        status: The current status (a :class:`Status` value or "not_assessed").
        source_kind: The kind of source.
    """

    addressee: str | None = None
    theme: str | None = None
    status: str | None = None
    source_kind: RecommendationSource | None = None

    def match(self, rec: TrackedRecommendation) -> bool:
        """Whether ``rec`` passes every filter given."""
        r = rec.record
        return (
            _contains(self.addressee, [r.addressee, r.addressee_iso3])
            and _contains(self.theme, [t.text for t in r.themes])
            and (self.status is None or rec.status == self.status)
            and (self.source_kind is None or r.source_kind is self.source_kind)
        )


def _contains(wanted: str | None, values: Sequence[str | None]) -> bool:
    if not wanted:
        return True
    folded = wanted.casefold()
    return any(v is not None and folded in v.casefold() for v in values)


def list_recommendations(
    workspace: Workspace, actor: Actor, filters: Filters | None = None
) -> list[TrackedRecommendation]:
    """Recommendations with their history, by addressee, symbol and id, keeping those that pass ``filters``."""
    actor.require(Permission.READ_CORPUS)
    filters = filters or Filters()
    return [r for r in workspace.store.recommendations.all() if filters.match(r)]


def tracker_view(
    workspace: Workspace, actor: Actor, view: TrackerView, filters: Filters | None = None
) -> list[TrackerGroup]:
    """Counts per current status per addressee or theme, with the recommendations of each group."""
    return tracker(list_recommendations(workspace, actor, filters), view)


def tracker_counts(workspace: Workspace, actor: Actor, view: TrackerView) -> list[TrackerGroup]:
    """Counts per current status per addressee or theme, without the recommendations themselves: an aggregate.

    Raises:
        hrdmap.domain.errors.Forbidden: The actor may not read aggregates.
    """
    actor.require(Permission.READ_AGGREGATES)
    groups = tracker(workspace.store.recommendations.all(), view)
    return [replace(g, recommendations=()) for g in groups]


class ExportFormat(StrEnum):
    """File formats of :func:`export_tracker`."""

    CSV = "csv"
    XLSX = "xlsx"


class ExportTable(StrEnum):
    """The table a CSV export holds (an XLSX export holds them all, one sheet each)."""

    RECOMMENDATIONS = "recommendations"
    HISTORY = "history"
    BY_ADDRESSEE = "by-addressee"
    BY_THEME = "by-theme"


def confidential_recommendations(
    workspace: Workspace, actor: Actor, recommendations: Sequence[TrackedRecommendation]
) -> frozenset[int]:
    """The ids of those recommendations that were read from a document a confidential contribution brought."""
    documents = [r.record.document_id for r in recommendations if r.record.document_id is not None]
    confidential = policy(workspace, actor, Audience.INTERNAL, documents).confidential
    return frozenset(r.id for r in recommendations if r.record.document_id in confidential)


def _disclosed(
    workspace: Workspace, actor: Actor, recommendations: list[TrackedRecommendation], audience: Audience
) -> list[TrackedRecommendation]:
    """What an export for ``audience`` holds: for the public, nothing read from a confidential contribution; for
    an internal reader, those marked (their text opens with the mark)."""
    hidden = confidential_recommendations(workspace, actor, recommendations)
    if audience_for(actor, audience) is Audience.PUBLIC:
        return [r for r in recommendations if r.id not in hidden]
    return [
        replace(r, record=replace(r.record, text=f"{MARK} {r.record.text}")) if r.id in hidden else r
        for r in recommendations
    ]


def export_tracker(
    workspace: Workspace,
    actor: Actor,
    output: Path,
    fmt: ExportFormat,
    *,
    table: ExportTable = ExportTable.RECOMMENDATIONS,
    filters: Filters | None = None,
    audience: Audience = Audience.PUBLIC,
) -> int:
    """Write the tracker to ``output``: CSV (one table) or XLSX (every table, one sheet each).

    A public export (the default) leaves out recommendations read from confidential contributions; an internal
    one marks them (:mod:`hrdmap.services.disclosure`).

    Returns:
        The number of recommendations exported.
    """
    recommendations = _disclosed(workspace, actor, list_recommendations(workspace, actor, filters), audience)
    if fmt is ExportFormat.XLSX:
        write_xlsx(tracker_sheets(recommendations), output)
        return len(recommendations)
    sheets = {s.title: s for s in tracker_sheets(recommendations)}
    title = {
        ExportTable.RECOMMENDATIONS: "Recommendations",
        ExportTable.HISTORY: "Status history",
        ExportTable.BY_ADDRESSEE: "By addressee",
        ExportTable.BY_THEME: "By theme",
    }[table]
    with output.open("w", encoding="utf-8", newline="") as out:
        write_csv(sheets[title].rows, sheets[title].columns, out)
    return len(recommendations)


__all__ = [
    "Extraction",
    "Filters",
    "ExportFormat",
    "ExportTable",
    "ImportFileError",
    "ImportFormat",
    "ImportReport",
    "RecommendationError",
    "Saved",
    "UnknownRecommendation",
    "extract_from_corpus",
    "get_recommendation",
    "guess_format",
    "import_file",
    "list_recommendations",
    "record_status",
    "tracker_view",
    "export_tracker",
    "confidential_recommendations",
]
