"""``hrdmap ingest``, ``documents``, ``show``, ``search`` and ``export``: the corpus from the command line.

Each command parses its options, calls one service of :mod:`hrdmap.services` and formats the result. ``show``,
``search`` and ``export`` record in the audit trail the confidential documents they printed
(:func:`hrdmap.services.audit_trail.record_document_reads`), as the web app records its reads.
Exit codes: 0 all good; 1 some files failed; 2 usage error or nothing could be done.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from rich.progress import TaskID

from hrdmap.cli.evidence import tag_notes
from hrdmap.cli.outline import outline
from hrdmap.cli.output import (
    Refused,
    audience_option,
    echo,
    echo_json,
    export_options,
    highlighted,
    local_actor,
    output_stream,
    print_table,
    progress_bar,
    stderr,
    stdout,
    terminal_safe,
    workspace,
)
from hrdmap.domain.document import StoredDocument
from hrdmap.services import audit_trail, corpus, disclosure, views
from hrdmap.services.disclosure import MARK, Audience
from hrdmap.services.export import ExportFormat, export_corpus
from hrdmap.services.export import document_ids as exported_ids
from hrdmap.services.indexing import reindex as reindex_service
from hrdmap.services.ingest import IngestReport, Progress, ProgressCallback
from hrdmap.services.ingest import ingest as ingest_files
from hrdmap.services.review import block_tags
from hrdmap.services.semantic import semantic_search
from hrdmap.services.views import status_counts
from hrdmap.services.workspace import Workspace

DOCUMENT_COLUMNS = ("id", "symbol", "title", "format", "languages", "pages", "paragraphs", "version")
#: Where the command line's reads come from, in the audit trail.
CLI = "cli"
#: The outcomes every summary line names, even when none (``unpacked`` is named when there are some).
SUMMARY_ORDER = ("stored", "unchanged", "failed")


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the outcome of every file as JSON.")
@click.option(
    "--follow-links",
    is_flag=True,
    help="Read the files that links inside a folder point to, even outside the folder (refused otherwise).",
)
@click.option(
    "--retry-failed",
    is_flag=True,
    help="Also read again every file whose latest attempt failed, those that stopped the parser included.",
)
@click.option(
    "--executor",
    metavar="local|tcp://HOST:8786",
    help="Where files are parsed: here (local) or on a Dask scheduler's workers (default: HRDMAP_EXECUTOR, local).",
)
@click.pass_context
def ingest(
    ctx: click.Context,
    paths: tuple[Path, ...],
    as_json: bool,
    follow_links: bool,
    retry_failed: bool,
    executor: str | None,
) -> None:
    """Read files, folders and zip archives into the corpus.

    Files already stored with the same bytes are skipped; a changed file becomes a new version. A run that was
    interrupted is finished by the next one (with or without PATHS).
    """
    with workspace(ctx, create=True) as ws, _progress_bar(enabled=not as_json) as on_progress:
        report = ingest_files(
            ws,
            local_actor(),
            paths,
            progress=on_progress,
            follow_links=follow_links,
            retry_failed=retry_failed,
            executor=executor,
        )
    if not report.batches:
        raise Refused("nothing to ingest: give files or folders" if not paths else "no files found in the folders")
    if as_json:
        echo_json(views.ingest_report_view(report))
    else:
        _print_report(report)
    ctx.exit(_exit_code(report))


@click.command()
@click.pass_context
def reindex(ctx: click.Context) -> None:
    """Rebuild the search index and the vector index from the store (after a lost or damaged index, a change of
    HRDMAP_SEARCH or HRDMAP_EMBEDDER, or an upgrade)."""
    with workspace(ctx) as ws:
        done = reindex_service(ws, local_actor())
    stderr().print(f"search index rebuilt: {done.paragraphs} paragraphs ({ws.settings.search_backend})")
    stderr().print(f"vector index rebuilt: {done.vectors} paragraphs ({ws.settings.embedder})")


@click.command()
@click.option("--failed", is_flag=True, help="List the files that could not be read, with the reason.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def documents(ctx: click.Context, failed: bool, as_json: bool) -> None:
    """List the documents in the corpus (their current versions)."""
    with workspace(ctx) as ws:
        if failed:
            _print_failures([views.failed_file_view(f) for f in corpus.failed_files(ws, local_actor())], as_json)
            return
        listed = corpus.list_documents(ws, local_actor())
        marked = _confidential(ws, [d.id for d in listed])
    if as_json:
        echo_json([views.document_view(d, confidential=d.id in marked) for d in listed])
        return
    rows = [_document_row(d, d.id in marked) for d in listed]
    print_table(DOCUMENT_COLUMNS, rows, right=("id", "pages", "paragraphs", "version"))
    stderr().print(f"{len(listed)} documents")


@click.command()
@click.argument("document")
@click.option("--json", "as_json", is_flag=True, help="Print the blocks and footnotes as JSON.")
@click.option("--tags/--no-tags", default=True, show_default=True, help="Print each paragraph's tags and evidence.")
@click.pass_context
def show(ctx: click.Context, document: str, as_json: bool, tags: bool) -> None:
    """Print a document's structure. DOCUMENT is an id, a UN symbol or a path."""
    actor = local_actor()
    with workspace(ctx) as ws:
        loaded = corpus.load(ws, actor, document)
        tagged = block_tags(ws, actor, loaded.stored.version_id) if tags else {}
        marked = bool(_confidential(ws, [loaded.stored.id]))
        audit_trail.record_document_reads(ws, actor, "show", [loaded.stored.id], origin=CLI)
    if as_json:
        echo_json(views.loaded_document_view(loaded, tagged, confidential=marked))
        return
    if marked:
        click.echo(f"{MARK} a confidential contribution: never publish what follows")
    for line in outline(loaded, tag_notes(tagged)):
        click.echo(line)


