"""The map as one self-contained HTML page: heat-map tables, the gaps, and a drill-down to the paragraphs.

Everything is inside the page (inline CSS and JavaScript, system fonts, no network at all), so it can be mailed
or opened from a USB stick, and a Content-Security-Policy forbids loading anything from elsewhere. The tables
are rendered here; the map's JSON (:func:`hrdmap.reports.map.data.map_json`) is embedded in a
``<script type="application/json">`` element, from which the script builds the list of paragraphs behind a
clicked cell with ``textContent`` only.

Paragraph text is untrusted: in HTML it is escaped by :func:`html.escape`; in the embedded JSON ``<``, ``>``,
``&`` and the line separators U+2028/U+2029 are written as ``\\u`` escapes, so no text can close the script
element.
"""

from __future__ import annotations

import json
from html import escape
from importlib.resources import files
from string import Template

from hrdmap.reports.map.data import Cell, Gap, Item, MapData, Matrix, map_json
from hrdmap.reports.map.shading import shade
from hrdmap.reports.map.world import country_table, world_section

#: Matrices whose columns are countries: the page shows them as the country table (rows grouped by region)
#: and the world map rather than as 190 columns to scroll sideways; JSON and CSV keep them whole.
BY_COUNTRY = frozenset({"area-country", "country-kind"})
#: Columns beyond which column headers are written vertically.
VERTICAL_AFTER = 8
GAP_TITLES = {
    "challenge-without-practice": "Challenges reported, no practice reported",
    "attacks-without-practice": "Attacks reported, no practice reported",
    "no-coverage": "Areas and groups not covered by any paragraph",
}
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def render_map_html(data: MapData) -> str:
    """The page, as text (write it with UTF-8)."""
    template = Template(files("hrdmap.reports").joinpath("templates", "map.html").read_text("utf-8"))
    return template.substitute(
        summary=escape(_summary(data)),
        nav=_nav(data),
        body="\n".join(
            [
                _notes(data),
                world_section(data),
                country_table(data, next((m for m in data.matrices if m.id == "area-country"), None)),
                *(_matrix(m) for m in data.matrices if m.id not in BY_COUNTRY),
                _attacks(data),
                _gaps(data),
            ]
        ),
        data=script_json(map_json(data)),
    )


