"""The JSON views: every view of a real service result is JSON that reads back to itself, and views are pure.

One data folder is filled once through the services (the example call imported, a corrupt file ingested, the
corpus tagged and reviewed, …); every public view of :mod:`hrdmap.services.views` is applied to what the services
returned. ``json.dumps`` without ``default=`` refuses anything that is not plain JSON (a date, an enum, a path),
and the round trip refuses a tuple where a list belongs.
"""

from __future__ import annotations

import ast
import datetime as dt
import inspect
import json
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from hrdmap.config import Settings
from hrdmap.domain.monitoring.cases import Case
from hrdmap.domain.monitoring.incidents import Intervention, Source, StateReply
from hrdmap.domain.monitoring.vocabulary import (
    CaseStatus,
    InterventionKind,
    Reliability,
    Sensitivity,
    SourceKind,
    VerificationStatus,
)
from hrdmap.domain.tracking import Status
from hrdmap.monitoring.incident_file import incidents_from_file
from hrdmap.monitoring.indicators import IndicatorQuery
from hrdmap.monitoring.mapping import builtin_mappings, load_mapping
from hrdmap.reports.tracker import TrackerView
from hrdmap.services import audit_trail, corpus, drafting, mandates, review, views
from hrdmap.services.calls import manage as call_service
from hrdmap.services.calls.importing import import_call
from hrdmap.services.corpus import SearchFilters
from hrdmap.services.evaluation import evaluate_labelled
from hrdmap.services.ingest import ingest
from hrdmap.services.monitoring import duplicates, figures, importing, records
from hrdmap.services.recommendations import follow_up
from hrdmap.services.store_copy import migrate_store
from hrdmap.services.tagging import tag_documents
from hrdmap.services.workspace import Workspace, open_workspace
from hrdmap.storage.batches import BatchItem, ItemStatus
from tests.actors import TESTER

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
KEY = "hrd-assessment-2026"
VIEWS_DIR = Path(views.__file__).parent
#: Cheap taggers: enough to give paragraphs tags with evidence, reviews and effective labels.
TAGGERS = ("gazetteer", "statement-kind")

#: View name → closures applying that view to results the services returned.
Calls = dict[str, list[Callable[[], object]]]
Rendered = dict[str, list[object]]


def _corpus_views(ws: Workspace, folder: Path) -> Calls:
    corrupt = folder / "corrupt.pdf"
    corrupt.write_bytes(b"%PDF-1.4 broken")
    report = ingest(ws, TESTER, [EXAMPLES / "corpus" / "undp-contribution-en.html", corrupt])
    failed = corpus.failed_files(ws, TESTER)
    listed = corpus.list_documents(ws, TESTER)
    loaded = corpus.load(ws, TESTER, "A/HRC/EX/1")
    tagged = review.block_tags(ws, TESTER, loaded.stored.version_id)
    found = corpus.search(ws, TESTER, "defenders", SearchFilters(limit=5))
    items = [i for b in report.batches for i in b.items]
    effective = [t for block in tagged.values() for t in block.tags]
    return {
        "ingest_report_view": [lambda: views.ingest_report_view(report)],
        "status_counts": [lambda: views.status_counts(report.counts), lambda: views.status_counts(Counter())],
        "batch_item_view": [lambda i=i: views.batch_item_view(i) for i in items],
        "failed_file_view": [lambda f=f: views.failed_file_view(f) for f in failed],
        "document_view": [lambda d=d: views.document_view(d) for d in listed],
        "block_view": [lambda b=b: views.block_view(b, tagged.get(b.index)) for b in loaded.document.blocks],
        "footnote_view": [lambda f=f: views.footnote_view(f) for f in loaded.document.footnotes],
        "loaded_document_view": [
            lambda: views.loaded_document_view(loaded, tagged),
            lambda: views.loaded_document_view(loaded),
        ],
        "search_result_view": [lambda r=r: views.search_result_view(r) for r in found],
        "effective_tag_view": [lambda t=t: views.effective_tag_view(t) for t in effective],
    }


def _tag_views(ws: Workspace, folder: Path) -> Calls:
    report = tag_documents(ws, TESTER, (), TAGGERS)
    queue = review.review_queue(ws, TESTER, limit=5)
    first, second = queue[0], queue[1]
    decisions = [
        review.accept(ws, TESTER, first.tag.id, "fine"),
        review.reject(ws, TESTER, second.tag.id),
        review.add_label(ws, TESTER, first.tag.block_id, "hrd-areas", "G"),
    ]
    labels = folder / "labels.csv"
    labels.write_text(
        'text,labels\n"Protect human rights defenders from reprisals.","Human rights defenders"\n'
        '"Investigate the killings of journalists and media workers.","Freedom of the press"\n',
        encoding="utf-8",
    )
    evaluation = evaluate_labelled(
        ws.settings, labels, framework="upr-info-themes", zero_shot=True, framework_dirs=[EXAMPLES / "frameworks"]
    )
    evidence = [e for item in queue for e in item.tag.tag.evidence]
    return {
        "tagging_report_view": [lambda: views.tagging_report_view(report)],
        "queue_item_view": [lambda q=q: views.queue_item_view(q) for q in queue],
        "tag_view": [lambda q=q: views.tag_view(q.tag) for q in queue],
        "evidence_view": [lambda e=e: views.evidence_view(e) for e in evidence],
        "review_view": [lambda d=d: views.review_view(d) for d in decisions],
        "evaluation_view": [lambda: views.evaluation_view(evaluation)],
    }