@click.command()
@click.argument("query")
@click.option("--document", "documents_", multiple=True, help="Search this document only (id, symbol or path).")
@click.option("--language", multiple=True, help="Keep paragraphs in this language (ISO 639-1: en, fr …).")
@click.option("--symbol", multiple=True, help="Keep documents with this UN symbol.")
@click.option("--year", type=int, help="Keep documents dated this year.")
@click.option("--from", "year_from", type=int, help="Keep documents dated this year or later.")
@click.option("--to", "year_to", type=int, help="Keep documents dated this year or earlier.")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True, help="Most results.")
@click.option(
    "--semantic",
    is_flag=True,
    help="Find paragraphs near the query in meaning (embeddings), not by its words; best first by similarity.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def search(
    ctx: click.Context,
    query: str,
    documents_: tuple[str, ...],
    language: tuple[str, ...],
    symbol: tuple[str, ...],
    year: int | None,
    year_from: int | None,
    year_to: int | None,
    limit: int,
    semantic: bool,
    as_json: bool,
) -> None:
    """Search the paragraphs of the corpus; matches are highlighted."""
    if year is not None and (year_from is not None or year_to is not None):
        raise click.UsageError("give --year, or --from/--to, not both")
    if year is not None:
        year_from = year_to = year
    filters = corpus.SearchFilters(documents_, language, symbol, year_from, year_to, limit)
    actor = local_actor()
    with workspace(ctx) as ws:
        if semantic:
            found = semantic_search(ws, actor, query, filters)
            results = found.results
            if found.synced is not None and (found.synced.added or found.synced.removed):
                stderr().print(
                    f"vector index brought up to date: {found.synced.added} documents embedded, "
                    f"{found.synced.removed} removed"
                )
        else:
            results = corpus.search(ws, actor, query, filters)
        marked = _confidential(ws, [r.document.id for r in results])
        audit_trail.record_document_reads(ws, actor, "search", [r.document.id for r in results], origin=CLI)
    if as_json:
        echo_json([views.search_result_view(r, confidential=r.document.id in marked) for r in results])
        return
    _print_results(results, marked, similarity=semantic)


