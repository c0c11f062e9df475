"""Build the world map the map page draws: country outlines as SVG paths, from the world-atlas npm package.

world-atlas (ISC licence, © Michael Bostock) redistributes Natural Earth's public-domain 1:110m country
boundaries as TopoJSON, with ISO 3166-1 numeric codes (which are the M49 codes of countries) as ids. This
script decodes the TopoJSON arcs, projects them with the Equal Earth projection (equal-area, so a large country
does not look more "covered" than it is) into a 1000-unit-wide view box, rounds to 0.1 unit, and writes
``src/hrdmap/reports/map/world-110m.json`` and the licence beside it. Run it at release time:

    cd "$(mktemp -d)" && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python scripts/build_world_map.py package/countries-110m.json package/LICENSE

Nothing is fetched at run time: the page embeds the paths it needs as inline SVG.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "hrdmap" / "reports" / "map"
WIDTH = 1000.0
_A1, _A2, _A3, _A4 = 1.340264, -0.081106, 0.000893, 0.003796
_M = math.sqrt(3) / 2
#: x and y of the projection at the edges (longitude ±180°, latitude ±90°).
_X_MAX, _Y_MAX = 2.7066299836, 1.3173627591


def equal_earth(lon: float, lat: float) -> tuple[float, float]:
    """Equal Earth projection (Šavrič, Patterson and Jenny, 2018) of degrees, in view-box units."""
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(_M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (_M * (_A1 + 3 * _A2 * t2 + t6 * (7 * _A3 + 9 * _A4 * t2)))
    y = theta * (_A1 + _A2 * t2 + t6 * (_A3 + _A4 * t2))
    scale = WIDTH / (2 * _X_MAX)
    return (x + _X_MAX) * scale, (_Y_MAX - y) * scale


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """The arcs of a quantized TopoJSON topology as lists of (longitude, latitude)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(indices: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """A closed ring from arc indices (a negative index ~i is arc i reversed)."""
    points: list[tuple[float, float]] = []
    for index in indices:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return points


def path(polygons: list[list[list[int]]], arcs: list[list[tuple[float, float]]]) -> str:
    """SVG path data of a (multi)polygon."""
    parts = []
    for polygon in polygons:
        for indices in polygon:
            pieces: list[list[str]] = [[]]
            last_x: float | None = None
            for lon, lat in ring(indices, arcs):
                x, y = equal_earth(lon, lat)
                if last_x is not None and abs(x - last_x) > WIDTH / 2:
                    pieces.append([])  # the ring crosses the antimeridian: no stroke across the whole map
                last_x = x
                point = f"{x:.1f} {y:.1f}"
                if not pieces[-1] or pieces[-1][-1] != point:
                    pieces[-1].append(point)
            parts.extend("M" + "L".join(piece) + "Z" for piece in pieces if len(piece) >= 3)
    return "".join(parts)


def build(topology_file: Path, licence_file: Path) -> dict[str, object]:
    """The map data: view box size and a path per M49 code."""
    topology = json.loads(topology_file.read_text("utf-8"))
    arcs = decode_arcs(topology)
    shapes: dict[str, str] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = geometry.get("id")
        if not code or geometry["type"] not in ("Polygon", "MultiPolygon"):
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        shapes[str(code).zfill(3)] = shapes.get(str(code).zfill(3), "") + path(polygons, arcs)
    (OUT / "world-atlas-LICENSE.txt").write_text(
        "Country outlines: world-atlas 2.0.2 (https://github.com/topojson/world-atlas), a redistribution of\n"
        "Natural Earth 1:110m Cultural Vectors (public domain), projected by scripts/build_world_map.py.\n\n"
        + licence_file.read_text("utf-8"),
        "utf-8",
    )
    height = round(2 * _Y_MAX * WIDTH / (2 * _X_MAX), 1)
    return {
        "source": "world-atlas 2.0.2, Natural Earth 1:110m; Equal Earth projection",
        "width": WIDTH,
        "height": height,
        "shapes": dict(sorted(shapes.items())),
    }


def main() -> None:
    """Write world-110m.json from the TopoJSON and licence files named on the command line."""
    data = build(Path(sys.argv[1]), Path(sys.argv[2]))
    (OUT / "world-110m.json").write_text(json.dumps(data, separators=(",", ":")) + "\n", "utf-8")


if __name__ == "__main__":
    main()
