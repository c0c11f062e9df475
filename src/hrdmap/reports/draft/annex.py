"""The annex of the draft: contributions by stakeholder type, coverage by area, practices versus challenges.

The figures count every usable passage (see :func:`hrdmap.reports.draft.selection.classify`) under its primary area,
not only those the draft kept, so the annex shows the whole map while the body stays within its word limit.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from hrdmap.domain.framework import Framework
from hrdmap.domain.report import Annex, Chart, Series, Table
from hrdmap.domain.tags import StatementKind
from hrdmap.reports.draft.inputs import Contributor
from hrdmap.reports.draft.selection import Pick

Phrases = Mapping[str, str]
TYPE_ORDER = ("member_state", "observer_state", "un_entity", "nhri", "regional_organisation", "ngo", "academic")


@dataclass(slots=True)
class AreaStats:
    """What the contributions say about one area."""

    passages: int = 0
    contributors: set[str] = field(default_factory=set)
    kinds: Counter[str] = field(default_factory=Counter)


def area_stats(picks: Sequence[Pick], by_document: Mapping[int, Contributor]) -> dict[str, AreaStats]:
    """Passages, contributors and kinds per primary area."""
    stats: dict[str, AreaStats] = defaultdict(AreaStats)
    for pick in picks:
        if pick.area is None:
            continue
        entry = stats[pick.area]
        entry.passages += 1
        entry.contributors.add(by_document[pick.candidate.document_id].key)
        entry.kinds[pick.kind or ""] += 1
    return dict(stats)


def annex(
    contributors: Sequence[Contributor], stats: Mapping[str, AreaStats], areas: Framework, phrases: Phrases
) -> Annex:
    """The annex's two tables and two charts."""
    types = _types(contributors)
    type_rows = [(phrases.get(f"type_{t}", phrases["type_other"]), str(n), str(c)) for t, (n, c) in types.items()]
    type_rows.append((phrases["total"], str(len(contributors)), str(sum(c.confidential for c in contributors))))
    area_rows = []
    for label in areas.labels:
        s = stats.get(label.id, AreaStats())
        area_rows.append(
            (
                f"{label.id}. {label.name()}",
                str(s.passages),
                str(len(s.contributors)),
                *(str(s.kinds[k]) for k in StatementKind),
            )
        )
    tables = (
        Table(phrases["table_types"], tuple(phrases["table_types_columns"].split("|")), tuple(type_rows)),
        Table(phrases["table_areas"], tuple(phrases["table_areas_columns"].split("|")), tuple(area_rows)),
    )
    charts = (
        Chart(
            phrases["chart_types"],
            tuple(r[0] for r in type_rows[:-1]),
            (Series(phrases["series_contributions"], tuple(float(n) for n, _ in types.values())),),
        ),
        Chart(
            phrases["chart_areas"],
            tuple(label.id for label in areas.labels),
            tuple(
                Series(
                    phrases[f"series_{kind}s"],
                    tuple(float(stats.get(label.id, AreaStats()).kinds[kind]) for label in areas.labels),
                )
                for kind in (StatementKind.PRACTICE, StatementKind.CHALLENGE)
            ),
        ),
    )
    return Annex(phrases["annex"], tables, charts)


def _types(contributors: Sequence[Contributor]) -> dict[str, tuple[int, int]]:
    """Stakeholder type → (contributions, of which confidential), in the usual order of UN reports."""
    counts: Counter[str] = Counter(c.type for c in contributors)
    confidential: Counter[str] = Counter(c.type for c in contributors if c.confidential)
    order = [t for t in TYPE_ORDER if t in counts] + sorted(t for t in counts if t not in TYPE_ORDER)
    return {t: (counts[t], confidential[t]) for t in order}
