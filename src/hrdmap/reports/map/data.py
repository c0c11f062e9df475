"""The map of practices and gaps, as data: matrices of labels against labels, and the gaps they show.

Built from the *effective* labels of paragraphs (reviewed labels first, machine tags above threshold otherwise)
by a pure function, :func:`build_map`; the services gather the labels, the renderers (JSON, CSV,
:mod:`hrdmap.reports.map.page`) write them out.

Matrices (each cell counts the paragraphs carrying both labels and the documents they come from, and keeps
their ids so that every number leads back to its paragraphs):

- ``area-country``: areas of UN action (hrd-areas A–H) × countries (gazetteer);
- ``area-entity``: areas × UN entities and human rights mechanisms;
- ``group-area``: groups of defenders (groups-at-risk) × areas;
- ``country-kind``: countries × statement kinds (practice, challenge, recommendation).

Gaps:

- ``challenge-without-practice``: an area × country, or a group, with challenges but no reported practice;
- ``no-coverage``: areas and groups of defenders no paragraph is about (a country nobody wrote about has *no
  information*, which is not a gap: see ``countries``);
- ``attacks-without-practice``: a country or a group where attacks are reported (paragraphs with attack-types
  labels, or recorded incidents) but no practice is.

Beside the matrices, ``attacks`` lists, per country and per group of defenders, the recorded incidents (their ids
and act types) and the practice paragraphs there, so attacks and the UN's response read side by side.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from hrdmap.domain.tags import STATEMENT_KINDS, StatementKind
from hrdmap.reports.labels import Labels
from hrdmap.reports.map.countries import CountryRow, country_json, country_rows

AREAS = "hrd-areas"
GROUPS = "groups-at-risk"
COUNTRIES = "countries"
ATTACKS = "attack-types"
ENTITIES = ("un-entities", "mechanisms")
#: Every framework the map reads.
FRAMEWORKS = (AREAS, GROUPS, COUNTRIES, STATEMENT_KINDS, ATTACKS, *ENTITIES)

NO_INFORMATION_NOTE = (
    "A country no paragraph is about has no information, which is not a gap: the world map shows it grey, and "
    "it is not listed among the gaps. A country counts only where a paragraph is about it, not where it "
    "recommends, speaks, or appears in an organisation's name."
)
ATTACKS_NOTE = (
    "Attacks are counted from paragraphs tagged with attack types and from recorded incidents (public ones that "
    "count: not proposed, rejected, refuted or merged into another)."
)


@dataclass(frozen=True, slots=True)
class DocumentRef:
    """A document as the map names it."""

    id: int
    symbol: str | None
    title: str | None
    source: str
    confidential: bool = False


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph with its effective labels.

    Attributes:
        block_id: ``blocks.id``.
        document_id: Its document.
        text: The text (untrusted: renderers escape it).
        label: Its number label ("12."), if any.
        heading_path: Headings above it.
        labels: Label ids by framework.
        confidential: Whether a confidential contribution brought it (an internal map shows it marked).
    """

    block_id: int
    document_id: int
    text: str
    label: str | None
    heading_path: tuple[str, ...]
    labels: Mapping[str, frozenset[str]]
    confidential: bool = False

    def has(self, framework: str, label: str) -> bool:
        """Whether the paragraph carries ``label`` of ``framework``."""
        return label in self.labels.get(framework, frozenset())


@dataclass(frozen=True, slots=True)
class IncidentRef:
    """A recorded incident as the map needs it: where, against which groups, which acts."""

    id: int
    country: str
    roles: tuple[str, ...]
    acts: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Item:
    """A row or column of a matrix: one label of one framework."""

    framework: str
    id: str
    name: str

    @property
    def key(self) -> str:
        """Unique across frameworks ("un-entities:HRC" is not "mechanisms:HRC")."""
        return f"{self.framework}:{self.id}"


@dataclass(frozen=True, slots=True)
class Cell:
    """The paragraphs carrying a row's and a column's label."""

    row: str
    column: str
    blocks: tuple[int, ...]
    documents: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Matrix:
    """Labels against labels; only non-empty cells are kept."""

    id: str
    title: str
    rows: tuple[Item, ...]
    columns: tuple[Item, ...]
    cells: tuple[Cell, ...]

    def cell(self, row: str, column: str) -> Cell | None:
        """The cell at a row key and a column key, or ``None`` when empty."""
        return next((c for c in self.cells if c.row == row and c.column == column), None)


