"""Countries on the map: what is reported about each, by region, for the world map and the country table.

Each country some paragraph is about gets a :class:`CountryRow`: the paragraphs that report a **practice**
there, those that report a **challenge** there, the others, and the recorded **incidents** (attacks). A country
no paragraph is about has **no information**: that is not a gap (nobody wrote about it), and the map says so
instead of listing it among the gaps. Rows carry the country's M49 code and its M49 region and sub-region, so
the page can group and sort them as people expect, and draw them on the world map.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from hrdmap.analyse.reference import data as gazetteer_data
from hrdmap.domain.tags import StatementKind


@dataclass(frozen=True, slots=True)
class CountryRow:
    """What the map knows about one country.

    Attributes:
        id: ISO3 code.
        name: UN short name.
        m49: M49 code ("404"), the id of its shape on the world map.
        region: Its M49 region ("Africa"), or "" when it has none.
        subregion: Its M49 sub-region ("Sub-Saharan Africa").
        practices: Paragraphs reporting a practice there.
        challenges: Paragraphs reporting a challenge there.
        paragraphs: Every paragraph about it.
        incidents: Recorded incidents there.
    """

    id: str
    name: str
    m49: str
    region: str
    subregion: str
    practices: tuple[int, ...]
    challenges: tuple[int, ...]
    paragraphs: tuple[int, ...]
    incidents: tuple[int, ...] = ()

    @property
    def status(self) -> str:
        """``practice and challenge``, ``practice``, ``challenge`` or ``information`` (neither)."""
        if self.practices and self.challenges:
            return "practice and challenge"
        if self.practices:
            return StatementKind.PRACTICE
        return StatementKind.CHALLENGE if self.challenges else "information"


@cache
def _places() -> tuple[dict[str, gazetteer_data.Place], dict[str, str]]:
    countries = {c.id: c for c in gazetteer_data.countries()}
    regions = {r.id: r.names.get("en") or r.id for r in gazetteer_data.regions()}
    return countries, regions


def country_rows(
    countries: Iterable[tuple[str, str]],
    blocks: Callable[[str, str | None], set[int]],
    incidents: Callable[[str], Sequence[int]],
) -> tuple[CountryRow, ...]:
    """A row per country, sorted by region, sub-region and name.

    Args:
        countries: ``(ISO3, name)`` of the countries to list.
        blocks: The paragraphs about a country, with a statement kind (``practice``, ``challenge``) or any.
        incidents: The recorded incidents in a country.
    """
    places, regions = _places()
    rows = []
    for code, name in countries:
        place = places.get(code)
        rows.append(
            CountryRow(
                code,
                name,
                place.m49 if place else "",
                regions.get(place.region, "") if place else "",
                regions.get(place.subregion, "") if place else "",
                tuple(sorted(blocks(code, StatementKind.PRACTICE))),
                tuple(sorted(blocks(code, StatementKind.CHALLENGE))),
                tuple(sorted(blocks(code, None))),
                tuple(sorted(incidents(code))),
            )
        )
    return tuple(sorted(rows, key=lambda r: (r.region or "~", r.subregion, r.name)))


def country_json(row: CountryRow) -> dict[str, object]:
    """A row as the map's JSON writes it."""
    return {
        "id": row.id,
        "name": row.name,
        "m49": row.m49,
        "region": row.region,
        "subregion": row.subregion,
        "status": row.status,
        "practice_block_ids": list(row.practices),
        "challenge_block_ids": list(row.challenges),
        "block_ids": list(row.paragraphs),
        "incident_ids": list(row.incidents),
    }