def _call_views(ws: Workspace, folder: Path) -> Calls:
    imported = import_call(ws, TESTER, EXAMPLES / "call.yaml")  # again: everything unchanged
    listed = call_service.list_calls(ws, TESTER)
    status = call_service.call_status_view(ws, TESTER, KEY, as_of=dt.date(2026, 6, 1))
    stakeholders = call_service.list_stakeholders(ws, TESTER)
    contacts = call_service.stakeholder_contacts(ws, TESTER, [s.key for s in stakeholders])
    drafted = drafting.draft(ws, TESTER, KEY, folder / "draft", formats=[drafting.DraftFormat.HTML])
    return {
        "call_import_view": [lambda: views.call_import_view(imported)],
        "call_view": [lambda c=c: views.call_view(c) for c in listed],
        "call_status_view": [lambda: views.call_status_view(status)],
        "stakeholder_view": [lambda s=s: views.stakeholder_view(s) for s in stakeholders]
        + [lambda s=s: views.stakeholder_view(s, contacts) for s in stakeholders],
        "draft_view": [lambda: views.draft_view(drafted)],
    }


def _mandate_views(ws: Workspace, folder: Path) -> Calls:
    added = mandates.add_resolution(ws, TESTER, FIXTURES / "mandates" / "hrc-22-6-defenders.txt")
    added_file = mandates.add_resolutions(ws, TESTER, FIXTURES / "mandates" / "hrc-22-6-defenders.txt")
    requests = mandates.list_requests(ws, TESTER)
    shown = mandates.show_resolution(ws, TESTER, "A/RES/EX/1")
    links = mandates.link_answers(ws, TESTER)
    return {
        "added_resolution_view": [lambda: views.added_resolution_view(added)],
        "added_resolutions_view": [lambda: views.added_resolutions_view([added], ["x.txt: no operative paragraph"])],
        "added_files_view": [lambda: views.added_files_view([added_file], ["x.txt: no operative paragraph"])],
        "request_view": [lambda r=r: views.request_view(r) for r in requests],
        "resolution_view": [lambda: views.resolution_view(shown)],
        "new_link_view": [lambda n=n: views.new_link_view(n) for n in links],
    }


def _recommendation_views(ws: Workspace, folder: Path) -> Calls:
    extracted = follow_up.extract_from_corpus(ws, TESTER)
    first = follow_up.list_recommendations(ws, TESTER)[0]
    follow_up.record_status(ws, TESTER, first.id, Status.IMPLEMENTED, date=dt.date(2025, 3, 1), evidence="a law")
    listed = follow_up.list_recommendations(ws, TESTER)
    groups = [g for by in TrackerView for g in follow_up.tracker_view(ws, TESTER, by)]
    exported = folder / "recommendations.csv"
    follow_up.export_tracker(ws, TESTER, exported, follow_up.ExportFormat.CSV)
    imported = follow_up.import_file(ws, TESTER, exported)
    return {
        "extraction_view": [lambda e=e: views.extraction_view(e) for e in extracted],
        "recommendation_view": [lambda r=r: views.recommendation_view(r) for r in listed],
        "tracker_group_view": [lambda g=g: views.tracker_group_view(g) for g in groups],
        "recommendation_import_view": [lambda: views.recommendation_import_view(imported)],
        "recommendation_imports_view": [lambda: views.recommendation_imports_view([imported], ["y.csv: empty"])],
    }


def _kenya(folder: Path) -> Path:
    """Kenya: a public threat a month through 2018, then eight in March 2019 (a warning); one restricted."""
    days = [f"2018-{m:02d}-10" for m in range(1, 13)] + [f"2019-03-{d:02d}" for d in range(1, 9)]
    found = [
        {
            "title": f"Threat against a defender (fictional) {n}",
            "date": day,
            "country": "KEN",
            "sensitivity": "restricted" if n == 15 else "public",
            "acts": ["threats"],
            "victims": [{"name": f"Fictional Person {n}", "sex": "female", "age": 30 + n, "roles": ["defenders"]}],
            "perpetrators": [{"type": "unknown"}],
            "sources": [{"kind": "organisation", "name": "A fictional NGO", "reference": f"ken-{n}"}],
        }
        for n, day in enumerate(days, start=1)
    ]
    path = folder / "kenya.json"
    path.write_text(json.dumps({"incidents": found}), "utf-8")
    return path