@dataclass(frozen=True, slots=True)
class Gap:
    """One gap: where (one or two labels), how much, and the paragraphs that show it.

    Attributes:
        kind: ``challenge-without-practice``, ``no-coverage`` or ``attacks-without-practice``.
        where: The labels that locate it (an area and a country; a group; a country).
        blocks: The paragraphs behind it (challenges, or attacks); empty for no coverage.
        documents: Their documents.
        detail: What was found there, e.g. the attack types reported.
        incidents: Recorded incidents behind it (attacks without practice).
    """

    kind: str
    where: tuple[Item, ...]
    blocks: tuple[int, ...] = ()
    documents: tuple[int, ...] = ()
    detail: tuple[str, ...] = ()
    incidents: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class AttackRow:
    """Attacks recorded as incidents in a country or against a group, beside the practice paragraphs there."""

    where: Item
    incidents: tuple[int, ...]
    acts: tuple[str, ...]
    practices: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class MapData:
    """The whole map: matrices, gaps, and the paragraphs and documents they point to."""

    generated_at: dt.datetime
    matrices: tuple[Matrix, ...]
    gaps: tuple[Gap, ...]
    paragraphs: Mapping[int, Paragraph]
    documents: Mapping[int, DocumentRef]
    labels: Labels
    notes: tuple[str, ...] = field(default=(ATTACKS_NOTE, NO_INFORMATION_NOTE))
    attacks: tuple[AttackRow, ...] = ()
    countries: tuple[CountryRow, ...] = ()
    withheld: int = 0  # documents of confidential contributions counted in the cells but not shown (public maps)


def _entities(index: _Index) -> tuple[Item, ...]:
    """UN entities and mechanisms; a body that is both (the Human Rights Council) is one column, the mechanism."""
    un_entities, mechanisms = (index.present(framework) for framework in ENTITIES)
    mechanism_ids = {item.id for item in mechanisms}
    return (*(item for item in un_entities if item.id not in mechanism_ids), *mechanisms)


def build_map(
    paragraphs: Iterable[Paragraph],
    documents: Mapping[int, DocumentRef],
    generated_at: dt.datetime,
    labels: Labels,
    incidents: Sequence[IncidentRef] = (),
) -> MapData:
    """Build the matrices and gaps from paragraphs with their effective labels, named by ``labels``, and recorded
    incidents."""
    kept = {p.block_id: p for p in paragraphs}
    index = _Index(kept.values(), labels)
    areas, groups = index.all(AREAS), index.all(GROUPS)
    countries = index.present(COUNTRIES)
    entities = _entities(index)
    kinds = index.all(STATEMENT_KINDS)
    matrices = (
        index.matrix("area-country", "Areas of UN action × countries", areas, countries),
        index.matrix("area-entity", "Areas of UN action × UN entities and mechanisms", areas, entities),
        index.matrix("group-area", "Groups of defenders × areas of UN action", groups, areas),
        index.matrix("country-kind", "Countries × kinds of statement", countries, kinds),
    )
    gaps = (
        *_challenge_gaps(index, areas, countries, groups),
        *_no_coverage(index, areas, groups),
        *_attack_gaps(index, countries, groups, incidents),
    )
    used = {b for m in matrices for c in m.cells for b in c.blocks} | {b for g in gaps for b in g.blocks}
    attacks = _attack_rows(index, groups, incidents)
    used |= {b for row in attacks for b in row.practices}
    rows = _countries(index, countries, incidents)
    used |= {b for row in rows for b in row.paragraphs}
    shown = {b: kept[b] for b in sorted(used)}
    refs = {d: documents[d] for d in sorted({p.document_id for p in shown.values()}) if d in documents}
    return MapData(generated_at, matrices, gaps, shown, refs, labels, attacks=attacks, countries=rows)


def _countries(index: _Index, countries: Sequence[Item], incidents: Sequence[IncidentRef]) -> tuple[CountryRow, ...]:
    """What is reported about each country some paragraph is about, or where an incident is recorded."""
    known = {c.id for c in countries}
    extra = [index.item(COUNTRIES, c) for c in sorted({i.country for i in incidents if i.country} - known)]

    def blocks(country: str, kind: str | None) -> set[int]:
        place = index.item(COUNTRIES, country)
        return index.blocks(place, index.item(STATEMENT_KINDS, kind)) if kind else index.blocks(place)

    def recorded(country: str) -> list[int]:
        return [i.id for i in incidents if i.country == country]

    return country_rows(((c.id, c.name) for c in (*countries, *extra)), blocks, recorded)


