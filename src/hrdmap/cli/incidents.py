"""``hrdmap incidents``: record, import, verify, deduplicate and export incidents against defenders.

Each command parses its options, calls one service of :mod:`hrdmap.services.monitoring` and formats the result
(docs/cli.md, docs/monitoring.md). Exit codes: 0 done; 1 some rows were refused (the rest was imported); 2 usage
error or nothing could be done.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click
from rich.table import Table

from hrdmap.cli.incident_options import (
    CLEARANCE,
    clearance_of,
    load_mapping_option,
    print_incident,
)
from hrdmap.cli.output import DATE, day, echo, echo_json, local_actor, shortened, stdout, workspace
from hrdmap.domain.monitoring.cases import Case
from hrdmap.domain.monitoring.incidents import Intervention, Source, StateReply
from hrdmap.domain.monitoring.vocabulary import (
    CaseStatus,
    Independence,
    InterventionKind,
    Reliability,
    Sensitivity,
    SourceKind,
    VerificationStatus,
)
from hrdmap.monitoring.incident_file import edited, incident_from_options, incidents_from_file
from hrdmap.services import views
from hrdmap.services.monitoring import duplicates, figures, importing, proposals, records
from hrdmap.services.monitoring.records import IncidentFilter


@click.group()
def incidents() -> None:
    """Incidents against defenders: events, acts, victims, perpetrators, sources, verification."""


@incidents.command("add")
@click.option(
    "--file", "file_", type=click.Path(dir_okay=False, path_type=Path), help="YAML or JSON file of incidents."
)
@click.option("--title", help="A short line saying what happened.")
@click.option("--date", "date_text", help="When: 2019-03-04, March 2019, early 2019, 2019-03-01/2019-03-15.")
@click.option("--country", help="Country: a UN name, ISO code or M49 code.")
@click.option("--admin-area", "admin_area", default="", help="First-level administrative area.")
@click.option("--place", default="", help="Town or place.")
@click.option("--act", "acts", multiple=True, help="Act type (attack-types label); repeat for several.")
@click.option("--victim", default="", help="Victim's name or alias.")
@click.option("--sex", default="unknown", help="Victim's sex: female, male, other, unknown.")
@click.option("--age", type=int, help="Victim's age in years.")
@click.option("--role", "roles", multiple=True, help="Victim's group (groups-at-risk label); repeat for several.")
@click.option("--perpetrator", default="unknown", help="Perpetrator type (state-agent, company, …).")
@click.option("--source-name", "source_name", help="Who tells of it.")
@click.option("--source-reference", "source_reference", help="URL, file, document or paragraph of the source.")
@click.option("--reliability", default="unknown", help="Source reliability: high, medium, low, unknown.")
@click.option("--sensitivity", default="restricted", show_default=True, help="public, restricted or confidential.")
@click.option("--json", "as_json", is_flag=True, help="Print the ids as JSON.")
@click.pass_context
def add(ctx: click.Context, /, file_: Path | None, as_json: bool, **fields: object) -> None:
    """Record incidents, from options or from a file."""
    found = incidents_from_file(file_) if file_ else [incident_from_options(fields)]
    actor = local_actor()
    with workspace(ctx) as ws:
        ids = [records.add_incident(ws, actor, incident) for incident in found]
    if as_json:
        echo_json(views.added_incidents_view(ids))
    else:
        echo(f"Added incident{'s' if len(ids) > 1 else ''} {', '.join(map(str, ids))}.")


@incidents.command("edit")
@click.argument("incident_id", type=int)
@click.option("--title", help="A new title.")
@click.option("--date", "date_text", help="A new date (any form hrdmap reads).")
@click.option("--country", help="A new country.")
@click.option("--admin-area", "admin_area", help="A new admin area.")
@click.option("--place", help="A new place.")
@click.option("--act", "acts", multiple=True, help="Replace the act types (repeat).")
@click.option("--role", "roles", multiple=True, help="Replace the victims' groups (repeat).")
@click.option("--sensitivity", type=click.Choice([s.value for s in Sensitivity]), help="A new sensitivity.")
@click.pass_context
def edit(ctx: click.Context, /, incident_id: int, **options: object) -> None:
    """Change an incident's fields (e.g. a proposed one before accepting it); sources and history stay."""
    actor = local_actor()
    with workspace(ctx) as ws:
        current = records.get_incident_for(ws, actor, incident_id)
        records.edit_incident(ws, actor, incident_id, edited(current, options))
    echo(f"Incident {incident_id} edited.")


