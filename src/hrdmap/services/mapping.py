"""Map practices and gaps: the use-case behind ``hrdmap map``.

Reads the effective labels of the paragraphs of current documents (see :mod:`hrdmap.services.review`), joins
them to their paragraphs and documents, and hands them to the map builder (:mod:`hrdmap.reports.map.data`);
writes the result as JSON, CSV or one self-contained HTML page. Reading only: nothing in the store changes.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path

from hrdmap.analyse.recommendation_leads import reviewed_state
from hrdmap.domain.actor import Actor, Permission
from hrdmap.domain.citation import paragraph_citation
from hrdmap.domain.document import Block, StoredDocument
from hrdmap.domain.monitoring.vocabulary import COUNTED, Sensitivity
from hrdmap.readers.recommendation_records import country, document_state
from hrdmap.reports.boilerplate import non_substantive
from hrdmap.reports.map.csv_files import write_map_csv
from hrdmap.reports.map.data import (
    COUNTRIES,
    FRAMEWORKS,
    DocumentRef,
    IncidentRef,
    MapData,
    Paragraph,
    build_map,
    map_json,
)
from hrdmap.reports.map.page import render_map_html
from hrdmap.reports.map.places import countries_about
from hrdmap.services.caching import GenerationCache, store_key
from hrdmap.services.disclosure import Audience, policy
from hrdmap.services.review import effective_rows
from hrdmap.services.visibility import hidden_ids, scope_key, visible_ids
from hrdmap.services.workspace import Workspace
from hrdmap.storage.documents import LocatedBlock


class MapFormat(StrEnum):
    """What ``hrdmap map`` writes."""

    JSON = "json"  # one JSON document
    CSV = "csv"  # a folder: one long-format file per matrix, and gaps.csv
    HTML = "html"  # one self-contained page


def build(workspace: Workspace, actor: Actor, audience: Audience = Audience.INTERNAL) -> MapData:
    """The map of the corpus as it stands: matrices, gaps, and the paragraphs behind them.

    Paragraphs of confidential contributions are counted in every cell; a map for a public audience shows
    neither them nor their documents (:mod:`hrdmap.services.disclosure`), an internal one shows them marked.

    Raises:
        hrdmap.domain.errors.Forbidden: The actor may not read the corpus (the map quotes paragraphs).
    """
    actor.require(Permission.READ_CORPUS)
    return _build(workspace, actor, aggregates_only=False, audience=audience)


def aggregates(workspace: Workspace, actor: Actor) -> MapData:
    """The map's counts without a word of any paragraph, over the documents the actor's need to know reaches
    (:func:`~hrdmap.services.visibility.in_scope`): what an analyst may see.

    The matrices and gaps keep their cells' paragraph and document ids (so counts can be made) but the
    paragraphs and documents themselves are left out. The counts are cached until the store's generation
    changes (a tag, a review, a document, a contribution or an incident written), per need-to-know scope;
    ``generated_at`` says when they were counted.

    Raises:
        hrdmap.domain.errors.Forbidden: The actor may not read aggregates.
    """
    actor.require(Permission.READ_AGGREGATES)
    key = (*store_key(workspace), scope_key(actor))
    return _COUNTS.get(key, lambda: _build(workspace, actor, aggregates_only=True))


@dataclass(frozen=True, slots=True)
class _Labelled:
    """The substantive tagged paragraphs of current documents and their effective labels: what every map of a
    store's generation is made of, whoever asks."""

    located: tuple[LocatedBlock, ...]
    labels: Mapping[int, Mapping[str, frozenset[str]]]
    incidents: tuple[IncidentRef, ...]


_LABELLED: GenerationCache[_Labelled] = GenerationCache(4)
_COUNTS: GenerationCache[MapData] = GenerationCache(32)


