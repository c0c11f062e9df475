"""``hrdmap calls`` and ``hrdmap stakeholders``: calls for inputs, who was asked, what came back.

Each command parses its options, calls one service of :mod:`hrdmap.services.calls.manage` (or the import and page
services) and formats the result. Contact addresses are printed by ``hrdmap stakeholders list --show-contacts``
only. Exit codes: 0 all good; 1 some files could not be read or published; 2 usage error or nothing done.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from hrdmap.cli.output import DATE, day, echo, echo_json, local_actor, print_table, stderr, workspace
from hrdmap.domain.calls import (
    Accreditation,
    Call,
    CallRequest,
    Channel,
    Consent,
    MandateReference,
    StakeholderType,
)
from hrdmap.services import views
from hrdmap.services.calls import manage as service
from hrdmap.services.calls.importing import CallFileError, ImportReport, import_call
from hrdmap.services.calls.manage import un_date
from hrdmap.services.calls.page import publish_inputs_page


@click.group()
def calls() -> None:
    """Calls for inputs: the call, requests sent, contributions received, status and the inputs page."""


@calls.command(name="import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print what was done as JSON.")
@click.pass_context
def import_(ctx: click.Context, file: Path, as_json: bool) -> None:
    """Import a call.yaml FILE: check it, store its contribution files in the corpus, register everything."""
    with workspace(ctx, create=True) as ws:
        try:
            report = import_call(ws, local_actor(), file)
        except CallFileError as error:
            for line in error.problems:
                echo(line, err=True)
            ctx.exit(2)
    _print_import(report, as_json)
    ctx.exit(1 if report.failed_files else 0)


def _print_import(report: ImportReport, as_json: bool) -> None:
    if as_json:
        echo_json(views.call_import_view(report))
        return
    stakeholders = ", ".join(f"{n} {k.value}" for k, n in sorted(report.stakeholders.items()))
    contributions = ", ".join(f"{n} {k.value}" for k, n in sorted(report.contributions.items()))
    echo(f"call {report.call_key}: {report.call.value}")
    echo(f"stakeholders: {stakeholders or 'none'}")
    echo(f"requests recorded: {report.requests}")
    echo(f"contributions: {contributions or 'none'}")
    for line in report.warnings:
        echo(f"warning: {line}", err=True)


@calls.command()
@click.argument("key")
@click.option("--title", required=True, help="Title of the call for inputs.")
@click.option("--deadline", type=DATE, required=True, help="Deadline for contributions (YYYY-MM-DD).")
@click.option("--symbol", help="Symbol of the resolution that asks for the report (A/RES/72/247).")
@click.option("--paragraph", "paragraphs", type=int, multiple=True, help="Its operative paragraph (repeatable).")
@click.option("--citation", help="How a report cites the mandate.")
@click.option("--issued-by", help="Who issued the call.")
@click.option("--addressee", help="The body that receives the report (General Assembly).")
@click.option("--due", help="The session the report is due at (seventy-third session).")
@click.option("--notes-verbales-sent", type=DATE, help="When the notes verbales were sent (YYYY-MM-DD).")
@click.option("--language", "languages", multiple=True, help="Language accepted, ISO 639-1 (repeatable).")
@click.pass_context
def add(
    ctx: click.Context,
    key: str,
    title: str,
    deadline: dt.datetime,
    symbol: str | None,
    paragraphs: tuple[int, ...],
    citation: str | None,
    issued_by: str | None,
    addressee: str | None,
    due: str | None,
    notes_verbales_sent: dt.datetime | None,
    languages: tuple[str, ...],
) -> None:
    """Register a new call KEY."""
    call = Call(
        key=key,
        title=title,
        deadline=deadline.date(),
        mandate=MandateReference(symbol, paragraphs, citation) if symbol else None,
        issued_by=issued_by,
        report_addressee=addressee,
        report_due=due,
        notes_verbales_sent=day(notes_verbales_sent),
        languages=languages,
    )
    with workspace(ctx, create=True) as ws:
        service.add_call(ws, local_actor(), call)
    echo(f"call {key}: created")


@calls.command(name="list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def list_(ctx: click.Context, as_json: bool) -> None:
    """List the calls in the registry."""
    with workspace(ctx) as ws:
        found = service.list_calls(ws, local_actor())
    if as_json:
        echo_json([views.call_view(s) for s in found])
        return
    for stored in found:
        echo(f"{stored.call.key}\t{stored.call.deadline.isoformat()}\t{stored.call.title}")


@calls.command()
@click.argument("call")
@click.argument("stakeholder")
@click.option("--date", type=DATE, required=True, help="When it was sent (YYYY-MM-DD).")
@click.option("--channel", type=click.Choice([c.value for c in Channel]), required=True, help="How it was sent.")
@click.option("--reminder", is_flag=True, help="It is a reminder.")
@click.pass_context
def request(ctx: click.Context, call: str, stakeholder: str, date: dt.datetime, channel: str, reminder: bool) -> None:
    """Record that CALL's request for inputs (or a reminder) was sent to STAKEHOLDER."""
    with workspace(ctx) as ws:
        request = CallRequest(stakeholder, date.date(), Channel(channel), reminder)
        added = service.record_request(ws, local_actor(), call, request)
    echo("request recorded" if added else "request was recorded already")