def _monitoring_views(ws: Workspace, folder: Path) -> Calls:
    ids = [records.add_incident(ws, TESTER, i) for i in incidents_from_file(_kenya(folder))]
    first = ids[0]
    records.add_source(ws, TESTER, first, Source(SourceKind.PARAGRAPH, "block:1", "A report", Reliability.HIGH))
    records.change_status(ws, TESTER, first, VerificationStatus.UNDER_VERIFICATION, reason="assigned")
    done = Intervention(InterventionKind.COMMUNICATION, dt.date(2018, 2, 1), "SR-HRD", "UA KEN 1/2018")
    intervention = records.add_intervention(ws, TESTER, first, done)
    records.record_reply(ws, TESTER, intervention, StateReply(dt.date(2018, 3, 1), "denied"))
    gdelt = load_mapping(builtin_mappings()["gdelt-events"])
    imported = importing.import_list(ws, TESTER, FIXTURES / "monitoring" / "gdelt-events-fictional.tsv", gdelt)
    case_id = records.open_case(ws, TESTER, Case("Case (fictional)", "F. P.", (first,)))
    records.update_case(ws, TESTER, case_id, status=CaseStatus.FOLLOW_UP, reason="reply awaited")
    case = records.get_case_for(ws, TESTER, case_id, Sensitivity.CONFIDENTIAL)
    figures.acknowledge(ws, TESTER, "KEN", "2019-03", note="seen", intervention_id=intervention)
    warned = figures.early_warnings(ws, TESTER, as_of=dt.date(2019, 3, 31), clearance=Sensitivity.CONFIDENTIAL)
    by = ("year", "country", "sex")
    table = figures.indicator_table(ws, TESTER, Sensitivity.CONFIDENTIAL)
    try:
        cells = table.count(IndicatorQuery(acts=("threats", "killing"), by=by))
    finally:
        table.close()
    listed = records.list_incidents(ws, TESTER, records.IncidentFilter(), Sensitivity.CONFIDENTIAL)
    pairs = duplicates.candidates(ws, TESTER, threshold=0.0)
    return {
        "incident_view": [lambda i=i: views.incident_view(i) for i in listed],
        "incident_row_view": [lambda i=i: views.incident_row_view(i) for i in listed],
        "added_incidents_view": [lambda: views.added_incidents_view(ids)],
        "incident_import_view": [lambda: views.incident_import_view(imported)],
        "candidate_pair_view": [lambda p=p: views.candidate_pair_view(p) for p in pairs[:20]],
        "case_view": [lambda: views.case_view(case)],
        "cell_view": [lambda c=c: views.cell_view(c, by) for c in cells]
        + [lambda c=c: views.cell_view(c, by, 3) for c in cells],
        "warning_view": [lambda w=w: views.warning_view(w) for w in warned],
    }


def _store_views(ws: Workspace, folder: Path) -> Calls:
    done = migrate_store(TESTER, ws.settings.store_url, f"sqlite:///{folder}/copy.sqlite3")
    return {"store_copy_view": [lambda: views.store_copy_view(done)]}


def _audit_views(ws: Workspace, folder: Path) -> Calls:
    report = audit_trail.verify(ws, TESTER)
    latest = audit_trail.entries(ws, TESTER, limit=2)
    return {
        "audit_entry_view": [lambda e=e: views.audit_entry_view(e) for e in latest],
        "chain_report_view": [lambda: views.chain_report_view(report)],
    }


#: What builds each subject's views, in the order they run (reviews before the corpus views that show them).
SUBJECTS: tuple[Callable[[Workspace, Path], Calls], ...] = (
    _tag_views,
    _corpus_views,
    _call_views,
    _mandate_views,
    _recommendation_views,
    _monitoring_views,
    _store_views,
    _audit_views,
)


@pytest.fixture(scope="module")
def calls(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Calls]:
    """Every public view, ready to apply to the results of real services on one data folder."""
    folder = tmp_path_factory.mktemp("views")
    with open_workspace(Settings(home=folder / "home")) as ws:
        import_call(ws, TESTER, EXAMPLES / "call.yaml")
        found: Calls = {}
        for subject in SUBJECTS:
            found |= subject(ws, folder)
        yield found


@pytest.fixture(scope="module")
def rendered(calls: Calls) -> Rendered:
    """Every public view of the services' results."""
    return {name: [view() for view in found] for name, found in calls.items()}


def test_every_public_view_is_exercised(rendered: Rendered) -> None:
    assert sorted(rendered) == sorted(views.__all__)
    assert [name for name, shown in rendered.items() if not shown] == []


