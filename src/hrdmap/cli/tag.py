"""``hrdmap tag``: run the registered taggers over the stored corpus."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import click

from hrdmap.cli.output import echo, echo_json, progress_bar, workspace
from hrdmap.services.tagging import ProgressCallback, TaggingReport, tag_documents


@click.command()
@click.argument("documents", nargs=-1)
@click.option("--tagger", "taggers", multiple=True, help="Run this tagger only (repeat for several).")
@click.option("--json", "as_json", is_flag=True, help="Print what was stored as JSON.")
@click.pass_context
def tag(ctx: click.Context, documents: tuple[str, ...], taggers: tuple[str, ...], as_json: bool) -> None:
    """Tag the paragraphs of DOCUMENTS (ids, symbols or paths; all documents when none) with evidence.

    Re-tagging replaces a tagger's current tags and keeps the earlier ones as history. The framework
    classifier first learns from the reviews (see ``hrdmap review``).
    """
    with workspace(ctx) as ws, _progress_bar(enabled=not as_json) as on_progress:
        report = tag_documents(ws, documents, taggers, progress=on_progress)
    if as_json:
        echo_json(_report_json(report))
        return
    _print_report(report)


@contextmanager
def _progress_bar(*, enabled: bool) -> Iterator[ProgressCallback]:
    """A progress bar on stderr while paragraphs are tagged (shown only on a terminal)."""
    bar = progress_bar(enabled=enabled)
    task = bar.add_task("tagging", total=None)

    def update(done: int, total: int) -> None:
        bar.update(task, completed=done, total=total)

    with bar:
        yield update


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
    echo(f"{report.total} tags on {len(report.documents)} documents (run {report.run_id})")


def _report_json(report: TaggingReport) -> dict[str, object]:
    return {
        "run_id": report.run_id,
        "taggers": report.taggers,
        "skipped": report.skipped,
        "trained": {
            name: {"examples": t.examples, "frameworks": t.frameworks, "reused": t.reused}
            for name, t in report.trained.items()
        },
        "documents": [
            {"document_id": d.document.id, "version": d.document.version, "paragraphs": d.paragraphs, "tags": d.tags}
            for d in report.documents
        ],
        "total": report.total,
    }
