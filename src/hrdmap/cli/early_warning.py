"""``hrdmap warnings``: early warnings of a rise in attacks and threats, and their acknowledgement.

Calls :func:`hrdmap.services.monitoring.figures.early_warnings` (method: docs/monitoring.md) and prints each
warning with its severity, what changed, the incidents and corpus paragraphs behind it and who acknowledged it.
"""

from __future__ import annotations

import datetime as dt

import click
from rich.table import Table

from hrdmap.cli.incident_options import CLEARANCE, clearance_of
from hrdmap.cli.output import DATE, day, echo, echo_json, local_actor, stdout, workspace
from hrdmap.monitoring.places import country_name
from hrdmap.services import views
from hrdmap.services.monitoring import figures


@click.group(invoke_without_command=True)
@click.option("--as-of", "as_of", type=DATE, help="Warnings as of this day's month (default: this month).")
@click.option("--by-group", "by_group", is_flag=True, help="One series per country and group at risk.")
@click.option("--act", "acts", multiple=True, help="Watch only this act type (repeat); default: every attack type.")
@click.option("--baseline", type=int, default=12, show_default=True, help="Months in the baseline.")
@CLEARANCE
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def warnings(ctx: click.Context, as_of: dt.datetime | None, by_group: bool, acts: tuple[str, ...], baseline: int,
             clearance: str, as_json: bool) -> None:  # fmt: skip
    """Countries (and groups) where attacks and threats rise above their baseline."""
    if ctx.invoked_subcommand is not None:
        return
    actor = local_actor()
    when = day(as_of) or actor.today()
    with workspace(ctx) as ws:
        found = figures.early_warnings(
            ws, actor, as_of=when, clearance=clearance_of(clearance), by_group=by_group, acts=acts, baseline=baseline
        )
    if as_json:
        echo_json([views.warning_view(v) for v in found])
        return
    if not found:
        echo(f"No warning as of {when:%Y-%m}.")
        return
    table = Table()
    for column in ("series", "severity", "what changed", "incidents", "paragraphs", "acknowledged"):
        table.add_column(column)
    for v in found:
        who = f"{v.acknowledged.actor}: {v.acknowledged.note}" if v.acknowledged else ""
        name = country_name(v.warning.key[0]) + (f" · {v.warning.key[1]}" if len(v.warning.key) > 1 else "")
        table.add_row(
            f"{name} ({v.series})", v.warning.severity, v.warning.change, _ids(v.incidents), _ids(v.paragraphs), who
        )
    stdout().print(table)


def _ids(ids: tuple[int, ...]) -> str:
    return ", ".join(map(str, ids[:10])) + (f" … ({len(ids)})" if len(ids) > 10 else "")


@warnings.command("acknowledge")
@click.argument("series")
@click.argument("period")
@click.option("--note", default="", help="What was decided.")
@click.option("--intervention", "intervention_id", type=int, help="The intervention that followed (its id).")
@click.pass_context
def acknowledge(ctx: click.Context, series: str, period: str, note: str, intervention_id: int | None) -> None:
    """Acknowledge a warning (SERIES like COL or COL|journalists, PERIOD like 2019-03)."""
    with workspace(ctx) as ws:
        figures.acknowledge(ws, local_actor(), series, period, note=note, intervention_id=intervention_id)
    echo(f"Warning {series} {period} acknowledged.")