@pytest.mark.parametrize("name", sorted(views.__all__))
def test_a_view_is_plain_json_that_reads_back_to_itself(rendered: Rendered, name: str) -> None:
    for view in rendered[name]:
        assert json.loads(json.dumps(view, ensure_ascii=False)) == view


def test_monitoring_views_show_the_warning_its_acknowledgement_and_suppressed_figures(rendered: Rendered) -> None:
    [warning] = rendered["warning_view"]
    assert isinstance(warning, dict) and warning["series"] == "KEN" and warning["period"] == "2019-03"
    acknowledged = warning["acknowledged"]
    assert isinstance(acknowledged, dict) and acknowledged["by"] == "tester" and acknowledged["intervention"] == 1
    assert {"<3"} <= {c["victims"] for c in rendered["cell_view"] if isinstance(c, dict)}
    [case] = rendered["case_view"]
    assert isinstance(case, dict) and [h["status"] for h in case["history"]] == ["open", "follow-up"]
    [shown] = [v for v in rendered["incident_view"] if isinstance(v, dict) and v["interventions"]]
    assert shown["interventions"][0]["reply"] == {"date": "2018-03-01", "summary": "denied"}


def test_views_name_times_in_iso_8601_and_enums_by_value(rendered: Rendered) -> None:
    [report] = rendered["ingest_report_view"]
    assert isinstance(report, dict)
    assert report["counts"] == {"stored": 0, "unchanged": 1, "failed": 1, "unpacked": 0}
    [failed] = rendered["failed_file_view"]
    assert isinstance(failed, dict) and failed["status"] == "failed"
    assert isinstance(failed["at"], str) and failed["at"].endswith("+00:00")


def test_counts_name_every_finished_outcome_and_never_pending() -> None:
    counts = views.status_counts(Counter({ItemStatus.STORED: 2, ItemStatus.PENDING: 5}))
    assert counts == {"stored": 2, "unchanged": 0, "failed": 0, "unpacked": 0}


def test_a_failure_carries_its_batch_and_time() -> None:
    at = dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC)
    item = BatchItem(7, 3, "/in/a.pdf", ItemStatus.FAILED, "broken", "corrupt", None, at)
    assert views.failed_file_view(item) == {
        "path": "/in/a.pdf",
        "status": "failed",
        "reason": "broken",
        "error_code": "corrupt",
        "version_id": None,
        "batch_id": 3,
        "at": "2026-03-01T09:30:00+00:00",
    }


def _modules() -> list[Path]:
    return sorted(VIEWS_DIR.glob("*.py"))


#: What a views module may import: records and the services' results, never a driver, a file or the network.
ALLOWED = ("__future__", "collections.abc", "typing", "hrdmap.domain.", "hrdmap.services.", "hrdmap.storage.")
#: Modules of lower layers that hold records or constants only.
RECORDS = (
    "hrdmap.search.base",
    "hrdmap.analyse.classifier.evaluation",
    "hrdmap.reports.tracker",
    "hrdmap.monitoring.dedup",
    "hrdmap.monitoring.indicators",
)


@pytest.mark.parametrize("path", _modules(), ids=lambda p: p.name)
def test_a_views_module_imports_records_only_and_names_no_file_or_sql(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imported = {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    imported |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    lazy = ("importlib",) if path.name == "__init__.py" else ()  # the package imports a module on first use
    wrong = [m for m in imported if not (m.startswith(ALLOWED) or m in RECORDS + lazy) or "sqlite" in m]
    assert wrong == []
    names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
    names |= {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
    assert names & {"open", "Path", "execute", "executescript", "read_text", "read_bytes", "write_text"} == set()
    texts = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
    assert [t for t in texts if re.search(r"\b(SELECT|INSERT|UPDATE|DELETE)\b", t)] == []


def test_no_view_takes_a_workspace_or_a_store() -> None:
    for name in views.__all__:
        for parameter in inspect.signature(getattr(views, name)).parameters.values():
            assert not re.search(r"\b(Workspace|Store|Settings)\b", str(parameter.annotation)), name


_OPENED: list[str] = []
_WATCHING: list[bool] = []


def _watch(event: str, args: tuple[object, ...]) -> None:
    if _WATCHING and (event in ("open", "os.listdir", "os.scandir") or event.startswith(("sqlite3.", "socket."))):
        _OPENED.append(f"{event} {args[:1]}")


def test_applying_every_view_opens_no_file_database_or_socket(calls: Calls) -> None:
    """Views read only what they are given: applied again to the services' results, they open nothing."""
    sys.addaudithook(_watch)  # a hook stays for the process: this one records only while _WATCHING is set
    _WATCHING.append(True)
    try:
        applied = [view() for found in calls.values() for view in found]
    finally:
        _WATCHING.clear()
    assert applied and _OPENED == []
