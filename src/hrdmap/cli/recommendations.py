"""``hrdmap recommendations``: follow recommendations up: extract, import, record status, list, track, export.

Each command parses its options, calls one service of :mod:`hrdmap.services.recommendations.follow_up` and formats the
result. Exit codes: 0 all good; 1 some rows or files could not be imported (the rest was); 2 usage error or
nothing could be done.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from hrdmap.cli.output import (
    DATE,
    audience_option,
    day,
    echo,
    echo_json,
    local_actor,
    print_table,
    shortened,
    stderr,
    workspace,
)
from hrdmap.domain.recommendations import RecommendationSource
from hrdmap.domain.tracking import Status, TrackedRecommendation
from hrdmap.services import views
from hrdmap.services.disclosure import MARK, Audience
from hrdmap.services.recommendations import follow_up as service
from hrdmap.services.recommendations.follow_up import NO_ADDRESSEE, STATUSES, TrackerView, reference

_F = TypeVar("_F", bound=Callable[..., Any])


def _print_recommendations(rows: Sequence[TrackedRecommendation], marked: frozenset[int] = frozenset()) -> None:
    lines = []
    for rec in rows:
        current = rec.current
        lines.append(
            [
                str(rec.id),
                reference(rec),
                rec.record.addressee or "",
                (f"{MARK} " if rec.id in marked else "") + shortened(rec.record.text),
                rec.record.response.value if rec.record.response else "",
                rec.status,
                current.assessment.date.isoformat() if current else "",
            ]
        )
    print_table(("id", "reference", "addressee", "text", "response", "status", "since"), lines, right=("id",))


def _filters(addressee: str | None, theme: str | None, status: str | None, kind: str | None) -> service.Filters:
    return service.Filters(addressee, theme, status, RecommendationSource(kind) if kind else None)


def _filter_options(command: _F) -> _F:
    """The options every listing command shares."""
    options = [
        click.option("--addressee", help="Only recommendations to this addressee (part of the name, or ISO3)."),
        click.option("--theme", help="Only recommendations with this theme (part of its code or name)."),
        click.option("--status", type=click.Choice(STATUSES), help="Only recommendations in this current status."),
        click.option(
            "--source-kind",
            "source_kind",
            type=click.Choice([k.value for k in RecommendationSource]),
            help="Only recommendations from this kind of source.",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


@click.group()
def recommendations() -> None:
    """Recommendations from UPR, treaty bodies, special procedures and reports, and their status over time."""


def _saved_text(saved: dict[service.Saved, int]) -> str:
    return ", ".join(f"{saved.get(s, 0)} {s.value}" for s in service.Saved)


@recommendations.command()
@click.argument("documents", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="Print what was found per document as JSON.")
@click.pass_context
def extract(ctx: click.Context, documents: tuple[str, ...], as_json: bool) -> None:
    """Extract recommendations from stored DOCUMENTS (id, path or symbol; all current documents if none)."""
    with workspace(ctx) as ws:
        done = service.extract_from_corpus(ws, local_actor(), documents)
    if as_json:
        echo_json([views.extraction_view(e) for e in done])
        return
    for e in done:
        if e.found:
            name = e.document.symbol or e.document.source
            echo(f"{name}: {e.found} recommendations ({_saved_text(e.saved)})")
    for warning in (w for e in done for w in e.warnings):
        echo(f"warning: {warning}", err=True)
    stderr().print(f"{sum(e.found for e in done)} recommendations in {len(done)} documents")


@recommendations.command(name="import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice([f.value for f in service.ImportFormat]),
    help="The files' format (default: .docx is an OHCHR thematic list, anything else CSV).",
)
@click.option("--addressee", help="The State under review, when a thematic list's title does not name it.")
@click.option("--json", "as_json", is_flag=True, help="Print the outcome as JSON.")
@click.pass_context
def import_(ctx: click.Context, files: tuple[Path, ...], fmt: str | None, addressee: str | None, as_json: bool) -> None:
    """Import recommendations from OHCHR thematic lists (DOCX) or CSV files (see docs/recommendations.md)."""
    reports: list[service.ImportReport] = []
    failed: list[str] = []
    with workspace(ctx, create=True) as ws:
        for file in files:
            try:
                chosen = service.ImportFormat(fmt) if fmt else None
                reports.append(service.import_file(ws, local_actor(), file, chosen, addressee=addressee))
            except service.ImportFileError as error:
                failed.append(str(error))
    problems = [str(p) for r in reports for p in r.problems]
    if as_json:
        echo_json(views.recommendation_imports_view(reports, failed))
    else:
        for r in reports:
            echo(f"{r.source}: {_saved_text(r.saved)}, {r.statuses} status entries")
        for line in [*problems, *failed]:
            echo(f"not imported: {line}", err=True)
    stored = any(r.saved for r in reports)
    ctx.exit(0 if not problems and not failed else 1 if stored else 2)


@recommendations.command()
@click.argument("recommendation_id", metavar="ID", type=int)
@click.argument("status", type=click.Choice([s.value for s in Status]))
@click.option("--date", "date", type=DATE, help="The day the status held (default today).")
@click.option("--evidence", help="What shows it: a quotation, a summary, a reference.")
@click.option("--source", help="A stored document or paragraph showing it: block:ID, DOCUMENT or DOCUMENT#PARA.")
@click.option("--assessed-by", "assessed_by", help="Who made the assessment (an NHRI report, a Government …).")
@click.option("--json", "as_json", is_flag=True, help="Print the recommendation with its history as JSON.")
@click.pass_context
def status(
    ctx: click.Context,
    recommendation_id: int,
    status: str,
    date: dt.datetime | None,
    evidence: str | None,
    source: str | None,
    assessed_by: str | None,
    as_json: bool,
) -> None:
    """Record the STATUS of recommendation ID, with its date and evidence (the history keeps every entry)."""
    with workspace(ctx) as ws:
        rec = service.record_status(
            ws,
            local_actor(),
            recommendation_id,
            Status(status),
            date=day(date),
            evidence=evidence,
            source=source,
            assessed_by=assessed_by,
        )
    if as_json:
        echo_json(views.recommendation_view(rec))
        return
    _print_history(rec)


def _print_history(rec: TrackedRecommendation) -> None:
    echo(f"#{rec.id} {reference(rec)} → {rec.record.addressee or NO_ADDRESSEE}: {rec.status}")
    for entry in rec.history:
        a = entry.assessment
        source = f" [document {a.document_id}" + (f", block {a.block_id}]" if a.block_id else "]")
        echo(
            f"  {a.date.isoformat()}  {a.status.value:<16} {a.evidence or ''}"
            f"{source if a.document_id else ''}{f' ({a.assessed_by})' if a.assessed_by else ''}"
            f"  — recorded by {entry.recorded_by}, {entry.recorded_at.isoformat(timespec='seconds')}"
        )


@recommendations.command(name="list")
@_filter_options
@click.option("--json", "as_json", is_flag=True, help="Print JSON (with each status history).")
@click.pass_context
def list_(
    ctx: click.Context,
    addressee: str | None,
    theme: str | None,
    status: str | None,
    source_kind: str | None,
    as_json: bool,
) -> None:
    """List recommendations with their current status."""
    with workspace(ctx) as ws:
        rows = service.list_recommendations(ws, local_actor(), _filters(addressee, theme, status, source_kind))
        marked = service.confidential_recommendations(ws, local_actor(), rows)
    if as_json:
        echo_json([views.recommendation_view(r, confidential=r.id in marked) for r in rows])
        return
    _print_recommendations(rows, marked)
    stderr().print(f"{len(rows)} recommendations")


@recommendations.command()
@click.argument("recommendation_id", metavar="ID", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def show(ctx: click.Context, recommendation_id: int, as_json: bool) -> None:
    """Show recommendation ID: its source, text, themes and status history."""
    with workspace(ctx) as ws:
        rec = service.get_recommendation(ws, local_actor(), recommendation_id)
        marked = bool(service.confidential_recommendations(ws, local_actor(), [rec]))
    if as_json:
        echo_json(views.recommendation_view(rec, confidential=marked))
        return
    r = rec.record
    echo(f"{MARK} " * marked + r.text)
    echo(f"from: {r.body or r.source_kind.value}; by: {', '.join(r.recommending_states) or '-'}")
    echo(f"response: {r.response.value if r.response else '-'} {r.response_source or ''}".rstrip())
    echo(f"themes: {'; '.join(t.text for t in r.themes) or '-'}")
    echo(f"groups: {'; '.join(t.text for t in r.groups) or '-'}")
    if r.sdgs:
        echo(f"SDGs: {'; '.join(t.text for t in r.sdgs)}")
    _print_history(rec)


@recommendations.command()
@click.option("--by", "by", type=click.Choice([v.value for v in TrackerView]), default="addressee", show_default=True)
@_filter_options
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def tracker(
    ctx: click.Context,
    by: str,
    addressee: str | None,
    theme: str | None,
    status: str | None,
    source_kind: str | None,
    as_json: bool,
) -> None:
    """Count recommendations per status per addressee or theme, with the share implemented and the list."""
    view = TrackerView(by)
    with workspace(ctx) as ws:
        groups = service.tracker_view(ws, local_actor(), view, _filters(addressee, theme, status, source_kind))
        marked = service.confidential_recommendations(ws, local_actor(), [r for g in groups for r in g.recommendations])
    if as_json:
        echo_json([views.tracker_group_view(g) for g in groups])
        return
    columns = [c.replace("_", " ") for c in (view.value, "total", *STATUSES, "implemented")]
    rows = [[g.name, str(g.total), *(str(g.counts[s]) for s in STATUSES), f"{g.implemented_share:.0%}"] for g in groups]
    print_table(columns, rows, right=columns[1:])
    for g in groups:
        echo(f"\n{g.name}")
        for rec in g.recommendations:
            mark = f"{MARK} " if rec.id in marked else ""
            echo(f"  #{rec.id} {reference(rec)} [{rec.status}] {mark}{shortened(rec.record.text)}")


@recommendations.command()
@click.option("--format", "fmt", type=click.Choice([f.value for f in service.ExportFormat]), required=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), required=True, help="File to write.")
@click.option(
    "--table",
    type=click.Choice([t.value for t in service.ExportTable]),
    default="recommendations",
    show_default=True,
    help="The table a CSV export holds (XLSX holds every table, one sheet each).",
)
@_filter_options
@audience_option(
    Audience.PUBLIC,
    "public: recommendations read from confidential contributions are left out; internal: kept, their text"
    " opening with [confidential].",
)
@click.pass_context
def export(
    ctx: click.Context,
    fmt: str,
    output: Path,
    table: str,
    addressee: str | None,
    theme: str | None,
    status: str | None,
    source_kind: str | None,
    audience: str,
) -> None:
    """Export the tracker as CSV or XLSX (formula-like text is written inert)."""
    with workspace(ctx) as ws:
        count = service.export_tracker(
            ws,
            local_actor(),
            output,
            service.ExportFormat(fmt),
            table=service.ExportTable(table),
            filters=_filters(addressee, theme, status, source_kind),
            audience=Audience(audience),
        )
    stderr().print(f"{count} recommendations written to {output}")
