"""Importing the example call: the registry matches call.yaml, re-import changes nothing, bad files write nothing."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from hrdmap.config import DATABASE_FILE, Settings
from hrdmap.domain.calls import Consent, StakeholderType
from hrdmap.readers.call_file import CallFileError
from hrdmap.services.calls import manage as calls
from hrdmap.services.calls.importing import ImportReport, import_call
from hrdmap.services.workspace import Workspace, open_workspace
from hrdmap.storage.calls import Change
from tests.actors import TESTER

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
CALL_YAML = EXAMPLES / "call.yaml"
KEY = "hrd-assessment-2026"
AFTER = dt.date(2026, 6, 1)


@pytest.fixture(scope="module")
def spec() -> dict:
    return yaml.safe_load(CALL_YAML.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Workspace, ImportReport]]:
    """The example call imported once into a fresh data folder."""
    settings = Settings(home=tmp_path_factory.mktemp("calls") / "home")
    with open_workspace(settings) as ws:
        yield ws, import_call(ws, TESTER, CALL_YAML)


def rows(ws: Workspace, sql: str) -> list[sqlite3.Row]:
    conn = sqlite3.connect(ws.settings.home / DATABASE_FILE)
    conn.row_factory = sqlite3.Row
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_the_import_creates_everything_call_yaml_lists(imported: tuple[Workspace, ImportReport], spec: dict) -> None:
    _, report = imported
    assert report.call is Change.CREATED
    assert report.stakeholders == Counter({Change.CREATED: len(spec["stakeholders"])})
    assert report.requests == len(spec["requests"])
    assert report.contributions == Counter({Change.CREATED: len(spec["contributions"])})
    assert report.warnings == ()
    assert all(f.document_ids for f in report.files)


def test_status_counts_match_call_yaml(imported: tuple[Workspace, ImportReport], spec: dict) -> None:
    ws, _ = imported
    found = calls.call_status_view(ws, TESTER, KEY, as_of=AFTER)
    types = {s["id"]: s["type"] for s in spec["stakeholders"]}
    contributors = {c["stakeholder"] for c in spec["contributions"]}
    expected = Counter(StakeholderType(types[k]) for k in contributors)
    assert found.status.answered_by_type == expected
    assert {s.key for s in found.status.asked} == {r["stakeholder"] for r in spec["requests"]}
    states = sorted(s["name"] for s in spec["stakeholders"] if s["id"] in contributors and "state" in s["type"])
    assert found.sentence == (
        f"Contributions were received from {len(contributors)} stakeholders: "
        f"{len(states)} States (Costa Rica, Côte d'Ivoire and Norway), "
        f"{expected[StakeholderType.UN_ENTITY]} United Nations entities, 1 national human rights institution, "
        f"1 regional organization and {expected[StakeholderType.NGO]} civil society organizations."
    )


def test_the_late_are_the_four_who_did_not_answer(imported: tuple[Workspace, ImportReport]) -> None:
    ws, _ = imported
    late = calls.call_status_view(ws, TESTER, KEY, as_of=AFTER).status.late
    assert [(x.stakeholder.key, x.reminded) for x in late] == [
        ("civic-space-centre", True),
        ("holy-see", False),
        ("ombudsperson-gw", True),
        ("portugal", False),
    ]
    before = calls.call_status_view(ws, TESTER, KEY, as_of=dt.date(2026, 4, 30)).status
    assert before.late == ()
    assert len(before.awaiting) == 4


def test_contributions_after_the_deadline(imported: tuple[Workspace, ImportReport], spec: dict) -> None:
    ws, _ = imported
    late = calls.call_status_view(ws, TESTER, KEY, as_of=AFTER).status.after_deadline
    deadline = spec["call"]["deadline"]
    assert sorted(c.stakeholder for c in late) == sorted(
        c["stakeholder"] for c in spec["contributions"] if c["received"] > deadline
    )


def test_an_e_mail_contribution_holds_its_attachment(imported: tuple[Workspace, ImportReport]) -> None:
    ws, _ = imported
    view = calls.get_call(ws, TESTER, KEY)
    (mail,) = [c for c in view.contributions if c.stakeholder == "tierra-viva"]
    sources = [ws.store.documents.get(i).source for i in mail.document_ids]  # type: ignore[union-attr]
    assert [Path(s).name for s in sources] == [
        "tierra-viva-contribucion.eml",
        "tierra-viva-contribucion.eml!contribucion-tierra-viva.docx",
    ]
    assert mail.consent is Consent.CONFIDENTIAL
    assert mail.language == "es"


def test_each_contribution_points_at_its_document(imported: tuple[Workspace, ImportReport], spec: dict) -> None:
    ws, _ = imported
    view = calls.get_call(ws, TESTER, KEY)
    by_file = {Path(c.source).name: c for c in view.contributions}
    for entry in spec["contributions"]:
        contribution = by_file[Path(entry["file"]).name]
        document = ws.store.documents.get(contribution.document_ids[0])
        assert document is not None and Path(document.source).name == Path(entry["file"]).name
        assert (contribution.stakeholder, contribution.received, contribution.consent.value) == (
            entry["stakeholder"],
            entry["received"],
            entry["consent"],
        )


def test_the_call_is_linked_to_the_registered_resolution(imported: tuple[Workspace, ImportReport]) -> None:
    ws, _ = imported
    stored = calls.get_call(ws, TESTER, KEY).stored
    assert stored.resolution_id is not None
    assert stored.call.mandate is not None and stored.call.mandate.paragraphs == (16, 17)


def test_re_import_changes_nothing(imported: tuple[Workspace, ImportReport]) -> None:
    ws, _ = imported
    before = len(rows(ws, "SELECT id FROM audit"))
    tables = ("calls", "stakeholders", "call_requests", "contributions", "contribution_documents", "documents")
    counts = {t: len(rows(ws, f"SELECT 1 FROM {t}")) for t in tables}  # noqa: S608
    again = import_call(ws, TESTER, CALL_YAML)
    assert again.call is Change.UNCHANGED
    assert set(again.stakeholders) == {Change.UNCHANGED}
    assert again.requests == 0
    assert set(again.contributions) == {Change.UNCHANGED}
    assert {t: len(rows(ws, f"SELECT 1 FROM {t}")) for t in tables} == counts  # noqa: S608
    actions = [r["action"] for r in rows(ws, f"SELECT action FROM audit WHERE id > {before}")]  # noqa: S608
    assert "call.imported" in actions
    assert not [a for a in actions if a.startswith(("call.created", "call.updated", "stakeholder.", "contribution."))]


def test_every_change_has_an_audit_entry(imported: tuple[Workspace, ImportReport], spec: dict) -> None:
    ws, _ = imported
    actions = Counter(r["action"] for r in rows(ws, "SELECT action FROM audit"))
    assert actions["call.created"] == 1
    assert actions["stakeholder.created"] == len(spec["stakeholders"])
    assert actions["stakeholder.contact_set"] == len(spec["stakeholders"])
    assert actions["call.request_recorded"] == len(spec["requests"])
    assert actions["contribution.created"] == len(spec["contributions"])
    assert actions["contribution.linked"] == len(spec["contributions"])


def test_contacts_are_in_no_audit_entry_and_no_view(imported: tuple[Workspace, ImportReport], spec: dict) -> None:
    ws, _ = imported
    contacts = [s["contact"] for s in spec["stakeholders"]]
    audit = json.dumps([dict(r) for r in rows(ws, "SELECT * FROM audit")], ensure_ascii=False)
    view = calls.get_call(ws, TESTER, KEY)
    status = calls.call_status_view(ws, TESTER, KEY, as_of=AFTER)
    shown = repr(view) + repr(calls.list_stakeholders(ws, TESTER)) + repr(status)
    for contact in contacts:
        assert contact not in audit
        assert contact not in shown.replace(view.call.contact or "\0", "")


def test_contacts_come_through_their_door_only_and_the_reading_is_audited(
    imported: tuple[Workspace, ImportReport],
) -> None:
    ws, _ = imported
    assert calls.stakeholder_contacts(ws, TESTER, ["norway", "undp"]) == {
        "norway": "norway-mission@example.org",
        "undp": "undp-rule-of-law@example.org",
    }
    last = rows(ws, "SELECT * FROM audit ORDER BY id DESC LIMIT 1")[0]
    assert last["action"] == "stakeholder.contacts_viewed" and last["actor"] == "tester"
    assert "example.org" not in last["detail"]


# Bad files


def broken_copy(tmp_path: Path, old: str, new: str) -> Path:
    """A copy of the example folder whose call.yaml has ``old`` replaced by ``new``."""
    folder = tmp_path / "example"
    shutil.copytree(EXAMPLES, folder)
    path = folder / "call.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ("type: ngo\n", "type: ngoo\n", "stakeholders[11].type: 'ngoo' is not one of member_state, observer_state"),
        ("consent: public", "consent: maybe", "contributions[0].consent: 'maybe' is not one of public, confidential"),
        ("stakeholder: undp, date", "stakeholder: undpp, date", "requests[6].stakeholder: 'undpp' is not the id"),
        ("deadline: 2026-04-30", "deadline: 2026-04-31", "call.deadline: '2026-04-31' is not a date (YYYY-MM-DD)"),
        ("file: corpus/norway", "file: corpus/nowhere", "contributions[3].file: 'corpus/nowhere-contribution-en.docx'"),
        ("country: Kenya", "country: Wakanda", "stakeholders[11].country: 'Wakanda' is not a country"),
        ("channel: letter}", "channel: fax}", "requests[5].channel: 'fax' is not one of note_verbale, letter, email"),
        ("    language: ar\n", "    langauge: ar\n", "contributions[2].langauge: unknown key"),
        ("accreditation: B", "accreditation: C", "stakeholders[9].accreditation: 'C' is not one of A, B, none"),
    ],
)
def test_a_bad_entry_is_named_by_file_entry_and_field(tmp_path: Path, old: str, new: str, problem: str) -> None:
    path = broken_copy(tmp_path, old, new)
    with pytest.raises(CallFileError) as caught:
        import_call(Workspace(Settings(home=tmp_path / "unused"), None), TESTER, path)  # type: ignore[arg-type]
    assert any(line.startswith(f"{path}: {problem}") for line in caught.value.problems), caught.value.problems


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    path = broken_copy(tmp_path, "type: ngo\n", "type: ngoo\n")
    path.write_text(path.read_text(encoding="utf-8").replace("consent: public", "consent: maybe"), encoding="utf-8")
    with pytest.raises(CallFileError) as caught:
        import_call(Workspace(Settings(home=tmp_path / "unused"), None), TESTER, path)  # type: ignore[arg-type]
    assert len(caught.value.problems) == 10  # the type, and the consent of 9 public contributions


def test_a_bad_contact_is_not_repeated_in_the_message(tmp_path: Path) -> None:
    path = broken_copy(tmp_path, "contact: norway-mission@example.org", "contact: ['norway-secret@example.org']")
    with pytest.raises(CallFileError) as caught:
        import_call(Workspace(Settings(home=tmp_path / "unused"), None), TESTER, path)  # type: ignore[arg-type]
    assert "stakeholders[0].contact: must be non-empty text" in str(caught.value)
    assert "norway-secret" not in str(caught.value)


def test_a_bad_file_leaves_nothing_written(workspace: Workspace, tmp_path: Path) -> None:
    path = broken_copy(tmp_path, "consent: confidential", "consent: secret")
    with pytest.raises(CallFileError):
        import_call(workspace, TESTER, path)
    for table in ("calls", "stakeholders", "contributions", "documents", "audit"):
        assert rows(workspace, f"SELECT 1 FROM {table}") == [], table  # noqa: S608


def test_not_yaml_is_one_clear_line(tmp_path: Path) -> None:
    path = tmp_path / "call.yaml"
    path.write_text("call: [unclosed\n", encoding="utf-8")
    with pytest.raises(CallFileError, match=r"call.yaml: not valid YAML at line 2"):
        import_call(Workspace(Settings(home=tmp_path / "unused"), None), TESTER, path)  # type: ignore[arg-type]


def test_an_unreadable_file_is_recorded_without_a_document(workspace: Workspace, tmp_path: Path) -> None:
    path = broken_copy(tmp_path, "call:\n", "call:\n")
    (path.parent / "corpus" / "east-african-defenders-link.txt").write_bytes(b"")
    report = import_call(workspace, TESTER, path)
    (failed,) = report.failed_files
    assert failed.path.name == "east-african-defenders-link.txt"
    assert any("east-african-defenders-link.txt" in w and "without a document" in w for w in report.warnings)
    (eadl,) = [c for c in calls.get_call(workspace, TESTER, KEY).contributions if c.stakeholder == "eadl"]
    assert eadl.document_ids == ()


def test_a_failure_while_writing_the_registry_leaves_it_as_it_was(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    import hrdmap.services.calls.importing as module

    written = []

    def failing(*args: object, **kwargs: object) -> object:
        if len(written) == 3:
            raise RuntimeError("disk full")
        written.append(args)
        return calls.save_contribution(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(module, "save_contribution", failing)
    with pytest.raises(RuntimeError, match="disk full"):
        import_call(workspace, TESTER, CALL_YAML)
    for table in ("calls", "stakeholders", "stakeholder_contacts", "call_requests", "contributions"):
        assert rows(workspace, f"SELECT 1 FROM {table}") == [], table  # noqa: S608
    assert not [r for r in rows(workspace, "SELECT action FROM audit") if r["action"].startswith(("call.", "contrib"))]
