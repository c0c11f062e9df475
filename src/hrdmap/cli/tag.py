"""``hrdmap tag``: run the registered taggers over the stored corpus."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import click
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from hrdmap.cli.output import echo, echo_json, local_actor, stderr, workspace
from hrdmap.services import views
from hrdmap.services.tagging import ProgressCallback, TaggingReport, tag_documents


@click.command()
@click.argument("documents", nargs=-1)
@click.option("--tagger", "taggers", multiple=True, help="Run this tagger only (repeat for several).")
@click.option("--json", "as_json", is_flag=True, help="Print what was stored as JSON.")
@click.option(
    "--executor",
    metavar="local|tcp://HOST:8786",
    help="Where the taggers run: here (local) or on a Dask scheduler's workers (default: HRDMAP_EXECUTOR, local).",
)
@click.pass_context
def tag(
    ctx: click.Context, documents: tuple[str, ...], taggers: tuple[str, ...], as_json: bool, executor: str | None
) -> None:
    """Tag the paragraphs of DOCUMENTS (ids, symbols or paths; all documents when none) with evidence.

    Re-tagging replaces a tagger's current tags and keeps the earlier ones as history. The framework
    classifier first learns from the reviews (see ``hrdmap review``).
    """
    with workspace(ctx) as ws, _progress_bar(enabled=not as_json) as on_progress:
        report = tag_documents(ws, local_actor(), documents, taggers, progress=on_progress, executor=executor)
    if as_json:
        echo_json(views.tagging_report_view(report))
        return
    _print_report(report)


@contextmanager
def _progress_bar(*, enabled: bool) -> Iterator[ProgressCallback]:
    """A progress bar on stderr while paragraphs are tagged: paragraphs done of all, rate and time left (shown
    only on a terminal)."""
    console = stderr()
    bar = Progress(
        TextColumn("tagging"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("paragraphs"),
        _RateColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
        disable=not enabled or not console.is_terminal,
    )
    task = bar.add_task("tagging", total=None)

    def update(done: int, total: int) -> None:
        bar.update(task, completed=done, total=total)

    with bar:
        yield update


class _RateColumn(ProgressColumn):
    """Paragraphs per second, as measured by rich over the last updates."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text("" if speed is None else f"{speed:,.0f}/s")


def _print_report(report: TaggingReport) -> None:
    for name, reason in report.skipped.items():
        echo(f"skipped tagger {name}: {reason}", err=True)
    for name, trained in report.trained.items():
        if trained.examples:
            how = "reused its saved state" if trained.reused else "learned from"
            echo(f"{name}: {how} {trained.examples} reviewed paragraphs", err=True)
    for done in report.documents:
        place = done.document.symbol or done.document.source.rsplit("/", 1)[-1]
        counts = ", ".join(f"{n} {name}" for name, n in sorted(done.tags.items()))
        echo(f"document {done.document.id} ({place}): {done.paragraphs} paragraphs, {counts or 'no'} tags")
    echo(
        f"{report.total} tags on {len(report.documents)} documents (run {report.run_id}): "
        f"{report.paragraphs} paragraphs in {report.seconds:.1f} s ({report.rate:,.0f} paragraphs/s)"
    )