def script_json(value: object) -> str:
    """JSON that is safe inside a ``<script>`` element whatever strings it holds."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return "".join(_JSON_ESCAPES.get(ch, ch) for ch in text)


def _summary(data: MapData) -> str:
    withheld = (
        f" · {data.withheld} confidential documents counted, not shown" if data.withheld else ""
    )
    return (
        f"{len(data.paragraphs)} paragraphs from {len(data.documents)} documents{withheld} · "
        f"generated {data.generated_at.strftime('%Y-%m-%d %H:%M UTC')}"
    )


def _nav(data: MapData) -> str:
    links = ['<a href="#world">World map</a>', '<a href="#countries">Countries</a>']
    links += [f'<a href="#m-{escape(m.id)}">{escape(m.title)}</a>' for m in data.matrices if m.id not in BY_COUNTRY]
    return " ".join([*links, '<a href="#gaps">Gaps</a>'])


def _notes(data: MapData) -> str:
    return "\n".join(f'<p class="note">{escape(note)}</p>' for note in data.notes)


def _matrix(matrix: Matrix) -> str:
    head = f'<section id="m-{escape(matrix.id)}"><h2>{escape(matrix.title)}</h2>'
    if not matrix.rows or not matrix.columns:
        return f'{head}<p class="muted">No paragraph carries these labels yet.</p></section>'
    highest = max((len(c.blocks) for c in matrix.cells), default=0)
    legend = (
        f'<div class="legend"><span>1</span><span class="bar"></span><span>{highest}</span>'
        '<span class="muted">paragraphs per cell; click a number to read them</span></div>'
    )
    return (
        f'{head}{legend}<div class="scroll"><table class="heat">{_header(matrix)}{_rows(matrix, highest)}'
        "</table></div></section>"
    )


def _header(matrix: Matrix) -> str:
    vertical = ' class="vertical"' if len(matrix.columns) > VERTICAL_AFTER else ""
    cells = "".join(f'<th scope="col"{vertical}{_title(c)}>{escape(c.name)}</th>' for c in matrix.columns)
    return f"<thead><tr><th></th>{cells}</tr></thead>"


def _rows(matrix: Matrix, highest: int) -> str:
    index = {(c.row, c.column): (n, c) for n, c in enumerate(matrix.cells)}
    lines = []
    for row in matrix.rows:
        cells = "".join(
            _cell(matrix, row, column, index.get((row.key, column.key)), highest) for column in matrix.columns
        )
        lines.append(f'<tr><th scope="row"{_title(row)}>{escape(row.name)}</th>{cells}</tr>')
    return f"<tbody>{''.join(lines)}</tbody>"


def _cell(matrix: Matrix, row: Item, column: Item, found: tuple[int, Cell] | None, highest: int) -> str:
    if found is None:
        return "<td></td>"
    number, cell = found
    tip = f"{row.name} × {column.name}: {len(cell.blocks)} paragraphs in {len(cell.documents)} documents"
    return (
        f'<td class="hit" tabindex="0" role="button" data-m="{escape(matrix.id)}" data-c="{number}"'
        f' title="{escape(tip)}" style="{shade(len(cell.blocks), highest)}">{len(cell.blocks)}</td>'
    )


def _title(item: Item) -> str:
    return f' title="{escape(item.framework)}: {escape(item.id)}"'


def _gaps(data: MapData) -> str:
    numbered = list(enumerate(data.gaps))
    parts = ['<section id="gaps"><h2>Gaps</h2>']
    for kind, title in GAP_TITLES.items():
        found = [(n, g) for n, g in numbered if g.kind == kind]
        parts.append(f"<h3>{escape(title)} ({len(found)})</h3>")
        if not found:
            parts.append('<p class="muted">None.</p>')
        elif kind == "no-coverage":
            parts.append(_no_coverage([g for _, g in found]))
        else:
            parts.append('<ul class="gaps">' + "".join(_gap(n, g) for n, g in found) + "</ul>")
    parts.append("</section>")
    return "\n".join(parts)


def _gap(number: int, gap: Gap) -> str:
    where = " × ".join(escape(i.name) for i in gap.where)
    detail = f' <span class="muted">({escape(", ".join(gap.detail))})</span>' if gap.detail else ""
    button = (
        f'<button type="button" class="link" data-g="{number}">{len(gap.blocks)} paragraphs in '
        f"{len(gap.documents)} documents</button>"
    )
    recorded = f" · {len(gap.incidents)} recorded incidents" if gap.incidents else ""
    return f"<li>{where}: {button}{recorded}{detail}</li>"


def _attacks(data: MapData) -> str:
    """Attacks recorded as incidents, per country and group, beside the practice paragraphs there."""
    if not data.attacks:
        return ""
    rows = "".join(
        f"<tr><td>{escape(row.where.name)}</td><td>{len(row.incidents)}</td><td>{escape(', '.join(row.acts))}</td>"
        f"<td>{len(row.practices)}</td></tr>"
        for row in data.attacks
    )
    return (
        '<section id="attacks"><h2>Attacks recorded as incidents, beside practices</h2>'
        "<table><thead><tr><th>country or group</th><th>incidents</th><th>acts</th><th>practice paragraphs</th>"
        f"</tr></thead><tbody>{rows}</tbody></table>"
        '<p class="muted">hrdmap incidents list --country ISO3 shows them.</p></section>'
    )


def _no_coverage(gaps: list[Gap]) -> str:
    frameworks: dict[str, list[str]] = {}
    for gap in gaps:
        for item in gap.where:
            frameworks.setdefault(item.framework, []).append(item.name)
    return "".join(
        f'<h4>{escape(framework)} ({len(names)})</h4><p class="names">{escape(", ".join(names))}</p>'
        for framework, names in frameworks.items()
    )
