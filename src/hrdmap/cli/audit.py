"""``hrdmap audit verify``, ``list`` and ``export``: the hash-chained audit trail, for administrators.

Each command calls :mod:`hrdmap.services.audit_trail` as the local account (administrator of its data folder).
Exit codes: 0 the chain holds (``verify``) or the command did its work; 1 the chain is broken or lacks the
expected head; 2 usage error or no data folder.
"""

from __future__ import annotations

from pathlib import Path

import click

from hrdmap.cli.output import (
    echo,
    echo_json,
    export_options,
    local_actor,
    output_stream,
    print_table,
    shortened,
    stderr,
    workspace,
)
from hrdmap.services import audit_trail, views
from hrdmap.services.audit_trail import AuditFormat, ChainReport


@click.group()
def audit() -> None:
    """The audit trail: verify its hash chain, list its latest entries, export it."""


@audit.command("verify")
@click.option(
    "--expect-head",
    metavar="HASH",
    help="A head hash printed by an earlier verify: fail unless the chain still holds it (shows entries cut "
    "from the end).",
)
@click.option("--json", "as_json", is_flag=True, help="Print what was found as JSON.")
@click.pass_context
def audit_verify(ctx: click.Context, expect_head: str | None, as_json: bool) -> None:
    """Check every entry's hash and link; print the head to keep elsewhere. Exit 1 when the chain is broken."""
    with workspace(ctx) as ws:
        report = audit_trail.verify(ws, local_actor(), expect_head=expect_head)
    if as_json:
        echo_json(views.chain_report_view(report))
    else:
        echo(_summary(report, expect_head))
    ctx.exit(0 if report.intact else 1)


def _summary(report: ChainReport, expect_head: str | None) -> str:
    """One line: intact with its head, or the first broken entry and why."""
    head = f"head entry {report.head_id} {report.head}"
    if report.broken is not None:
        b = report.broken
        return f"audit trail BROKEN at entry {b.entry_id} ({b.kind}): {b.reason}; intact up to {head}"
    if report.expected_head_found is False:
        return (
            f"audit trail MISSING the expected head {expect_head}: entries were cut from its end or rewritten; "
            f"{report.entries} entries hold, {head}"
        )
    held = "; the expected head is in it" if report.expected_head_found else ""
    return f"audit trail intact: {report.entries} entries, {head}{held}"


@audit.command("list")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True, help="Most entries.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON, with each entry's hashes.")
@click.pass_context
def audit_list(ctx: click.Context, limit: int, as_json: bool) -> None:
    """List the latest entries of the audit trail, newest first."""
    with workspace(ctx) as ws:
        found = audit_trail.entries(ws, local_actor(), limit=limit)
    if as_json:
        echo_json([views.audit_entry_view(e) for e in found])
        return
    rows = [
        [str(e.id), e.at.isoformat(timespec="seconds"), e.actor, e.action, e.subject or "", shortened(_detail(e))]
        for e in found
    ]
    print_table(("id", "at", "actor", "action", "subject", "detail"), rows, right=("id",))
    stderr().print(f"{len(found)} entries", markup=False)


def _detail(entry: audit_trail.AuditEntry) -> str:
    return ", ".join(f"{k}={v}" for k, v in entry.detail.items())


@audit.command("export")
@export_options(
    [f.value for f in AuditFormat], "JSON Lines or CSV (cells that start like a formula get a leading apostrophe)."
)
@click.pass_context
def audit_export(ctx: click.Context, fmt: str, output: Path | None) -> None:
    """Export every entry, oldest first, with its previous hash and its own."""
    with workspace(ctx) as ws, output_stream(output) as stream:
        count = audit_trail.export(ws, local_actor(), stream, AuditFormat(fmt))
    stderr().print(f"{count} entries exported" + (f" to {output}" if output else ""), markup=False)