@calls.command()
@click.argument("call")
@click.argument("stakeholder")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--received", type=DATE, required=True, help="When it arrived (YYYY-MM-DD).")
@click.option("--consent", type=click.Choice([c.value for c in Consent]), required=True, help="May it be published?")
@click.option("--language", help="Main language, ISO 639-1 (read from the file when omitted).")
@click.pass_context
def contribution(
    ctx: click.Context,
    call: str,
    stakeholder: str,
    files: tuple[Path, ...],
    received: dt.datetime,
    consent: str,
    language: str | None,
) -> None:
    """Record a contribution to CALL from STAKEHOLDER for each FILE, storing the files in the corpus."""
    with workspace(ctx, create=True) as ws:
        recorded = service.record_contributions(
            ws,
            local_actor(),
            call,
            stakeholder,
            files,
            received=received.date(),
            consent=Consent(consent),
            language=language,
        )
    failed = 0
    for r in recorded:
        documents = ", ".join(str(i) for i in r.contribution.document_ids) or "none"
        echo(f"{r.read.path.name}: contribution {r.contribution.id} {r.change.value}, documents {documents}")
        if not r.contribution.document_ids:
            failed += 1
            echo(
                f"warning: {r.read.path}: could not be read ({r.read.reason}); recorded without a document", err=True
            )
    ctx.exit(1 if failed else 0)


@calls.command()
@click.argument("call")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), required=True, help="HTML file to write.")
@click.pass_context
def page(ctx: click.Context, call: str, output: Path) -> None:
    """Write CALL's public inputs page to OUTPUT, with the public files in inputs/ beside it."""
    with workspace(ctx) as ws:
        published = publish_inputs_page(ws, local_actor(), call, output)
    built = published.built
    for line in built.warnings:
        echo(f"warning: {line}", err=True)
    stderr().print(f"{output}: {len(built.page.entries)} public contributions, {len(published.written) - 1} files")
    ctx.exit(1 if built.warnings else 0)


# Status


def _print_status(found: service.StatusView) -> None:
    status, call = found.status, found.view.call
    echo(f"{call.key}: {call.title}")
    if call.mandate:
        linked = "in the mandate registry" if found.view.stored.resolution_id else "not in the mandate registry"
        paragraphs = ", ".join(str(p) for p in call.mandate.paragraphs)
        echo(f"mandate: {call.mandate.symbol}, paragraphs {paragraphs or '-'} ({linked})")
    echo(f"deadline: {un_date(call.deadline)}; status as of {un_date(status.as_of)}")
    echo(
        f"asked: {len(status.asked)}; answered: {len(status.answered)}; contributions: "
        f"{len(status.contributions)} ({len(status.confidential)} confidential)"
    )
    rows = [
        [
            late.stakeholder.name,
            late.stakeholder.type.value,
            ", ".join(f"{r.date.isoformat()} {r.channel.value}" for r in late.asked),
            "yes" if late.reminded else "",
        ]
        for late in status.late
    ]
    title = "late: asked, no contribution, deadline passed"
    print_table(("stakeholder", "type", "asked", "reminded"), rows, title=title)
    for c in status.after_deadline:
        name = found.view.stakeholders[c.stakeholder].name
        echo(f"after the deadline: {name}, received {c.received.isoformat()} ({c.consent.value})")
    for s in status.awaiting:
        echo(f"awaiting: {s.name}")
    echo(found.sentence)


@calls.command()
@click.argument("call")
@click.option("--as-of", type=DATE, help="Compute lateness for this day (YYYY-MM-DD) instead of today.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def status(ctx: click.Context, call: str, as_of: dt.datetime | None, as_json: bool) -> None:
    """Who was asked, who answered, who is late, what came after the deadline, counts in a report's words."""
    with workspace(ctx) as ws:
        found = service.call_status_view(ws, local_actor(), call, as_of=day(as_of))
    if as_json:
        echo_json(views.call_status_view(found))
    else:
        _print_status(found)


# Stakeholders


@click.group()
def stakeholders() -> None:
    """The stakeholder registry: States, UN entities, NHRIs, organizations; contacts kept confidential."""


@stakeholders.command(name="add")
@click.argument("key")
@click.option("--name", required=True, help="The name as it will be published.")
@click.option("--type", "type_", type=click.Choice([t.value for t in StakeholderType]), required=True)
@click.option("--country", help="Country in UN naming, or its ISO 3166 alpha-3 code.")
@click.option("--accreditation", type=click.Choice([a.value for a in Accreditation]), help="NHRIs: GANHRI status.")
@click.option("--contact", help="Contact address (confidential; mind your shell history).")
@click.pass_context
def add_stakeholder(
    ctx: click.Context,
    key: str,
    name: str,
    type_: str,
    country: str | None,
    accreditation: str | None,
    contact: str | None,
) -> None:
    """Add stakeholder KEY to the registry (or update it)."""
    with workspace(ctx, create=True) as ws:
        stakeholder = service.new_stakeholder(
            key,
            name,
            StakeholderType(type_),
            country=country,
            accreditation=Accreditation(accreditation) if accreditation else None,
        )
        change = service.add_stakeholder(ws, local_actor(), stakeholder, contact)
    echo(f"stakeholder {key}: {change.value}")


@stakeholders.command(name="list")
@click.option("--type", "types", type=click.Choice([t.value for t in StakeholderType]), multiple=True)
@click.option("--show-contacts", is_flag=True, help="Also print contact addresses (the reading is audited).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def list_stakeholders(ctx: click.Context, types: tuple[str, ...], show_contacts: bool, as_json: bool) -> None:
    """List the stakeholders, by name. Contacts are printed only with --show-contacts."""
    with workspace(ctx) as ws:
        found = service.list_stakeholders(ws, local_actor(), [StakeholderType(t) for t in types])
        contacts = service.stakeholder_contacts(ws, local_actor(), [s.key for s in found]) if show_contacts else {}
    rows = [views.stakeholder_view(s, contacts if show_contacts else None) for s in found]
    if as_json:
        echo_json(rows)
        return
    for row in rows:
        echo("\t".join(str(v) if v is not None else "" for v in row.values()))