@incidents.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--mapping",
    "mapping_name",
    required=True,
    help="Mapping file, or a shipped one: cpj-journalists-killed, gdelt-events.",
)
@click.option("--max-mb", "max_mb", type=int, default=2048, show_default=True, help="Refuse larger files.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.pass_context
def import_(ctx: click.Context, file: Path, mapping_name: str, max_mb: int, as_json: bool) -> None:
    """Import a list kept by others (CSV, TSV, XLSX, JSON) with a mapping file."""
    mapping = load_mapping_option(mapping_name)
    actor = local_actor()
    with workspace(ctx) as ws:
        report = importing.import_list(ws, actor, file, mapping, max_bytes=max_mb * 1_000_000)
    if as_json:
        echo_json(views.incident_import_view(report))
    else:
        for error in report.errors:
            echo(str(error), err=True)
        echo(
            f"{file.name}: {report.added} added, {report.unchanged} already stored, {report.skipped} left out by the"
            f" mapping, {len(report.errors)} refused."
        )
    if report.errors:
        ctx.exit(1)


def _filter(country: str | None, status: str | None, act: str | None, start: dt.datetime | None,
            end: dt.datetime | None, limit: int) -> IncidentFilter:  # fmt: skip
    return IncidentFilter(country.upper() if country else None, status, act, day(start), day(end), limit=limit)


@incidents.command("list")
@click.option("--country", help="ISO3 code.")
@click.option("--status", type=click.Choice([s.value for s in VerificationStatus]))
@click.option("--act", help="Act type.")
@click.option("--from", "start", type=DATE, help="First possible day on or after (YYYY-MM-DD).")
@click.option("--to", "end", type=DATE, help="First possible day on or before (YYYY-MM-DD).")
@click.option("--limit", type=int, default=200, show_default=True)
@CLEARANCE
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def list_(ctx: click.Context, country: str | None, status: str | None, act: str | None, start: dt.datetime | None,
          end: dt.datetime | None, limit: int, clearance: str, as_json: bool) -> None:  # fmt: skip
    """List incidents, newest first."""
    with workspace(ctx) as ws:
        found = records.list_incidents(
            ws, local_actor(), _filter(country, status, act, start, end, limit), clearance_of(clearance)
        )
    if as_json:
        echo_json([views.incident_view(i) for i in found])
        return
    table = Table()
    for column in ("id", "date", "country", "acts", "status", "title"):
        table.add_column(column)
    for i in found:
        table.add_row(
            str(i.id), i.date.iso(), i.location.country, ", ".join(i.act_types), i.status.value, shortened(i.title, 50)
        )
    stdout().print(table)


@incidents.command("show")
@click.argument("incident_id", type=int)
@CLEARANCE
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def show(ctx: click.Context, incident_id: int, clearance: str, as_json: bool) -> None:
    """Show one incident with its acts, victims, sources, interventions and history."""
    with workspace(ctx) as ws:
        incident = records.get_incident_for(ws, local_actor(), incident_id, clearance_of(clearance))
    if as_json:
        echo_json(views.incident_view(incident))
    else:
        print_incident(incident)


@incidents.command("status")
@click.argument("incident_id", type=int)
@click.argument("status", type=click.Choice([s.value for s in VerificationStatus]))
@click.option("--reason", required=True, help="Why (kept in the history).")
@click.pass_context
def status(ctx: click.Context, incident_id: int, status: str, reason: str) -> None:
    """Change an incident's verification status (verified is checked against the rule)."""
    actor = local_actor()
    with workspace(ctx) as ws:
        changed = records.change_status(ws, actor, incident_id, VerificationStatus(status), reason=reason)
    echo(f"Incident {incident_id} is {changed.status.value}: {changed.history[-1].reason}")


@incidents.command("source")
@click.argument("incident_id", type=int)
@click.option("--kind", type=click.Choice([k.value for k in SourceKind]), default="organisation", show_default=True)
@click.option("--reference", required=True, help="URL, file, document symbol, or block:ID for a corpus paragraph.")
@click.option("--name", default="", help="Who the source is.")
@click.option("--reliability", type=click.Choice([r.value for r in Reliability]), default="unknown", show_default=True)
@click.option(
    "--independence", type=click.Choice([i.value for i in Independence]), default="secondary", show_default=True
)
@click.option("--group", default="", help="Independence group (sources in one group count once).")
@click.option("--evidence", default="", help="What the source says.")
@click.option(
    "--sensitivity", type=click.Choice([s.value for s in Sensitivity]), default="restricted", show_default=True
)
@click.pass_context
def source(ctx: click.Context, incident_id: int, kind: str, reference: str, name: str, reliability: str,
           independence: str, group: str, evidence: str, sensitivity: str) -> None:  # fmt: skip
    """Attach a source to an incident."""
    block_id = int(reference.split(":", 1)[1]) if kind == "paragraph" and reference.startswith("block:") else None
    found = Source(SourceKind(kind), reference, name, Reliability(reliability), Independence(independence), group,
                   evidence, Sensitivity(sensitivity))  # fmt: skip
    actor = local_actor()
    with workspace(ctx) as ws:
        records.add_source(ws, actor, incident_id, found, block_id=block_id)
    echo(f"Source added to incident {incident_id}.")


@incidents.command("intervene")
@click.argument("incident_id", type=int)
@click.option("--kind", type=click.Choice([k.value for k in InterventionKind]), required=True)
@click.option("--date", "date_", type=DATE, required=True, help="When (YYYY-MM-DD).")
@click.option("--by", default="", help="The mandate or entity that acted (SR-HRD, OHCHR).")
@click.option("--symbol", default="", help="The communication's reference (UA COL 4/2019).")
@click.option("--summary", default="")
@click.option(
    "--sensitivity", type=click.Choice([s.value for s in Sensitivity]), default="confidential", show_default=True
)
@click.pass_context
def intervene(ctx: click.Context, incident_id: int, kind: str, date_: dt.datetime, by: str, symbol: str,
              summary: str, sensitivity: str) -> None:  # fmt: skip
    """Record a UN intervention: a communication, a public statement, a visit, a trial observation."""
    intervention = Intervention(
        InterventionKind(kind), date_.date(), by, symbol, summary, None, Sensitivity(sensitivity)
    )
    actor = local_actor()
    with workspace(ctx) as ws:
        intervention_id = records.add_intervention(ws, actor, incident_id, intervention)
    echo(f"Intervention {intervention_id} recorded for incident {incident_id}.")


@incidents.command("reply")
@click.argument("intervention_id", type=int)
@click.option("--date", "date_", type=DATE, required=True, help="When the State replied (YYYY-MM-DD).")
@click.option("--summary", default="")
@click.pass_context
def reply(ctx: click.Context, intervention_id: int, date_: dt.datetime, summary: str) -> None:
    """Record the State's reply to an intervention."""
    actor = local_actor()
    with workspace(ctx) as ws:
        records.record_reply(ws, actor, intervention_id, StateReply(date_.date(), summary))
    echo(f"Reply recorded for intervention {intervention_id}.")


@incidents.command("propose")
@click.pass_context
def propose(ctx: click.Context) -> None:
    """Propose incidents from corpus paragraphs tagged with an attack type (run hrdmap tag first)."""
    actor = local_actor()
    with workspace(ctx) as ws:
        report = proposals.propose_from_corpus(ws, actor)
    echo(f"{report.proposed} incidents proposed; {report.already} paragraphs were proposed before.")


@incidents.command("review")
@click.argument("incident_id", type=int)
@click.argument("decision", type=click.Choice(["accept", "reject"]))
@click.option("--reason", required=True, help="Why.")
@click.pass_context
def review(ctx: click.Context, incident_id: int, decision: str, reason: str) -> None:
    """Accept or reject a proposed incident (edit it first with hrdmap incidents add --file … if needed)."""
    actor = local_actor()
    with workspace(ctx) as ws:
        changed = proposals.review_proposal(ws, actor, incident_id, accept=decision == "accept", reason=reason)
    echo(f"Incident {incident_id} is {changed.status.value}.")


@incidents.command("duplicates")
@click.option("--threshold", type=float, default=0.2, show_default=True, help="Lowest match probability shown.")
@CLEARANCE
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def duplicates_(ctx: click.Context, threshold: float, clearance: str, as_json: bool) -> None:
    """Propose pairs of incidents that may be one, with the reasons."""
    with workspace(ctx) as ws:
        pairs = duplicates.candidates(ws, local_actor(), clearance=clearance_of(clearance), threshold=threshold)
    if as_json:
        echo_json([views.candidate_pair_view(p) for p in pairs])
        return
    table = Table()
    for column in ("incidents", "probability", "why"):
        table.add_column(column)
    for p in pairs:
        why = "; ".join(f"{r.comparison}: {r.level} ({r.weight:+.1f})" for r in p.reasons)
        table.add_row(f"{p.left} ~ {p.right}", f"{p.probability:.2f}", why)
    stdout().print(table)


@incidents.command("merge")
@click.argument("survivor", type=int)
@click.argument("duplicate", type=int)
@click.option("--reason", default="", help="Why they are one incident.")
@click.pass_context
def merge(ctx: click.Context, survivor: int, duplicate: int, reason: str) -> None:
    """Merge a duplicate into another incident (every source kept; undo with unmerge)."""
    actor = local_actor()
    with workspace(ctx) as ws:
        duplicates.merge(ws, actor, survivor, duplicate, reason=reason)
    echo(f"Incident {duplicate} merged into {survivor}.")


@incidents.command("unmerge")
@click.argument("incident_id", type=int)
@click.pass_context
def unmerge(ctx: click.Context, incident_id: int) -> None:
    """Undo the merge of an incident."""
    actor = local_actor()
    with workspace(ctx) as ws:
        duplicates.unmerge(ws, actor, incident_id)
    echo(f"Incident {incident_id} unmerged.")


@incidents.command("distinct")
@click.argument("left", type=int)
@click.argument("right", type=int)
@click.pass_context
def distinct(ctx: click.Context, left: int, right: int) -> None:
    """Record that two incidents are not duplicates (they are not proposed again)."""
    actor = local_actor()
    with workspace(ctx) as ws:
        duplicates.mark_distinct(ws, actor, left, right)
    echo(f"Incidents {left} and {right} recorded as distinct.")


@incidents.command("export")
@click.argument("output", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice([f.value for f in figures.ExportFormat]), default="csv", show_default=True
)
@click.option("--country", help="ISO3 code.")
@click.option("--status", type=click.Choice([s.value for s in VerificationStatus]))
@click.option("--act", help="Act type.")
@click.option("--from", "start", type=DATE, help="First possible day on or after (YYYY-MM-DD).")
@click.option("--to", "end", type=DATE, help="First possible day on or before (YYYY-MM-DD).")
@CLEARANCE
@click.pass_context
def export(ctx: click.Context, output: Path, fmt: str, country: str | None, status: str | None, act: str | None,
           start: dt.datetime | None, end: dt.datetime | None, clearance: str) -> None:  # fmt: skip
    """Export incidents as CSV, XLSX, JSON (Events Standard Formats shape) or HXL-tagged CSV."""
    query = _filter(country, status, act, start, end, limit=10_000_000)
    with workspace(ctx) as ws:
        count = figures.export_incidents(
            ws, local_actor(), output, figures.ExportFormat(fmt), clearance=clearance_of(clearance), query=query
        )
    scope = "public records only" if clearance == "public" else f"records up to {clearance}"
    echo(f"{count} incidents written to {output} ({scope}).")


@incidents.group("case")
def case() -> None:
    """Cases: a person or group followed across incidents and years."""


@case.command("open")
@click.option("--title", required=True)
@click.option("--subject", required=True, help="The person or group followed.")
@click.option("--incident", "incident_ids", type=int, multiple=True, help="An incident of the case; repeat.")
@click.option(
    "--sensitivity", type=click.Choice([s.value for s in Sensitivity]), default="restricted", show_default=True
)
@click.pass_context
def case_open(ctx: click.Context, title: str, subject: str, incident_ids: tuple[int, ...], sensitivity: str) -> None:
    """Open a case."""
    actor = local_actor()
    with workspace(ctx) as ws:
        case_id = records.open_case(ws, actor, Case(title, subject, incident_ids, sensitivity=Sensitivity(sensitivity)))
    echo(f"Case {case_id} opened.")


@case.command("update")
@click.argument("case_id", type=int)
@click.option("--add-incident", "add_incident", type=int, help="Add this incident to the case.")
@click.option("--status", type=click.Choice([s.value for s in CaseStatus]))
@click.option("--reason", default="", help="Why the status changes.")
@click.pass_context
def case_update(ctx: click.Context, case_id: int, add_incident: int | None, status: str | None, reason: str) -> None:
    """Add an incident to a case or change its status."""
    actor = local_actor()
    with workspace(ctx) as ws:
        records.update_case(ws, actor, case_id, add_incident=add_incident,
                            status=CaseStatus(status) if status else None, reason=reason)  # fmt: skip
    echo(f"Case {case_id} updated.")


@case.command("show")
@click.argument("case_id", type=int)
@CLEARANCE
@click.pass_context
def case_show(ctx: click.Context, case_id: int, clearance: str) -> None:
    """Show a case: its incidents and status history."""
    with workspace(ctx) as ws:
        found = records.get_case_for(ws, local_actor(), case_id, clearance_of(clearance))
    echo_json(views.case_view(found))