@click.command()
@export_options([f.value for f in ExportFormat], "JSON Lines or CSV.")
@audience_option(
    Audience.PUBLIC,
    "public: documents of confidential contributions are left out and counted; internal: kept, marked in the"
    " confidential column.",
)
@click.pass_context
def export(ctx: click.Context, fmt: str, output: Path | None, audience: str) -> None:
    """Export every paragraph of the corpus, one row each, with its document and footnotes."""
    chosen = Audience(audience)
    actor = local_actor()
    with workspace(ctx) as ws:
        with output_stream(output) as stream:
            done = export_corpus(ws, actor, stream, ExportFormat(fmt), chosen)
        audit_trail.record_document_reads(ws, actor, "export", exported_ids(ws, actor, chosen), origin=CLI)
    withheld = f"; {done.withheld} confidential documents counted, not exported" if done.withheld else ""
    stderr().print(f"{done.rows} paragraphs exported" + (f" to {output}" if output else "") + withheld, markup=False)


@contextmanager
def _progress_bar(*, enabled: bool) -> Iterator[ProgressCallback]:
    """A progress bar on stderr while files are ingested (shown only on a terminal)."""
    bar = progress_bar(enabled=enabled)
    tasks: dict[int, TaskID] = {}

    def update(event: Progress) -> None:
        if event.batch_id not in tasks:
            tasks[event.batch_id] = bar.add_task(f"batch {event.batch_id}", total=event.total)
        bar.update(tasks[event.batch_id], completed=event.done)

    with bar:
        yield update


def _document_row(d: StoredDocument, confidential: bool = False) -> list[str]:
    title = (f"{MARK} " if confidential else "") + (d.title or Path(d.source.split("!")[-1]).name)
    languages = ", ".join(d.languages)
    return [
        str(d.id),
        d.symbol or "",
        title,
        d.format,
        languages,
        str(d.pages or ""),
        str(d.paragraphs),
        str(d.version),
    ]


def _exit_code(report: IngestReport) -> int:
    counts = status_counts(report.counts)
    if not counts["failed"]:
        return 0
    return 1 if counts["stored"] + counts["unchanged"] else 2


def _summary(counts: dict[str, int]) -> str:
    parts = [f"{counts[s]} {s}" for s in SUMMARY_ORDER]
    if counts["unpacked"]:
        parts.append(f"{counts['unpacked']} unpacked")
    return ", ".join(parts)


def _print_report(report: IngestReport) -> None:
    for batch in report.batches:
        if batch.resumed:
            echo(f"finished interrupted batch {batch.batch_id}: {_summary(status_counts(batch.counts))}")
    for failure in report.failures:
        echo(f"FAILED {terminal_safe(failure.path, one_line=True)}: {failure.reason}", err=True)
    echo(_summary(status_counts(report.counts)))


def _print_failures(failures: list[dict[str, object]], as_json: bool) -> None:
    if as_json:
        echo_json(failures)
        return
    for failure in failures:
        echo(f"{terminal_safe(str(failure['path']), one_line=True)}: [{failure['error_code']}] {failure['reason']}")
    echo(f"{len(failures)} failed", err=True)


def _confidential(ws: Workspace, document_ids: list[int]) -> frozenset[int]:
    """Those of the documents a confidential contribution brought: the terminal is an internal view, which marks
    them (docs/threat-model.md, "Confidentiality")."""
    return disclosure.policy(ws, local_actor(), Audience.INTERNAL, document_ids).confidential


def _print_results(
    results: list[corpus.SearchResult], marked: frozenset[int] = frozenset(), *, similarity: bool = False
) -> None:
    console = stdout()
    for result in results:
        place = result.document.symbol or Path(result.document.source.split("!")[-1]).name
        where = f"{MARK} " if result.document.id in marked else ""
        where += f"document {result.document.id} · {place}"
        where += f" · para. {result.citation}" if result.citation else ""
        where += f" · {' › '.join(result.block.heading_path)}" if result.block.heading_path else ""
        where += f" · similarity {result.score:.3f}" if similarity else ""
        console.print(where, style="bold", markup=False)
        console.print(highlighted(result.snippet))
        console.print()
    if not results:
        stderr().print("no results")
