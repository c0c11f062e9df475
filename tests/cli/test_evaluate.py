"""``hrdmap evaluate``: a table or JSON of per-label scores; bad files exit 2 naming the line and field."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from hrdmap.cli.main import COMMANDS, cli

DOCS = Path(__file__).resolve().parents[2] / "docs" / "evaluation.md"

ROWS = [
    ("Protect human rights defenders from reprisals.", "Human rights defenders"),
    ("Investigate the killings of journalists and media workers.", "Freedom of the press"),
    ("Combat violence against women.", "Women's rights"),
    ("Ratify the Convention on enforced disappearance.", "Enforced disappearances"),
]


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def labels(tmp_path: Path) -> Path:
    path = tmp_path / "labels.csv"
    lines = ["id,text,labels"] + [f'{i},"{text}",{label}' for i, (text, label) in enumerate(ROWS)]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def test_evaluate_prints_a_table_of_labels_with_averages(labels: Path) -> None:
    result = run("evaluate", "--labels", str(labels))
    assert result.exit_code == 0, result.output
    assert "upr-info-themes: zero-shot, 4 texts" in result.stdout
    assert re.search(r"^human-rights-defenders +zero-shot +[01]\.\d{3}", result.stdout, re.MULTILINE)
    assert "macro" in result.stdout and "micro" in result.stdout


def test_evaluate_json_fits_on_training_rows(tmp_path: Path) -> None:
    path = tmp_path / "labels.jsonl"
    rows = [{"text": f"Protect the defenders of region {i}.", "labels": ["Human rights defenders"], "split": "train"}
            for i in range(10)]
    rows += [{"text": f"Build {i} new roads.", "labels": [], "split": "train"} for i in range(10)]
    rows += [{"text": "Protect defenders in the north.", "labels": ["Human rights defenders"], "split": "test"}]
    path.write_text("\n".join(json.dumps(r) for r in rows), "utf-8")
    result = run("evaluate", "--labels", str(path), "--framework", "upr-info-themes", "--json")
    report = json.loads(result.stdout)
    assert (report["mode"], report["texts"], report["trained_on"]) == ("few-shot", 1, 20)
    hrd = report["labels"][0]
    assert hrd["label"] == "human-rights-defenders" and hrd["mode"] == "few-shot" and hrd["recall"] == 1.0


def test_a_bad_label_or_file_exits_2_naming_where(labels: Path, tmp_path: Path) -> None:
    wrong = run("evaluate", "--labels", str(labels), "--framework", "hrd-areas")
    assert wrong.exit_code == 2
    assert f"{labels}: line 2: labels: no label 'Human rights defenders' in framework 'hrd-areas'" in wrong.stderr
    missing = run("evaluate", "--labels", str(tmp_path / "none.csv"))
    assert missing.exit_code == 2 and "none.csv: (file): no such file" in missing.stderr
    unknown = run("evaluate", "--labels", str(labels), "--framework", "nope")
    assert unknown.exit_code == 2 and "no framework 'nope'" in unknown.stderr


def test_unknown_labels_can_be_skipped(labels: Path) -> None:
    with labels.open("a", encoding="utf-8") as handle:
        handle.write('9,"Reduce maternal mortality.",Right to health\n')
    assert run("evaluate", "--labels", str(labels), "--framework", "upr-info-themes").exit_code == 2
    result = run("evaluate", "--labels", str(labels), "--framework", "upr-info-themes", "--skip-unknown", "--json")
    assert json.loads(result.stdout)["ignored_labels"] == ["Right to health"]


def test_the_command_and_its_options_are_documented() -> None:
    documented = DOCS.read_text(encoding="utf-8")
    assert "evaluate" in COMMANDS and "hrdmap evaluate" in documented
    command = cli.get_command(None, "evaluate")  # type: ignore[arg-type]
    assert command is not None
    for param in command.params:
        for option in param.opts:
            assert option in documented, option
