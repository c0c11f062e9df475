"""``hrdmap map``: the matrices of practices and gaps, as JSON, CSV or one self-contained HTML page."""

from __future__ import annotations

from pathlib import Path

import click

from hrdmap.cli.output import audience_option, json_safe, local_actor, stderr, workspace
from hrdmap.services import audit_trail
from hrdmap.services.disclosure import Audience
from hrdmap.services.mapping import MapFormat, build, map_json_text, write_map


@click.command("map")
@click.option(
    "--format",
    "fmt",
    type=click.Choice([f.value for f in MapFormat]),
    help="html: one self-contained page; json: one document; csv: a folder, one file per matrix and gaps.csv."
    " Default: from the --output name (.html, .json, else a csv folder); json without --output.",
)
@click.option(
    "--output",
    type=click.Path(path_type=Path),
    help="File to write (a folder for csv). JSON goes to standard output when omitted.",
)
@audience_option(
    Audience.PUBLIC,
    "public: paragraphs and documents of confidential contributions are counted in the cells, never shown;"
    " internal: shown, marked [confidential].",
)
@click.pass_context
def map_(ctx: click.Context, fmt: str | None, output: Path | None, audience: str) -> None:
    """Map practices and gaps: areas × countries, areas × UN entities, groups × areas, countries × kinds.

    Counts use each paragraph's effective labels (reviews first, then machine tags at or above threshold).
    """
    chosen = MapFormat(fmt) if fmt else _guess(output)
    if output is None and chosen is not MapFormat.JSON:
        raise click.UsageError(f"--format {fmt} needs --output (a {'folder' if fmt == 'csv' else 'file'})")
    actor = local_actor()
    with workspace(ctx) as ws:
        data = build(ws, actor, Audience(audience))
        audit_trail.record_document_reads(ws, actor, "map", list(data.documents), origin="cli")
    if output is None:
        click.echo(json_safe(map_json_text(data)), nl=False)
        return
    written = write_map(data, chosen, output)
    cells = sum(len(m.cells) for m in data.matrices)
    stderr().print(
        f"{cells} cells, {len(data.gaps)} gaps, {len(data.paragraphs)} paragraphs → {output}"
        + (f" ({len(written)} files)" if len(written) > 1 else "")
        + (f"; {data.withheld} confidential documents counted, not shown" if data.withheld else ""),
        markup=False,
    )


def _guess(output: Path | None) -> MapFormat:
    """The format an output name suggests: JSON on standard output, HTML or JSON by suffix, else a CSV folder."""
    if output is None or output.suffix.lower() == ".json":
        return MapFormat.JSON
    return MapFormat.HTML if output.suffix.lower() in (".html", ".htm") else MapFormat.CSV
