"""``hrdmap draft CALL``: write the draft report of a call for inputs as DOCX, PDF and HTML.

Parses the options, calls :func:`hrdmap.services.drafting.draft` and prints the files written and the body's
word count against the limit (a warning on standard error when over). Exit codes: 0 written; 2 unknown call,
unusable templates or options.
"""

from __future__ import annotations

from pathlib import Path

import click

from hrdmap.cli.output import audience_option, echo, echo_json, local_actor, stderr, workspace
from hrdmap.services import audit_trail, drafting, views
from hrdmap.services.disclosure import Audience
from hrdmap.services.drafting import DraftOptions


@click.command()
@click.argument("call")
@click.option(
    "-o", "--output", type=click.Path(file_okay=False, path_type=Path), default=Path("draft"), show_default=True,
    help="Folder to write the draft and draft-sources.json to.",
)
@click.option(
    "-f", "--format", "formats", multiple=True, type=click.Choice([f.value for f in drafting.DraftFormat]),
    help="Format to write (repeatable; all three when omitted).",
)
@click.option(
    "--templates", type=click.Path(file_okay=False, path_type=Path),
    help="Folder of templates replacing the packaged ones (report.html.jinja, report.css, print.css, "
    "docx-styles.yaml, reference.docx, phrases.yaml).",
)
@click.option("--name", default="draft", show_default=True, help="File name of the draft, without extension.")
@click.option("--title", help="Title of the report (default: the resolution's title, else the call's).")
@click.option("--symbol", help="Symbol of the report (default: a placeholder such as A/82/[…]).")
@click.option("--max-per-area", type=click.IntRange(1), default=DraftOptions().max_per_area, show_default=True,
              help="Most passages kept per area of section III.")
@click.option("--word-limit", type=click.IntRange(100), default=DraftOptions().word_limit, show_default=True,
              help="Word limit the body is drafted to fit and measured against.")
@click.option("--json", "as_json", is_flag=True, help="Print the files and word count as JSON.")
@audience_option(
    Audience.INTERNAL,
    "internal: a working draft that quotes confidential contributions (their contributors never named, personal"
    " data redacted) and says so under its title; public: nothing of them but counts, to share.",
)
@click.pass_context
def draft(
    ctx: click.Context,
    call: str,
    output: Path,
    formats: tuple[str, ...],
    templates: Path | None,
    name: str,
    title: str | None,
    symbol: str | None,
    max_per_area: int,
    word_limit: int,
    as_json: bool,
    audience: str,
) -> None:
    """Draft the report of CALL from its tagged contributions (DOCX, PDF, HTML and draft-sources.json)."""
    chosen = [drafting.DraftFormat(f) for f in formats] or list(drafting.DraftFormat)
    options = DraftOptions(max_per_area=max_per_area, word_limit=word_limit)
    actor = local_actor()
    with workspace(ctx) as ws:
        result = drafting.draft(
            ws, actor, call, output, formats=chosen, templates=templates, name=name, title=title, symbol=symbol,
            options=options, audience=Audience(audience),
        )
        audit_trail.record_document_reads(ws, actor, "draft", result.documents, origin="cli")
    report = result.report
    words, limit = report.body_words(), report.word_limit
    if as_json:
        echo_json(views.draft_view(result))
    else:
        for kind, path in result.files.items():
            echo(f"{kind}\t{path}")
        echo(f"{sum(1 for _ in report.numbered())} paragraphs, {len(report.footnotes)} footnotes")
        echo(f"body: {words:,} words (limit {limit:,})")
    if report.over_limit:
        stderr().print(f"warning: the body has {words:,} words, over the limit of {limit:,}")
