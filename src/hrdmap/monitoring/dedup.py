"""Find incidents that several sources report: the same killing in an NGO's list, a media feed and a submission.

Probabilistic record linkage (Fellegi–Sunter) with Splink on DuckDB: candidate pairs are *blocked* (only incidents
in the same country and year, or the same country and a similar name, are compared, so it scales), then scored on
four comparisons, each with levels whose weights are documented in docs/monitoring.md:

* **name**: the same words after transliteration, accents, case, particles and order are set aside
  (:mod:`hrdmap.monitoring.names`); close spelling (Jaro–Winkler); one name's words all within the other's
  (missing parts); somewhat close; different. No name on either side is neutral.
* **date**: the same day or overlapping short ranges; within 3 days; imprecise dates that overlap (a year and a
  day in it); within a month; further.
* **place**: the same place; one side's place is the other's admin area, or the same admin area; different.
* **act**: the same act type, or not.

Each pair comes with the level of every comparison and its weight, so a reviewer sees why it was proposed.
The weights are fixed priors, not trained on the data being linked: the result does not change with the batch.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from anyascii import anyascii

from hrdmap.domain.monitoring.incidents import Incident
from hrdmap.monitoring.names import name_key

#: Pairs at or above this match probability are proposed (chosen on the benchmark, docs/monitoring.md).
DEFAULT_THRESHOLD = 0.2


@dataclass(frozen=True, slots=True)
class LinkRecord:
    """What linkage compares of one incident.

    Attributes:
        id: The incident's id.
        name: The (first) victim's name, as written.
        country: ISO3.
        date_start: First possible day (``None`` when unknown).
        date_end: Last possible day.
        admin_area: First-level administrative area.
        place: Town or place.
        act_type: The (first) act's type.
    """

    id: int
    name: str
    country: str
    date_start: dt.date | None
    date_end: dt.date | None
    admin_area: str = ""
    place: str = ""
    act_type: str = ""


@dataclass(frozen=True, slots=True)
class Reason:
    """One comparison's outcome for a pair: which level, and how much it weighs (log2 Bayes factor)."""

    comparison: str
    level: str
    weight: float


@dataclass(frozen=True, slots=True)
class CandidatePair:
    """Two incidents that may be one, with the probability and the reasons."""

    left: int
    right: int
    probability: float
    weight: float
    reasons: tuple[Reason, ...]


def _level(sql: str, label: str, m: float, u: float) -> dict[str, Any]:
    return {"sql_condition": sql, "label_for_charts": label, "m_probability": m, "u_probability": u}


def _null(sql: str, label: str) -> dict[str, Any]:
    return {"sql_condition": sql, "label_for_charts": label, "is_null_level": True}


_GAP = "date_diff('day', least(date_end_l, date_end_r), greatest(date_start_l, date_start_r))"
_NARROW = "date_diff('day', date_start_l, date_end_l) <= 31 AND date_diff('day', date_start_r, date_end_r) <= 31"


def _words_alike(a: str, b: str) -> str:
    """SQL: the mean, over the words of ``a``, of each word's best Jaro-Winkler similarity to a word of ``b``."""
    best = f"list_max(list_transform({b}, lambda y: jaro_winkler_similarity(x, y)))"
    return f"list_avg(list_transform({a}, lambda x: {best}))"


_UNLIKE = "NOT list_has_any(words_l, words_r) AND jaro_winkler_similarity(name_l, name_r) < 0.75"
_BOTH = f"least({_words_alike('words_l', 'words_r')}, {_words_alike('words_r', 'words_l')})"
_EITHER = f"greatest({_words_alike('words_l', 'words_r')}, {_words_alike('words_r', 'words_l')})"

#: The comparisons: name → levels (SQL condition, label, m, u), best level first.
COMPARISONS: tuple[tuple[str, tuple[dict[str, Any], ...]], ...] = (
    (
        "name",
        (
            _null("name_l = '' OR name_r = ''", "no name on one side"),
            _level("name_l = name_r", "the same words", 0.55, 0.0005),
            # Cheap test first: most pairs share no word and are far apart as a whole.
            _level(_UNLIKE, "different (no word in common)", 0.02, 0.90),
            _level(f"{_BOTH} >= 0.92", "every word spelt closely (Jaro-Winkler >= 0.92)", 0.25, 0.002),
            _level(f"{_EITHER} >= 0.95", "one name's words all in the other (missing parts)", 0.10, 0.005),
            _level(f"{_BOTH} >= 0.80", "somewhat alike (Jaro-Winkler >= 0.80)", 0.06, 0.03),
            _level("ELSE", "different", 0.02, 0.0625),
        ),
    ),
    (
        "date",
        (
            _null("date_start_l IS NULL OR date_start_r IS NULL", "no date on one side"),
            _level(f"{_GAP} <= 0 AND {_NARROW}", "the same day, or short ranges that overlap", 0.55, 0.01),
            _level(f"{_GAP} <= 3 AND {_NARROW}", "within 3 days", 0.25, 0.01),
            _level(f"{_GAP} <= 0", "imprecise dates that overlap (a year and a day in it)", 0.15, 0.05),
            _level(f"{_GAP} <= 31", "within a month", 0.03, 0.05),
            _level("ELSE", "further apart", 0.02, 0.78),
        ),
    ),
    (
        "place",
        (
            _null("(place_l = '' AND admin_l = '') OR (place_r = '' AND admin_r = '')", "no place on one side"),
            _level("place_l <> '' AND place_l = place_r", "the same place", 0.6, 0.1),
            _level(
                "(admin_l <> '' AND admin_l = admin_r) OR (place_l <> '' AND place_l = admin_r)"
                " OR (admin_l <> '' AND admin_l = place_r)",
                "the same admin area (or one side names only the area)",
                0.3,
                0.1,
            ),
            _level("ELSE", "different places", 0.1, 0.8),
        ),
    ),
    (
        "act",
        (
            _null("act_l = '' OR act_r = ''", "no act type on one side"),
            _level("act_l = act_r", "the same act", 0.95, 0.4),
            _level("ELSE", "different acts", 0.05, 0.6),
        ),
    ),
)