class _Index:
    """Paragraph ids by label, for intersecting."""

    def __init__(self, paragraphs: Iterable[Paragraph], labels: Labels) -> None:
        self.labels = labels
        self.by_label: dict[str, set[int]] = defaultdict(set)
        self.document_of: dict[int, int] = {}
        for p in paragraphs:
            self.document_of[p.block_id] = p.document_id
            for framework, ids in p.labels.items():
                for label in ids:
                    self.by_label[f"{framework}:{label}"].add(p.block_id)

    def blocks(self, *items: Item) -> set[int]:
        found = [self.by_label.get(i.key, set()) for i in items]
        return set.intersection(*found) if found else set()

    def documents(self, blocks: Iterable[int]) -> tuple[int, ...]:
        return tuple(sorted({self.document_of[b] for b in blocks}))

    def present(self, framework: str) -> tuple[Item, ...]:
        """Labels of ``framework`` some paragraph carries, by name."""
        prefix = f"{framework}:"
        ids = [k.removeprefix(prefix) for k, found in self.by_label.items() if k.startswith(prefix) and found]
        return tuple(sorted((self.item(framework, i) for i in ids), key=lambda x: x.name))

    def all(self, framework: str) -> tuple[Item, ...]:
        """Every label of ``framework``, in its own order."""
        vocabulary = self.labels.vocabularies[framework]
        return tuple(Item(framework, label, name) for label, name in vocabulary.labels.items())

    def item(self, framework: str, label: str) -> Item:
        """The label as a row or column, with its name."""
        return Item(framework, label, self.labels.name(framework, label))

    def matrix(self, id_: str, title: str, rows: Sequence[Item], columns: Sequence[Item]) -> Matrix:
        cells = []
        for row in rows:
            for column in columns:
                found = self.blocks(row, column)
                if found:
                    cells.append(Cell(row.key, column.key, tuple(sorted(found)), self.documents(found)))
        return Matrix(id_, title, tuple(rows), tuple(columns), tuple(cells))


def _challenge_gaps(
    index: _Index, areas: Sequence[Item], countries: Sequence[Item], groups: Sequence[Item]
) -> list[Gap]:
    challenge = index.item(STATEMENT_KINDS, StatementKind.CHALLENGE)
    practice = index.item(STATEMENT_KINDS, StatementKind.PRACTICE)
    places = [(area, country) for area in areas for country in countries] + [(group,) for group in groups]
    gaps = []
    for where in places:
        found = index.blocks(*where, challenge)
        if found and not index.blocks(*where, practice):
            gaps.append(Gap("challenge-without-practice", where, tuple(sorted(found)), index.documents(found)))
    return gaps


def _no_coverage(index: _Index, areas: Sequence[Item], groups: Sequence[Item]) -> list[Gap]:
    """Areas and groups of the framework no paragraph carries. Countries are not listed: a country nobody wrote
    about has no information, which is not a gap (see ``countries``)."""
    return [Gap("no-coverage", (item,)) for item in (*areas, *groups) if not index.blocks(item)]


def _incidents_at(place: Item, incidents: Sequence[IncidentRef]) -> list[IncidentRef]:
    if place.framework == COUNTRIES:
        return [i for i in incidents if i.country == place.id]
    return [i for i in incidents if place.id in i.roles]


def _act_names(index: _Index, incidents: Iterable[IncidentRef]) -> tuple[str, ...]:
    return tuple(sorted({index.item(ATTACKS, act).name for i in incidents for act in i.acts}))