def _labelled(workspace: Workspace) -> _Labelled:
    tags = workspace.store.tags
    rows = effective_rows(tags.machine_labels(FRAMEWORKS), tags.latest_reviews(FRAMEWORKS))
    labels: dict[int, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in rows:
        labels[row.block_id][row.framework].add(row.label)
    located = [b for b in workspace.store.documents.locate(sorted(labels)) if not _non_substantive(b.block.text)]
    _keep_countries_about(workspace, located, labels, _Versions(workspace))
    kept = {
        b.id: {framework: frozenset(ids) for framework, ids in labels[b.id].items() if ids} for b in located
    }
    return _Labelled(tuple(located), kept, tuple(_incidents(workspace)))


_KINDS: dict[bytes, str | None] = {}  # digest of a paragraph's text → what non_substantive says of it


def _non_substantive(text: str) -> str | None:
    """:func:`~hrdmap.reports.boilerplate.non_substantive`, remembered by the text's digest (the patterns are
    the slowest part of a map, and a review changes labels, never text)."""
    key = hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()
    if key not in _KINDS:
        if len(_KINDS) >= 500_000:
            _KINDS.clear()
        _KINDS[key] = non_substantive(text)
    return _KINDS[key]


def _build(
    workspace: Workspace, actor: Actor, *, aggregates_only: bool, audience: Audience = Audience.PUBLIC
) -> MapData:
    base = _LABELLED.get(store_key(workspace), lambda: _labelled(workspace))
    versions = _Versions(workspace)
    paragraphs, documents = [], {}
    if aggregates_only:
        hidden = hidden_ids(workspace, actor)
        seen = {b.document.id for b in base.located} - hidden
    else:
        seen = visible_ids(workspace, actor, [b.document.id for b in base.located])
    rules = None if aggregates_only else policy(workspace, actor, audience, seen)  # counts alone disclose nothing
    for found_block in base.located:
        stored = found_block.document
        if stored.id not in seen:
            continue
        marked = rules.marked(stored.id) if rules is not None else False
        documents[stored.id] = DocumentRef(stored.id, stored.symbol, stored.title, stored.source, marked)
        block = found_block.block
        citation = None if aggregates_only else versions.citation(stored.version_id, block.index)
        found = dict(base.labels[found_block.id])
        paragraphs.append(
            Paragraph(found_block.id, stored.id, block.text, citation, block.heading_path, found, marked)
        )
    built = build_map(paragraphs, documents, actor.now(), workspace.labels(), list(base.incidents))
    if rules is None:
        return replace(built, paragraphs={}, documents={})
    return replace(
        built,
        paragraphs={k: p for k, p in built.paragraphs.items() if rules.shows(p.document_id)},
        documents={k: d for k, d in built.documents.items() if rules.shows(k)},
        withheld=rules.withheld(built.documents),
    )


class _Versions:
    """The blocks of document versions, read once: for citations and for the State a document is about."""

    def __init__(self, workspace: Workspace) -> None:
        self._workspace = workspace
        self._blocks: dict[int, list[Block]] = {}
        self._states: dict[int, str | None] = {}

    def blocks(self, version_id: int) -> list[Block]:
        if version_id not in self._blocks:
            stored = self._workspace.store.documents.blocks(version_id)
            self._blocks[version_id] = sorted((b.block for b in stored), key=lambda b: b.index)
        return self._blocks[version_id]

    def citation(self, version_id: int, index: int) -> str | None:
        """How the document cites the block ("12 (a)"), never a bare sub-paragraph letter or bullet."""
        blocks = self.blocks(version_id)
        position = next((n for n, b in enumerate(blocks) if b.index == index), None)
        return paragraph_citation(blocks, position) if position is not None else None

    def state(self, document: StoredDocument) -> str | None:
        """ISO3 of the State the document is about: its symbol or title, else the State a UPR report reviewed."""
        if document.version_id not in self._states:
            found = document_state(document.symbol, document.title)
            code = found[1] if found else None
            if code is None:
                reviewed = reviewed_state(b.text for b in self.blocks(document.version_id)[:40])
                code = _iso3(reviewed) if reviewed else None
            self._states[document.version_id] = code
        return self._states[document.version_id]


def _iso3(name: str) -> str | None:
    found = country(name)
    return found[1] if found else None


def _keep_countries_about(
    workspace: Workspace,
    located: list[LocatedBlock],
    labels: dict[int, dict[str, set[str]]],
    versions: _Versions,
) -> None:
    """Keep, of the countries the gazetteer tagged, those each paragraph is about (:mod:`hrdmap.reports.map.places`).

    Reviewed country labels are kept as the reviewer left them; a machine tag without spans is kept as it is.
    """
    ids = [b.id for b in located if labels[b.id].get(COUNTRIES)]
    machine = workspace.store.tags.for_blocks(ids)
    reviews = workspace.store.tags.reviews_for_blocks(ids)
    for found in located:
        current = labels[found.id].get(COUNTRIES)
        if not current:
            continue
        reviewed = {r.label for r in reviews.get(found.id, ()) if r.framework == COUNTRIES}
        mentions = {
            t.tag.label: [(e.start, e.end) for e in t.tag.evidence if e.start is not None and e.end is not None]
            for t in machine.get(found.id, ())
            if t.tag.framework == COUNTRIES and t.tag.label in current and t.tag.label not in reviewed
        }
        judged = {c for c, spans in mentions.items() if spans}
        if judged:
            about = countries_about(found.block.text, {c: mentions[c] for c in judged}, versions.state(found.document))
            labels[found.id][COUNTRIES] = (current - judged) | about


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
