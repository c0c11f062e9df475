"""``hrdmap calls`` and ``hrdmap stakeholders`` as a user runs them."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import yaml
from click.testing import Result

Invoke = Callable[..., Result]

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
CALL_YAML = str(EXAMPLES / "call.yaml")
KEY = "hrd-assessment-2026"


def contacts() -> list[str]:
    return [s["contact"] for s in yaml.safe_load(Path(CALL_YAML).read_text(encoding="utf-8"))["stakeholders"]]


def test_import_status_and_page_never_print_a_contact(invoke: Invoke, tmp_path: Path) -> None:
    imported = invoke("calls", "import", CALL_YAML)
    assert imported.exit_code == 0, imported.output
    assert "contributions: 11 created" in imported.output
    status = invoke("calls", "status", KEY, "--as-of", "2026-06-01", "--json")
    found = json.loads(status.output)
    assert [x["stakeholder"] for x in found["late"]] == [
        "civic-space-centre",
        "holy-see",
        "ombudsperson-gw",
        "portugal",
    ]
    assert found["sentence"].startswith("Contributions were received from 11 stakeholders: 3 States (Costa Rica,")
    assert {c["consent"] for c in found["contributions"]} == {"public", "confidential"}
    text = invoke("calls", "status", KEY, "--as-of", "2026-06-01")
    assert "Portugal" in text.output and "after the deadline: UN-Women" in text.output
    listed = invoke("stakeholders", "list", "--json")
    assert len(json.loads(listed.output)) == 15
    page = invoke("calls", "page", KEY, "--output", str(tmp_path / "site" / "inputs.html"))
    assert page.exit_code == 0, page.output
    printed = imported.output + status.output + text.output + listed.output + page.output
    printed += (tmp_path / "site" / "inputs.html").read_text(encoding="utf-8")
    for contact in contacts():
        assert contact not in printed


def test_contacts_are_printed_only_when_asked(invoke: Invoke) -> None:
    invoke("calls", "import", CALL_YAML)
    plain = invoke("stakeholders", "list", "--type", "member_state")
    assert "Norway" in plain.output and "@" not in plain.output
    shown = json.loads(invoke("stakeholders", "list", "--type", "member_state", "--show-contacts", "--json").output)
    assert {s["key"]: s["contact"] for s in shown}["norway"] == "norway-mission@example.org"
    assert {s["type"] for s in shown} == {"member_state"}


def test_a_bad_call_file_exits_2_naming_file_entry_and_field(invoke: Invoke, tmp_path: Path) -> None:
    bad = tmp_path / "call.yaml"
    bad.write_text(
        "version: 1\ncall: {id: c, title: T, deadline: 2026-04-30}\n"
        "stakeholders:\n  - {id: a, name: A, type: ngo}\n  - {id: b, name: B, type: ngoo}\n",
        encoding="utf-8",
    )
    result = invoke("calls", "import", str(bad))
    assert result.exit_code == 2
    assert f"{bad}: stakeholders[1].type: 'ngoo' is not one of member_state, observer_state" in result.output


def test_the_granular_commands_build_a_call_by_hand(invoke: Invoke, tmp_path: Path) -> None:
    created = invoke(
        "calls", "add", "c1", "--title", "Call for inputs: reprisals", "--deadline", "2026-04-30",
        "--symbol", "A/HRC/RES/36/21", "--paragraph", "12", "--language", "en",
    )  # fmt: skip
    assert created.exit_code == 0, created.output
    assert invoke("calls", "add", "c1", "--title", "again", "--deadline", "2026-04-30").exit_code == 2
    added = invoke("stakeholders", "add", "chile", "--name", "Chile", "--type", "member_state", "--country", "CHL",
                   "--contact", "chile@example.org")  # fmt: skip
    assert "stakeholder chile: created" in added.output
    assert invoke("stakeholders", "add", "x", "--name", "X", "--type", "ngo", "--country", "Atlantis").exit_code == 2
    assert invoke("stakeholders", "add", "y", "--name", "Y", "--type", "ngo", "--accreditation", "A").exit_code == 2
    sent = invoke("calls", "request", "c1", "chile", "--date", "2026-03-02", "--channel", "note_verbale")
    assert sent.output.strip() == "request recorded"
    again = invoke("calls", "request", "c1", "chile", "--date", "2026-03-02", "--channel", "note_verbale")
    assert again.output.strip() == "request was recorded already"
    assert invoke("calls", "request", "c1", "nobody", "--date", "2026-03-02", "--channel", "letter").exit_code == 2
    file = tmp_path / "chile.txt"
    file.write_text("Contribution of Chile\n\n1. Chile supports defenders through its national mechanism.\n")
    got = invoke("calls", "contribution", "c1", "chile", str(file), "--received", "2026-04-29", "--consent", "public")
    assert got.exit_code == 0, got.output
    assert "chile.txt: contribution 1 created, documents 1" in got.output
    found = json.loads(invoke("calls", "status", "c1", "--as-of", "2026-05-01", "--json").output)
    assert found["answered"] == ["chile"]
    assert found["contributions"][0]["language"] == "en"
    assert found["call"]["mandate"]["paragraphs"] == [12]
    assert found["sentence"] == "Contributions were received from one State (Chile)."
    assert "chile@example.org" not in json.dumps(found)
    listed = invoke("calls", "list")
    assert listed.output.startswith("c1\t2026-04-30\tCall for inputs: reprisals")


def test_an_unknown_call_is_refused(invoke: Invoke) -> None:
    result = invoke("calls", "status", "nope")
    assert result.exit_code == 2
    assert "no call 'nope' in the registry" in result.output
