"""The world map and the country table of the map page: countries as people expect to see them.

- **The world map** is inline SVG (no tiles, no CDN, no script needed to draw it): each country a path from
  ``world-110m.json`` (Natural Earth 1:110m through world-atlas, Equal Earth projection, built by
  ``scripts/build_world_map.py``; licence in ``world-atlas-LICENSE.txt`` beside it), coloured by what is reported
  there: a practice, a challenge, both, other information, or **no information** (grey, which is not a gap). The
  page's script recolours it to show the number of practices, of challenges or of recorded attacks. Clicking a
  country (or Enter on it) opens its paragraphs, as the cells of the tables do. Countries too small for the 1:110m
  outlines are listed under the map, clickable too.
- **The country table** has one row per country, grouped by M49 region and sub-region (the page can sort it by
  name or by number of paragraphs instead), with the practices, challenges, other paragraphs and incidents, and
  the paragraphs per area of UN action: the area × country matrix turned so that it scrolls down, not sideways.

Every name and number written here is escaped; the drill-down reads the paragraph texts from the embedded JSON.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache
from html import escape
from importlib.resources import files

from hrdmap.reports.map.countries import CountryRow
from hrdmap.reports.map.data import Cell, MapData, Matrix
from hrdmap.reports.map.shading import shade

STATUS_CLASS = {
    "practice and challenge": "s-both",
    "practice": "s-practice",
    "challenge": "s-challenge",
    "information": "s-info",
}
LEGEND = (
    ("s-practice", "practice reported"),
    ("s-challenge", "challenge reported"),
    ("s-both", "practice and challenge reported"),
    ("s-info", "other information"),
    ("s-none", "no information (not a gap)"),
)


@cache
def world_shapes() -> dict[str, object]:
    """The packaged outlines: ``width``, ``height``, ``source`` and ``shapes`` (M49 code → SVG path data)."""
    text = files("hrdmap.reports.map").joinpath("world-110m.json").read_text("utf-8")
    loaded: dict[str, object] = json.loads(text)
    return loaded


def _tip(row: CountryRow) -> str:
    parts = [f"{len(row.practices)} practices", f"{len(row.challenges)} challenges"]
    parts.append(f"{len(row.paragraphs)} paragraphs")
    if row.incidents:
        parts.append(f"{len(row.incidents)} recorded incidents")
    return f"{row.name}: " + ", ".join(parts)


def _counts(row: CountryRow) -> str:
    return (
        f' data-country="{escape(row.id)}" data-p="{len(row.practices)}" data-ch="{len(row.challenges)}"'
        f' data-a="{len(row.incidents)}" data-n="{len(row.paragraphs)}"'
    )


def world_section(data: MapData) -> str:
    """The world map with its legend, its mode switch and the countries too small to draw."""
    world = world_shapes()
    shapes: dict[str, str] = world["shapes"]  # type: ignore[assignment]
    by_m49 = {row.m49: row for row in data.countries if row.m49}
    paths = []
    for code, outline in shapes.items():
        row = by_m49.get(code)
        if row is None:
            paths.append(f'<path class="s-none" d="{outline}"/>')
            continue
        paths.append(
            f'<path class="{STATUS_CLASS[row.status]}" d="{outline}" tabindex="0" role="button"{_counts(row)}>'
            f"<title>{escape(_tip(row))}</title></path>"
        )
    svg = (
        f'<svg class="world" viewBox="0 0 {world["width"]} {world["height"]}" role="img" '
        f'aria-label="World map of what is reported per country">{"".join(paths)}</svg>'
    )
    small = [row for row in data.countries if row.m49 not in shapes]
    legend = "".join(f'<span class="key"><i class="{c}"></i>{escape(t)}</span>' for c, t in LEGEND)
    attacks = "" if any(r.incidents for r in data.countries) else " disabled"
    switch = (
        '<label>Show <select id="world-mode"><option value="status">what is reported</option>'
        '<option value="p">number of practices</option><option value="ch">number of challenges</option>'
        f'<option value="a"{attacks}>recorded attacks (incidents)</option></select></label>'
    )
    return (
        '<section id="world"><h2>World map</h2>'
        f'<div class="legend world-legend">{switch} {legend}</div><div class="world-box">{svg}</div>'
        f"{_small_countries(small)}"
        f'<p class="muted">{escape(str(world["source"]))}. Boundaries and names on this map do not imply official '
        "endorsement or acceptance by the United Nations. Click a country to read its paragraphs.</p></section>"
    )


def _small_countries(rows: Sequence[CountryRow]) -> str:
    if not rows:
        return ""
    buttons = ", ".join(
        f'<button type="button" class="link {STATUS_CLASS[r.status]}-text"{_counts(r)}>{escape(r.name)}</button>'
        for r in rows
    )
    return f'<p class="small-countries">Not drawn at this scale: {buttons}</p>'


def country_table(data: MapData, area_country: Matrix | None) -> str:
    """Countries as rows, grouped by region, with their counts and the paragraphs per area."""
    if not data.countries:
        return '<section id="countries"><h2>Countries</h2><p class="muted">No paragraph is about a country.</p>' + (
            "</section>"
        )
    areas = area_country.rows if area_country else ()
    cells = {(c.row, c.column): (n, c) for n, c in enumerate(area_country.cells)} if area_country else {}
    head = "".join(f'<th scope="col" title="{escape(a.name)}">{escape(a.id)}</th>' for a in areas)
    highest = max((len(c.blocks) for c in area_country.cells), default=0) if area_country else 0
    lines = []
    region = None
    for row in data.countries:
        if row.region != region:
            region = row.region
            count = sum(1 for r in data.countries if r.region == region)
            lines.append(
                f'<tr class="region"><th colspan="{6 + len(areas)}" scope="rowgroup">'
                f"{escape(region or 'Other')} ({count})</th></tr>"
            )
        by_area = "".join(_area_cell(cells.get((a.key, f"countries:{row.id}")), highest) for a in areas)
        lines.append(
            f'<tr class="country" data-name="{escape(row.name)}" data-region="{escape(row.region)}"'
            f' data-n="{len(row.paragraphs)}"><th scope="row">{escape(row.name)}</th>'
            f'<td class="muted">{escape(row.subregion)}</td>'
            f"{_kind_cell(row, 'practice', len(row.practices))}{_kind_cell(row, 'challenge', len(row.challenges))}"
            f"{_kind_cell(row, 'all', len(row.paragraphs))}<td>{len(row.incidents) or ''}</td>{by_area}</tr>"
        )
    sort = (
        '<label>Sort <select id="country-sort"><option value="region">by region (M49)</option>'
        '<option value="name">by name</option><option value="n">by paragraphs</option></select></label>'
    )
    return (
        f'<section id="countries"><h2>Countries</h2><div class="legend">{sort}'
        '<span class="muted">one row per country a paragraph is about; click a number to read the paragraphs'
        '</span></div><div class="scroll"><table class="heat countries"><thead><tr><th scope="col">country</th>'
        '<th scope="col">sub-region</th><th scope="col">practices</th><th scope="col">challenges</th>'
        f'<th scope="col">paragraphs</th><th scope="col">incidents</th>{head}</tr></thead>'
        f"<tbody>{''.join(lines)}</tbody></table></div></section>"
    )


def _kind_cell(row: CountryRow, kind: str, count: int) -> str:
    if not count:
        return "<td></td>"
    return (
        f'<td class="hit" tabindex="0" role="button" data-country="{escape(row.id)}" data-kind="{kind}">'
        f"{count}</td>"
    )


def _area_cell(found: tuple[int, Cell] | None, highest: int) -> str:
    if found is None:
        return "<td></td>"
    number, cell = found
    count = len(cell.blocks)
    return (
        f'<td class="hit" tabindex="0" role="button" data-m="area-country" data-c="{number}"'
        f' style="{shade(count, highest)}">{count}</td>'
    )