_AREA_WORDS = frozenset(
    {
        "province",
        "governorate",
        "state",
        "region",
        "district",
        "department",
        "departamento",
        "city",
        "of",
        "the",
        "municipality",
        "county",
        "prefecture",
        "oblast",
        "wilaya",
    }
)


def _place(text: str) -> str:
    words = re.split(r"[^a-z0-9]+", anyascii(text).casefold())
    return " ".join(w for w in words if w and w not in _AREA_WORDS)


def _row(record: LinkRecord) -> dict[str, Any]:
    key = name_key(record.name)
    words = key.split()
    longest = max(words, key=len) if words else ""
    return {
        "unique_id": record.id,
        "name": key,
        "words": words,
        "name_block": longest[:4],
        "country": record.country,
        "year": record.date_start.year if record.date_start else None,
        "date_start": record.date_start,
        "date_end": record.date_end,
        "place": _place(record.place),
        "admin": _place(record.admin_area),
        "act": record.act_type,
    }


def _settings() -> dict[str, Any]:
    from splink import block_on

    return {
        "link_type": "dedupe_only",
        "unique_id_column_name": "unique_id",
        "blocking_rules_to_generate_predictions": [
            block_on("country", "year"),
            {"blocking_rule": "l.country = r.country AND l.name_block = r.name_block AND l.name_block <> ''"},
        ],
        "comparisons": [
            {"output_column_name": name, "comparison_levels": list(levels)} for name, levels in COMPARISONS
        ],
        "probability_two_random_records_match": 0.001,
        "retain_intermediate_calculation_columns": True,
        "retain_matching_columns": True,
    }


def _reasons(row: dict[str, Any]) -> tuple[Reason, ...]:
    reasons: list[Reason] = []
    for name, levels in COMPARISONS:
        gamma = row[f"gamma_{name}"]
        # Splink numbers the levels from the last (0) upwards, the null level being -1.
        index = 0 if gamma == -1 else len(levels) - 1 - gamma
        weight = float(row.get(f"mw_{name}") or 0.0)
        reasons.append(Reason(name, levels[index]["label_for_charts"], round(weight, 2)))
    return tuple(reasons)


def find_pairs(
    records: Iterable[LinkRecord], threshold: float = DEFAULT_THRESHOLD, threads: int = 2
) -> list[CandidatePair]:
    """Candidate duplicate pairs among incidents, best first.

    Args:
        records: One per incident (see :func:`link_record`).
        threshold: Lowest match probability proposed.
        threads: DuckDB threads.

    Returns:
        Pairs with ``left < right``, by descending probability.
    """
    import duckdb
    from splink import DuckDBAPI, Linker

    rows = [_row(r) for r in records]
    if len(rows) < 2:
        return []
    connection = duckdb.connect()
    try:
        connection.execute(f"SET threads TO {int(threads)}")
        api = DuckDBAPI(connection=connection)
        table = api.register(rows)
        linker = Linker(table, _settings(), log_level=None)
        logging.getLogger("splink").setLevel(logging.ERROR)
        predictions = linker.inference.predict(threshold_match_probability=threshold)
        columns = predictions.as_dict()
        found = [dict(zip(columns, values, strict=True)) for values in zip(*columns.values(), strict=True)]
    finally:
        connection.close()
    pairs = [
        CandidatePair(
            left=min(p["unique_id_l"], p["unique_id_r"]),
            right=max(p["unique_id_l"], p["unique_id_r"]),
            probability=float(p["match_probability"]),
            weight=float(p["match_weight"]),
            reasons=_reasons(p),
        )
        for p in found
    ]
    return sorted(pairs, key=lambda p: (-p.probability, p.left, p.right))


def link_record(incident: Incident) -> LinkRecord:
    """What linkage compares of a stored incident (its first victim and first act).

    Raises:
        ValueError: The incident has no id yet.
    """
    if incident.id is None:
        raise ValueError("only stored incidents (with an id) can be linked")
    return LinkRecord(
        id=incident.id,
        name=incident.victims[0].name if incident.victims else "",
        country=incident.location.country,
        date_start=incident.date.start,
        date_end=incident.date.end,
        admin_area=incident.location.admin_area,
        place=incident.location.place,
        act_type=incident.acts[0].type,
    )


def clusters(pairs: Sequence[CandidatePair]) -> list[set[int]]:
    """Group linked incidents transitively (A~B and B~C: one incident), largest group first."""
    parent: dict[int, int] = {}

    def root(node: int) -> int:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for pair in pairs:
        parent[root(pair.left)] = root(pair.right)
    groups: dict[int, set[int]] = {}
    for node in list(parent):
        groups.setdefault(root(node), set()).add(node)
    return sorted(groups.values(), key=lambda g: (-len(g), min(g)))
