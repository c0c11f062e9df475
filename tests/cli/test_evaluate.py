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


TWIN = """
id: NAME
name: Twin
version: "1"
description: Two frameworks with the same label.
labels:
  - {id: press, names: {en: Freedom of the press, fr: Liberté de la presse, es: Libertad de prensa}, definition: P.}
"""


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False, env=env)


@pytest.fixture
def labels(tmp_path: Path) -> Path:
    path = tmp_path / "labels.csv"
    lines = ["id,text,labels"] + [f'{i},"{text}",{label}' for i, (text, label) in enumerate(ROWS)]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def test_evaluate_prints_a_table_of_labels_with_averages(labels: Path, example_frameworks: Path) -> None:
    result = run("evaluate", "--labels", str(labels), env={"HRDMAP_FRAMEWORKS": str(example_frameworks)})
    assert result.exit_code == 0, result.output
    assert "upr-info-themes: zero-shot, 4 texts" in result.stdout
    assert re.search(r"^human-rights-defenders +zero-shot +[01]\.\d{3}", result.stdout, re.MULTILINE)
    assert "macro" in result.stdout and "micro" in result.stdout


def test_the_default_framework_is_the_one_that_knows_every_label(labels: Path, tmp_path: Path) -> None:
    partial = run("evaluate", "--labels", str(labels))  # the UPR Info themes are not built in
    assert partial.exit_code == 2
    assert f"{labels}: labels: no loaded framework knows all 4 labels ('groups-at-risk' knows 1)" in partial.stderr
    twins = tmp_path / "twins"
    twins.mkdir()
    for name in ("themes-a", "themes-b"):
        (twins / f"{name}.yaml").write_text(TWIN.replace("NAME", name), "utf-8")
    rows = tmp_path / "twins.csv"
    rows.write_text("text,labels\nProtect the press.,Freedom of the press\n", "utf-8")
    ambiguous = run("evaluate", "--labels", str(rows), "--frameworks", str(twins))
    assert ambiguous.exit_code == 2
    assert "'themes-a', 'themes-b' know these labels equally; name one with --framework" in ambiguous.stderr
    chosen = run("evaluate", "--labels", str(rows), "--frameworks", str(twins), "--framework", "themes-b", "--json")
    assert json.loads(chosen.stdout)["framework"] == "themes-b"


def test_evaluate_json_fits_on_training_rows(tmp_path: Path, example_frameworks: Path) -> None:
    path = tmp_path / "labels.jsonl"
    # "campaigners" is no keyword of the theme: only the fitted model can learn it, so few-shot beats zero-shot
    # on the held-out training rows and is kept (a label its keywords decide as well stays zero-shot).
    rows = [{"text": f"Protect the campaigners of region {i}.", "labels": ["Human rights defenders"], "split": "train"}
            for i in range(10)]
    rows += [{"text": f"Build {i} new roads.", "labels": [], "split": "train"} for i in range(10)]
    rows += [{"text": "Protect campaigners in the north.", "labels": ["Human rights defenders"], "split": "test"}]
    path.write_text("\n".join(json.dumps(r) for r in rows), "utf-8")
    themes = ("--frameworks", str(example_frameworks), "--framework", "upr-info-themes")
    result = run("evaluate", "--labels", str(path), *themes, "--json")
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


def test_unknown_labels_can_be_skipped(labels: Path, example_frameworks: Path) -> None:
    with labels.open("a", encoding="utf-8") as handle:
        handle.write('9,"Reduce maternal mortality.",Right to health\n')
    themes = ("--frameworks", str(example_frameworks))
    assert run("evaluate", "--labels", str(labels), *themes, "--framework", "upr-info-themes").exit_code == 2
    assert run("evaluate", "--labels", str(labels), *themes).exit_code == 2
    result = run("evaluate", "--labels", str(labels), *themes, "--skip-unknown", "--json")
    assert json.loads(result.stdout)["framework"] == "upr-info-themes"
    assert json.loads(result.stdout)["ignored_labels"] == ["Right to health"]


def test_a_missing_frameworks_folder_exits_2_naming_it(labels: Path, tmp_path: Path) -> None:
    option = run("evaluate", "--labels", str(labels), "--frameworks", str(tmp_path / "nowhere"))
    assert option.exit_code == 2 and f"{tmp_path / 'nowhere'}: (folder): not a folder" in option.stderr
    setting = run("evaluate", "--labels", str(labels), env={"HRDMAP_FRAMEWORKS": str(tmp_path / "gone")})
    assert setting.exit_code == 2
    assert f"HRDMAP_FRAMEWORKS names the folder '{tmp_path / 'gone'}', which does not exist" in setting.stderr


def test_the_command_and_its_options_are_documented() -> None:
    documented = DOCS.read_text(encoding="utf-8")
    assert "evaluate" in COMMANDS and "hrdmap evaluate" in documented
    command = cli.get_command(None, "evaluate")  # type: ignore[arg-type]
    assert command is not None
    for param in command.params:
        for option in param.opts:
            assert option in documented, option
