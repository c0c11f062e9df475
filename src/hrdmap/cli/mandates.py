"""``hrdmap mandates``: the registry of what resolutions ask, of whom, by when, and what answered.

Each command parses its options, calls one service of :mod:`hrdmap.services.mandates` and formats the result.
Exit codes: 0 all good; 1 some files could not be added; 2 usage error or nothing could be done.
"""

from __future__ import annotations

from pathlib import Path

import click

from hrdmap.cli.output import echo, echo_json, local_actor, print_table, shortened, stderr, workspace
from hrdmap.domain.mandates import AnswerLink, RequestStatus, StoredRequest, SubParagraph
from hrdmap.services import mandates as service
from hrdmap.services import views
from hrdmap.services.disclosure import MARK


def _answered_by(stored: StoredRequest) -> str:
    return ", ".join(_document(link) for link in stored.links)


def _document(link: AnswerLink) -> str:
    """How a listing names an answering document, marked when a confidential contribution brought it."""
    return (f"{MARK} " if link.confidential else "") + (link.symbol or f"document {link.document_id}")


def _print_requests(rows: list[StoredRequest]) -> None:
    columns = ("resolution", "para.", "addressee", "action", "due", "recurrence", "status", "answered by")
    lines = []
    for s in rows:
        due = s.request.due
        lines.append(
            [
                s.resolution_symbol,
                s.request.reference,
                s.request.addressee.name,
                shortened(s.request.action),
                f"{due.text} ({due.closes.isoformat()})" if due else "",
                s.request.recurrence or "",
                s.status.value,
                _answered_by(s),
            ]
        )
    print_table(columns, lines)


@click.group()
def mandates() -> None:
    """Resolutions, the requests they make, and the documents that answer them."""


@mandates.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the resolutions and their requests as JSON.")
@click.pass_context
def add(ctx: click.Context, files: tuple[Path, ...], as_json: bool) -> None:
    """Add resolutions: store each FILE in the corpus (if not stored yet), read it, register its requests.

    A FILE holding several resolutions and decisions (a session report, a volume of resolutions) adds each under
    its own symbol.
    """
    added: list[service.AddedFile] = []
    failed: list[str] = []
    with workspace(ctx, create=True) as ws:
        for file in files:
            try:
                added.append(service.add_resolutions(ws, local_actor(), file))
            except service.MandateError as error:
                failed.append(str(error))
    if as_json:
        echo_json(views.added_files_view(added, failed))
    else:
        for done in added:
            _print_added(done)
        for reason in failed:
            echo(f"failed: {reason}", err=True)
    ctx.exit(0 if not failed else 1 if added else 2)


def _print_added(done: service.AddedFile) -> None:
    for a in done.resolutions:
        r = a.resolution
        stderr().print(
            f"{r.symbol}: {len(r.preamble)} preambular, {len(r.operative)} operative paragraphs, "
            f"{len(a.requests)} requests"
        )
        _print_requests(list(a.requests))
    if done.found > 1:
        decisions = done.decisions
        stderr().print(
            f"{done.path}: {done.found} resolutions and decisions found, {len(done.resolutions) - decisions} "
            f"resolutions and {decisions} decisions added"
        )
    for reason in done.skipped:
        echo(f"skipped: {done.path}: {reason}", err=True)


@mandates.command(name="list")
@click.option("--symbol", help="Only this resolution's requests.")
@click.option("--addressee", help="Only requests to this addressee (part of the name, any case).")
@click.option(
    "--status", type=click.Choice([s.value for s in RequestStatus]), help="Only requests in this status."
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def list_(
    ctx: click.Context, symbol: str | None, addressee: str | None, status: str | None, as_json: bool
) -> None:
    """List the requests in the registry with their due point, status and answering documents."""
    with workspace(ctx) as ws:
        rows = service.list_requests(
            ws, local_actor(), symbol=symbol, addressee=addressee, status=RequestStatus(status) if status else None
        )
    if as_json:
        echo_json([views.request_view(r) for r in rows])
        return
    _print_requests(rows)
    stderr().print(f"{len(rows)} requests")


def _sub_lines(sub: SubParagraph, indent: str) -> list[str]:
    lines = [f"{indent}{sub.label} {sub.text}"]
    for child in sub.children:
        lines += _sub_lines(child, indent + "    ")
    return lines


@mandates.command()
@click.argument("symbol")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def show(ctx: click.Context, symbol: str, as_json: bool) -> None:
    """Show a registered resolution: its preamble count, operative paragraphs and requests."""
    with workspace(ctx) as ws:
        view = service.show_resolution(ws, local_actor(), symbol)
    if as_json:
        echo_json(views.resolution_view(view))
        return
    r = view.stored.resolution
    echo(f"{r.symbol}  {r.title or ''}")
    adopted = r.adopted.isoformat() if r.adopted else "date not stated"
    echo(f"{r.body.value}, session {r.session or '?'}, adopted {adopted}")
    echo(f"{len(r.preamble)} preambular paragraphs, {len(r.operative)} operative paragraphs\n")
    for p in r.operative:
        echo(f"{p.number}. {p.text}")
        for sub in p.subparagraphs:
            echo("\n".join(_sub_lines(sub, "    ")))
    echo("")
    _print_requests(list(view.requests))


@mandates.command()
@click.option("--json", "as_json", is_flag=True, help="Print the new links as JSON.")
@click.pass_context
def link(ctx: click.Context, as_json: bool) -> None:
    """Link requests to the stored documents that answer them (documents citing the resolution)."""
    with workspace(ctx) as ws:
        added = service.link_answers(ws, local_actor())
    if as_json:
        echo_json([views.new_link_view(n) for n in added])
        return
    for n in added:
        echo(
            f"{n.symbol} para. {n.request.reference} ← {_document(n.link)} "
            f"({n.link.method}: {n.link.cited})"
        )
    stderr().print(f"{len(added)} new links")
