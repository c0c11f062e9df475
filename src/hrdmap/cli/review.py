"""``hrdmap review``: check machine tags, least certain first; accept, reject, or add labels.

On a terminal, ``hrdmap review`` shows one tag at a time and reads one key: **a**ccept, **r**eject, **s**kip,
add a **l**abel, **q**uit. Scripts use ``--list [--json]`` and the ``accept``, ``reject`` and ``add``
sub-commands. Every decision is stored with who (the local account) and when, beside the machine's tag.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from hrdmap.cli.evidence import DECIDED, evidence_text, quoted
from hrdmap.cli.output import Refused, echo, echo_json, local_actor, terminal_safe, workspace
from hrdmap.services import corpus, views
from hrdmap.services import review as service
from hrdmap.services.disclosure import MARK
from hrdmap.services.workspace import Workspace

KEYS = {"a": "accept", "r": "reject", "s": "skip", "l": "add a label", "q": "quit"}


@click.group(invoke_without_command=True)
@click.option("--list", "as_list", is_flag=True, help="List the queue instead of reviewing.")
@click.option("--json", "as_json", is_flag=True, help="List the queue as JSON.")
@click.option("--framework", help="Only tags of this framework (hrd-areas, countries …).")
@click.option("--label", help="Only tags with this label id.")
@click.option("--document", help="Only tags of this document (id, symbol or path).")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True, help="Most tags.")
@click.option(
    "--interactive/--no-interactive", default=None, help="Review one tag at a time (default: on a terminal)."
)
@click.pass_context
def review(
    ctx: click.Context,
    as_list: bool,
    as_json: bool,
    framework: str | None,
    label: str | None,
    document: str | None,
    limit: int,
    interactive: bool | None,
) -> None:
    """Review machine tags, least certain first (score nearest the tagger's threshold)."""
    if ctx.invoked_subcommand is not None:
        return
    with workspace(ctx) as ws:
        queue = service.review_queue(
            ws, local_actor(), framework=framework, label=label, document=document, limit=limit
        )
        marked = frozenset(i.document.id for i in queue if i.confidential)  # the service's disclosure policy
        if as_list or as_json:
            _print_queue(queue, as_json, marked)
            return
        if not (sys.stdin.isatty() if interactive is None else interactive):
            raise Refused("standard input is not a terminal: use --list, or accept, reject and add")
        _loop(ws, queue, marked)


def _decision(command: str, decide: service.Decide, about: str) -> None:
    """Add ``hrdmap review COMMAND TAG_ID``: one decision on one machine tag."""

    @review.command(command, help=about)
    @click.argument("tag_id", type=int)
    @click.option("--note", help="Why, for other reviewers.")
    @click.option("--json", "as_json", is_flag=True, help="Print the decision as JSON.")
    @click.pass_context
    def decision(ctx: click.Context, tag_id: int, note: str | None, as_json: bool) -> None:
        with workspace(ctx) as ws:
            _done(views.review_view(decide(ws, local_actor(), tag_id, note)), as_json)


_decision("accept", service.accept, "Accept machine tag TAG_ID: the paragraph carries its label.")
_decision(
    "reject",
    service.reject,
    "Reject machine tag TAG_ID: the paragraph does not carry its label (the tag is kept as said).",
)


@review.command()
@click.argument("block_id", type=int)
@click.argument("framework")
@click.argument("label")
@click.option("--note", help="Why, for other reviewers.")
@click.option("--json", "as_json", is_flag=True, help="Print the decision as JSON.")
@click.pass_context
def add(ctx: click.Context, block_id: int, framework: str, label: str, note: str | None, as_json: bool) -> None:
    """Give paragraph BLOCK_ID the label LABEL of FRAMEWORK (e.g. ``add 412 hrd-areas G``)."""
    with workspace(ctx) as ws:
        _done(views.review_view(service.add_label(ws, local_actor(), block_id, framework, label, note)), as_json)


def _done(decision: dict[str, object], as_json: bool) -> None:
    """Print a decision (the service's JSON view of it) as JSON, or as one line."""
    if as_json:
        echo_json(decision)
        return
    what = f"tag {decision['tag_id']}" if decision["tag_id"] is not None else "label"
    echo(
        f"{DECIDED[str(decision['decision'])]} {what} {decision['framework']}/{decision['label']}"
        f" on block {decision['block_id']} (review {decision['review_id']}, by {decision['reviewer']})"
    )


def _print_queue(queue: list[service.QueueItem], as_json: bool, marked: frozenset[int] = frozenset()) -> None:
    if as_json:
        echo_json([views.queue_item_view(item, confidential=item.document.id in marked) for item in queue])
        return
    for item in queue:
        t = item.tag
        mark = f"{MARK} " if item.document.id in marked else ""
        echo(
            f"{t.id}\t{t.tag.framework}\t{t.tag.label}\t{t.tag.score:.2f}/{t.threshold:.2f}\t{t.tag.tagger}"
            f"\tblock {t.block_id}\t{mark}{quoted(item.block.text, 80)}"
        )
    echo(f"{len(queue)} tags to review", err=True)


def _card(
    number: int, total: int, item: service.QueueItem, citation: str | None, confidential: bool = False
) -> list[str]:
    """The lines shown for one tag; the document's text in them is made safe before styles are added."""
    t, block, doc = item.tag, item.block, item.document
    place = doc.symbol or doc.title or Path(doc.source.split("!")[-1]).name
    where = (f"{MARK} " if confidential else "") + f"document {doc.id} · {place}"
    where += f" · para. {citation}" if citation else ""
    lines = [
        "",
        click.style(_safe(f"[{number}/{total}] tag {t.id}: {t.tag.framework} › {item.name}"), bold=True),
        _safe(f"score {t.tag.score:.2f} (threshold {t.threshold:.2f}) by {t.tag.tagger} · block {t.block_id}"),
        _safe(where),
    ]
    lines += [click.style(_safe(" › ".join(block.heading_path)), dim=True)] if block.heading_path else []
    lines += ["", _safe(block.display_text), ""]
    lines += [_safe(f"  evidence: {evidence_text(e)}") for e in t.tag.evidence] or ["  (no evidence)"]
    return lines


def _safe(text: str) -> str:
    return terminal_safe(text, one_line=True)


def _loop(ws: Workspace, queue: list[service.QueueItem], marked: frozenset[int] = frozenset()) -> None:
    """One tag at a time; the decision is stored at once, so quitting loses nothing."""
    if not queue:
        echo("nothing to review")
        return
    decided = 0
    cited = corpus.citations(ws, [(i.document.version_id, i.block.index) for i in queue])
    for number, item in enumerate(queue, start=1):
        citation = cited.get((item.document.version_id, item.block.index))
        for line in _card(number, len(queue), item, citation, item.document.id in marked):
            click.echo(line)
        key = _ask()
        if key == "q":
            break
        if key == "a":
            service.accept(ws, local_actor(), item.tag.id)
        elif key == "r":
            service.reject(ws, local_actor(), item.tag.id)
        elif key == "l":
            _add_label(ws, item.tag.block_id)
        decided += key != "s"
    echo(f"{decided} decisions stored")


def _ask() -> str:
    prompt = "  " + "  ".join(f"[{k}] {v}" for k, v in KEYS.items()) + " "
    while True:
        click.echo(prompt, nl=False)
        key = click.getchar().lower()
        click.echo(key)
        if key in KEYS:
            return key


def _add_label(ws: Workspace, block_id: int) -> None:
    answer = click.prompt("  framework and label (e.g. hrd-areas G)", default="", show_default=False)
    parts = answer.split()
    if len(parts) != 2:
        echo("  nothing added: give a framework and a label")
        return
    try:
        service.add_label(ws, local_actor(), block_id, parts[0], parts[1])
    except (LookupError, ValueError) as error:
        echo(f"  nothing added: {error.args[0]}")
        return
    echo(f"  added {parts[0]}/{parts[1]}")
