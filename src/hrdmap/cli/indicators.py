"""``hrdmap indicators``: SDG 16.10.1 figures (and any act type) by year, country, sex … with their sources.

Parses the options, counts with :mod:`hrdmap.services.monitoring.figures` and prints a table, CSV, JSON or writes
an HTML page whose figures each list their incidents and sources (docs/cli.md, docs/monitoring.md).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import replace
from pathlib import Path

import click
from rich.table import Table

from hrdmap.cli.incident_options import CLEARANCE, clearance_of
from hrdmap.cli.output import DATE, day, echo, echo_json, local_actor, stdout, workspace
from hrdmap.domain.errors import InvalidInput
from hrdmap.domain.monitoring.vocabulary import VerificationStatus
from hrdmap.monitoring.exports import DEFAULT_MIN_CELL
from hrdmap.monitoring.importer import vocabulary_from
from hrdmap.monitoring.indicators import DIMENSIONS, SDG_16_10_1, IndicatorQuery
from hrdmap.services import views
from hrdmap.services.monitoring import figures

#: Words people use for the 16.10.1 violations → act types.
ALIASES = {
    "killings": ("killing",),
    "disappearances": ("enforced-disappearance",),
    "enforced-disappearances": ("enforced-disappearance",),
    "torture": ("torture",),
    "detentions": ("arbitrary-detention",),
    "arbitrary-detentions": ("arbitrary-detention",),
    "16.10.1": SDG_16_10_1,
    "all": (),
}


def _acts(what: str, known: frozenset[str]) -> tuple[str, ...]:
    if what in ALIASES:
        return ALIASES[what]
    if what in known:
        return (what,)
    shown = ", ".join([*ALIASES, "or an attack-types label"])
    raise InvalidInput(f"{what!r} is not an indicator: one of {shown}")


def _by(text: str) -> tuple[str, ...]:
    by = tuple(part.strip() for part in text.split(",") if part.strip())
    unknown = [b for b in by if b not in DIMENSIONS]
    if unknown:
        raise InvalidInput(f"--by: {unknown[0]!r} is not a grouping (one of: {', '.join(DIMENSIONS)})")
    return by


@click.command()
@click.argument("what")
@click.option(
    "--by",
    "by_text",
    default="year",
    show_default=True,
    help="Groupings, comma-separated: " + ", ".join(DIMENSIONS) + ".",
)
@click.option("--status", "statuses", multiple=True, type=click.Choice([s.value for s in VerificationStatus]),
              help="Count only this status (repeat); default: every status that counts.")  # fmt: skip
@click.option("--from", "start", type=DATE, help="First possible day on or after (YYYY-MM-DD).")
@click.option("--to", "end", type=DATE, help="First possible day on or before (YYYY-MM-DD).")
@click.option("--role", "roles", multiple=True, help="Only victims of this group (repeat), e.g. journalists.")
@click.option("--country", "countries", multiple=True, help="Only this country, ISO3 (repeat).")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "csv", "json", "html"]), default="table", show_default=True
)
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file (html needs it).")
@click.option("--min-cell", "min_cell", type=int, default=DEFAULT_MIN_CELL, show_default=True,
              help="Public figures below this are shown as '<N' (used with --clearance public).")  # fmt: skip
@CLEARANCE
@click.pass_context
def indicators(ctx: click.Context, what: str, by_text: str, statuses: tuple[str, ...], start: dt.datetime | None,
               end: dt.datetime | None, roles: tuple[str, ...], countries: tuple[str, ...], fmt: str,
               output: Path | None, min_cell: int, clearance: str) -> None:  # fmt: skip
    """Count incidents' victims: killings, disappearances, torture, detentions, 16.10.1, or any act type."""
    query = IndicatorQuery(
        acts=(), by=_by(by_text), statuses=statuses, date_from=day(start), date_to=day(end),
        roles=roles, countries=tuple(c.upper() for c in countries), clearance=clearance_of(clearance),
    )  # fmt: skip
    with workspace(ctx) as ws:
        query = replace(query, acts=_acts(what, vocabulary_from(ws.frameworks()).act_types))
    suppress = min_cell if query.clearance.value == "public" else None
    if fmt == "html":
        if output is None:
            raise InvalidInput("--format html needs --output FILE")
        with workspace(ctx) as ws:
            page = figures.indicators_page(ws, local_actor(), query, title=f"Indicators: {what}", min_cell=suppress)
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(page, encoding="utf-8")
        echo(f"Wrote {output}.")
        return
    with workspace(ctx) as ws:
        table = figures.indicator_table(ws, local_actor(), query.clearance)
        try:
            cells = table.count(query)
        finally:
            table.close()
    rows = [views.cell_view(c, query.by, suppress) for c in cells]
    _print(rows, query.by, fmt, output)


def _print(rows: list[dict[str, object]], by: tuple[str, ...], fmt: str, output: Path | None) -> None:
    columns = [*by, "victims", "incidents"]
    if fmt == "json":
        text = None
        if output is None:
            echo_json(rows)
            return
        import json

        text = json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    elif fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
        text = buffer.getvalue()
    else:
        table = Table()
        for column in columns:
            table.add_column(column, justify="right" if column in ("victims", "incidents") else "left")
        for row in rows:
            table.add_row(*(str(row[c]) for c in columns))
        stdout().print(table)
        return
    if output is None:
        click.echo(text, nl=False)
    else:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
        echo(f"Wrote {output}.")
