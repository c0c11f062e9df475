"""Map practices and gaps: the use-case behind ``hrdmap map``.

Reads the effective labels of the paragraphs of current documents (see :mod:`hrdmap.services.review`), joins
them to their paragraphs and documents, and hands them to the map builder (:mod:`hrdmap.reports.map.data`);
writes the result as JSON, CSV or one self-contained HTML page. Reading only: nothing in the store changes.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import replace
from enum import StrEnum
from pathlib import Path

from hrdmap.domain.actor import Actor, Permission
from hrdmap.domain.monitoring.vocabulary import COUNTED, Sensitivity
from hrdmap.reports.map.csv_files import write_map_csv
from hrdmap.reports.map.data import FRAMEWORKS, DocumentRef, IncidentRef, MapData, Paragraph, build_map, map_json
from hrdmap.reports.map.page import render_map_html
from hrdmap.services.review import effective_rows
from hrdmap.services.visibility import visible_ids
from hrdmap.services.workspace import Workspace


class MapFormat(StrEnum):
    """What ``hrdmap map`` writes."""

    JSON = "json"  # one JSON document
    CSV = "csv"  # a folder: one long-format file per matrix, and gaps.csv
    HTML = "html"  # one self-contained page


def build(workspace: Workspace, actor: Actor) -> MapData:
    """The map of the corpus as it stands: matrices, gaps, and the paragraphs behind them.

    Raises:
        hrdmap.domain.errors.Forbidden: The actor may not read the corpus (the map quotes paragraphs).
    """
    actor.require(Permission.READ_CORPUS)
    return _build(workspace, actor, aggregates_only=False)


def aggregates(workspace: Workspace, actor: Actor) -> MapData:
    """The map's counts over the whole corpus without a word of any paragraph: what an analyst may see.

    The matrices and gaps keep their cells' paragraph and document ids (so counts can be made) but the
    paragraphs and documents themselves are left out.

    Raises:
        hrdmap.domain.errors.Forbidden: The actor may not read aggregates.
    """
    actor.require(Permission.READ_AGGREGATES)
    return _build(workspace, actor, aggregates_only=True)


def _build(workspace: Workspace, actor: Actor, *, aggregates_only: bool) -> MapData:
    tags = workspace.store.tags
    rows = effective_rows(tags.machine_labels(FRAMEWORKS), tags.latest_reviews(FRAMEWORKS))
    labels: dict[int, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in rows:
        labels[row.block_id][row.framework].add(row.label)
    paragraphs, documents = [], {}
    found_blocks = workspace.store.documents.locate(sorted(labels))
    seen = visible_ids(workspace, actor, [b.document.id for b in found_blocks])
    for located in found_blocks:
        stored = located.document
        if not aggregates_only and stored.id not in seen:
            continue
        documents[stored.id] = DocumentRef(stored.id, stored.symbol, stored.title, stored.source)
        found = {framework: frozenset(ids) for framework, ids in labels[located.id].items()}
        block = located.block
        paragraphs.append(Paragraph(located.id, stored.id, block.text, block.label, block.heading_path, found))
    built = build_map(paragraphs, documents, actor.now(), workspace.labels(), _incidents(workspace))
    return replace(built, paragraphs={}, documents={}) if aggregates_only else built


def _incidents(workspace: Workspace) -> list[IncidentRef]:
    """The recorded incidents the map shows: public, counted (not proposed, rejected or refuted), not merged."""
    repository = workspace.store.incidents
    return [
        IncidentRef(
            incident.id,
            incident.location.country,
            tuple(sorted({r for v in incident.victims if v.sensitivity is Sensitivity.PUBLIC for r in v.roles})),
            incident.act_types,
        )
        for incident in repository.iterate(repository.counted_ids())
        if incident.id is not None and incident.sensitivity is Sensitivity.PUBLIC and incident.status in COUNTED
    ]


def write_map(data: MapData, fmt: MapFormat, output: Path) -> list[Path]:
    """Write the map to ``output``: a file for JSON and HTML, a folder for CSV. Returns the files written."""
    if fmt is MapFormat.CSV:
        return write_map_csv(data, output)
    output.parent.mkdir(parents=True, exist_ok=True)
    text = render_map_html(data) if fmt is MapFormat.HTML else map_json_text(data)
    output.write_text(text, encoding="utf-8")
    return [output]


def map_json_text(data: MapData) -> str:
    """The map as indented JSON text."""
    return json.dumps(map_json(data), ensure_ascii=False, indent=2) + "\n"