def _attack_gaps(
    index: _Index, countries: Sequence[Item], groups: Sequence[Item], incidents: Sequence[IncidentRef] = ()
) -> list[Gap]:
    attacks = index.present(ATTACKS)
    practice = index.item(STATEMENT_KINDS, StatementKind.PRACTICE)
    known = {c.id for c in countries}
    extra = sorted({i.country for i in incidents if i.country and i.country not in known})
    places = (*countries, *(index.item(COUNTRIES, c) for c in extra), *groups)
    gaps = []
    for place in places:
        found = set().union(*(index.blocks(place, a) for a in attacks)) if attacks else set()
        recorded = _incidents_at(place, incidents)
        if (found or recorded) and not index.blocks(place, practice):
            kinds = tuple(
                sorted({a.name for a in attacks if index.blocks(place, a)} | set(_act_names(index, recorded)))
            )
            gaps.append(
                Gap(
                    "attacks-without-practice",
                    (place,),
                    tuple(sorted(found)),
                    index.documents(found),
                    kinds,
                    tuple(sorted(i.id for i in recorded)),
                )
            )
    return gaps


def _attack_rows(index: _Index, groups: Sequence[Item], incidents: Sequence[IncidentRef]) -> tuple[AttackRow, ...]:
    practice = index.item(STATEMENT_KINDS, StatementKind.PRACTICE)
    countries = sorted(
        (index.item(COUNTRIES, c) for c in {i.country for i in incidents if i.country}), key=lambda x: x.name
    )
    rows = []
    for place in (*countries, *groups):
        recorded = _incidents_at(place, incidents)
        if recorded:
            ids = tuple(sorted(i.id for i in recorded))
            rows.append(
                AttackRow(place, ids, _act_names(index, recorded), tuple(sorted(index.blocks(place, practice))))
            )
    return tuple(rows)


def map_json(data: MapData) -> dict[str, object]:
    """The map as one JSON document (what ``hrdmap map --format json`` writes and the HTML page embeds)."""
    return {
        "generated_at": data.generated_at.isoformat(),
        "notes": list(data.notes),
        "matrices": [_matrix_json(m) for m in data.matrices],
        "gaps": [_gap_json(g) for g in data.gaps],
        "countries": [country_json(row) for row in data.countries],
        "attacks": [
            {
                "where": _item_json(row.where),
                "incidents": len(row.incidents),
                "incident_ids": list(row.incidents),
                "acts": list(row.acts),
                "practice_paragraphs": len(row.practices),
                "practice_block_ids": list(row.practices),
            }
            for row in data.attacks
        ],
        "paragraphs": {str(k): _paragraph_json(p, data.labels) for k, p in data.paragraphs.items()},
        "documents": {
            str(k): {
                "id": d.id,
                "symbol": d.symbol,
                "title": d.title,
                "file": file_name(d.source),
                "confidential": d.confidential,
            }
            for k, d in data.documents.items()
        },
        "confidential_documents_withheld": data.withheld,
    }


def file_name(source: str) -> str:
    """The file's own name, without the folders it was read from (they may say more than the map should)."""
    return source.replace("\\", "/").rsplit("!", 1)[-1].rsplit("/", 1)[-1]


def _item_json(item: Item) -> dict[str, str]:
    return {"key": item.key, "framework": item.framework, "id": item.id, "name": item.name}


def _matrix_json(matrix: Matrix) -> dict[str, object]:
    return {
        "id": matrix.id,
        "title": matrix.title,
        "rows": [_item_json(i) for i in matrix.rows],
        "columns": [_item_json(i) for i in matrix.columns],
        "cells": [
            {
                "row": c.row,
                "column": c.column,
                "paragraphs": len(c.blocks),
                "documents": len(c.documents),
                "block_ids": list(c.blocks),
                "document_ids": list(c.documents),
            }
            for c in matrix.cells
        ],
    }


def _gap_json(gap: Gap) -> dict[str, object]:
    return {
        "kind": gap.kind,
        "where": [_item_json(i) for i in gap.where],
        "paragraphs": len(gap.blocks),
        "documents": len(gap.documents),
        "block_ids": list(gap.blocks),
        "document_ids": list(gap.documents),
        "detail": list(gap.detail),
        "incidents": len(gap.incidents),
        "incident_ids": list(gap.incidents),
    }


def _paragraph_json(p: Paragraph, names: Labels) -> dict[str, object]:
    labels = [
        {"framework": framework, "id": label, "name": names.name(framework, label)}
        for framework in FRAMEWORKS
        for label in sorted(p.labels.get(framework, ()))
    ]
    return {
        "block_id": p.block_id,
        "document_id": p.document_id,
        "label": p.label,
        "heading_path": list(p.heading_path),
        "text": p.text,
        "labels": labels,
        "confidential": p.confidential,
    }
