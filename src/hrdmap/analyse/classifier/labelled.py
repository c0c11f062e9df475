"""Labelled texts: reviewed examples for the classifier, and the files that hold them.

Two formats, chosen by the file's extension (see docs/evaluation.md):

- **CSV** (``.csv``) with a header row: ``text`` and ``labels`` columns (labels separated by ``;``), and
  optionally ``id`` and ``split`` (``train`` or ``test``). Other columns are ignored.
- **JSON Lines** (``.jsonl``): one object a line, ``{"text": "…", "labels": ["…"], "id": "…", "split": "…"}``;
  ``id`` and ``split`` optional. Blank lines are skipped.

A label may be written as the label's id or as one of its names in any language (case and surrounding spaces
do not matter), so UPR Info's "Human rights defenders" finds the label ``human-rights-defenders``. Errors name the
file, the line and the field: ``labels.csv: line 12: labels: no label 'Defenders' in framework 'hrd-areas'``.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from hrdmap.domain.errors import InvalidInput
from hrdmap.domain.framework import Framework

SPLITS = ("", "train", "test")


class LabelledFileError(InvalidInput):
    """A labelled file cannot be read. ``str(error)`` is ``"<file>: line <n>: <field>: <reason>"``."""


@dataclass(frozen=True, slots=True)
class LabelledText:
    """A text with the labels a reviewer gave it (an empty set means "none of this framework's labels").

    Attributes:
        text: The paragraph.
        labels: Label ids (or, straight from a file, names; see :func:`resolve_labels`).
        key: The caller's id for the text (a row id, a block id), shown in evidence.
        split: ``"train"``, ``"test"`` or ``""``.
        line: Where it was read (for error messages), 0 when not from a file.
    """

    text: str
    labels: frozenset[str]
    key: str = ""
    split: str = ""
    line: int = 0


def read_labelled(path: Path) -> list[LabelledText]:
    """Read a labelled CSV or JSON Lines file.

    Raises:
        LabelledFileError: The file is missing, has an unknown extension, or a row is malformed.
    """
    if not path.is_file():
        raise LabelledFileError(f"{path}: (file): no such file")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        rows = list(_csv_rows(path))
    elif suffix in (".jsonl", ".ndjson"):
        rows = list(_jsonl_rows(path))
    else:
        raise LabelledFileError(f"{path}: (file): unknown format {suffix or '(none)'!r}; use .csv or .jsonl")
    if not rows:
        raise LabelledFileError(f"{path}: (file): no labelled texts")
    return rows


def _csv_rows(path: Path) -> Iterator[LabelledText]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [name for name in ("text", "labels") if name not in (reader.fieldnames or [])]
        if missing:
            raise LabelledFileError(f"{path}: line 1: {missing[0]}: required column missing")
        for row in reader:
            line = reader.line_num
            labels = [part for part in (row["labels"] or "").split(";")]
            yield _checked(path, line, row["text"], labels, row.get("id") or "", row.get("split") or "")


def _jsonl_rows(path: Path) -> Iterator[LabelledText]:
    with path.open(encoding="utf-8-sig") as handle:
        for line, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            try:
                item = json.loads(raw)
            except json.JSONDecodeError as error:
                raise LabelledFileError(f"{path}: line {line}: (line): not valid JSON ({error.msg})") from None
            if not isinstance(item, dict):
                raise LabelledFileError(f"{path}: line {line}: (line): not a JSON object")
            labels = item.get("labels", None)
            if not isinstance(labels, list) or not all(isinstance(x, str) for x in labels):
                raise LabelledFileError(f"{path}: line {line}: labels: required, a list of strings")
            key = item.get("id", "")
            yield _checked(path, line, item.get("text"), labels, "" if key is None else str(key), item.get("split"))


def _checked(path: Path, line: int, text: object, labels: Iterable[str], key: str, split: object) -> LabelledText:
    if not isinstance(text, str) or not text.strip():
        raise LabelledFileError(f"{path}: line {line}: text: required, a non-empty string")
    split = "" if split is None else split
    if not isinstance(split, str) or split.strip().lower() not in SPLITS:
        raise LabelledFileError(f"{path}: line {line}: split: {split!r} is not 'train' or 'test'")
    found = frozenset(x.strip() for x in labels if x.strip())
    return LabelledText(text, found, key, split.strip().lower(), line)


def resolve_labels(
    items: Sequence[LabelledText], framework: Framework, source: str = "", skip_unknown: bool = False
) -> tuple[list[LabelledText], set[str]]:
    """Map the labels of ``items`` (ids or names) to ``framework``'s label ids.

    Args:
        items: Labelled texts as read.
        framework: The framework the labels belong to.
        source: The file's name, for errors.
        skip_unknown: Drop labels the framework does not have (and return them) instead of failing.

    Returns:
        The items with label ids, and the labels that were dropped.

    Raises:
        LabelledFileError: A label is not in the framework (unless ``skip_unknown``).
    """
    lookup = label_lookup(framework)
    dropped: set[str] = set()
    out: list[LabelledText] = []
    for item in items:
        ids: set[str] = set()
        for raw in item.labels:
            found = lookup.get(raw.casefold())
            if found is not None:
                ids.add(found)
            elif skip_unknown:
                dropped.add(raw)
            else:
                where = f"{source}: line {item.line}" if source else f"item {item.key or item.line}"
                raise LabelledFileError(f"{where}: labels: no label {raw!r} in framework {framework.id!r}")
        out.append(LabelledText(item.text, frozenset(ids), item.key, item.split, item.line))
    return out, dropped


def label_lookup(framework: Framework) -> dict[str, str]:
    """Folded id or name → label id, for every label of ``framework``."""
    lookup: dict[str, str] = {}
    for label in framework.labels:
        for name in (*label.names.values(), label.id):
            lookup[name.strip().casefold()] = label.id
    return lookup


def guess_framework(items: Sequence[LabelledText], frameworks: Iterable[Framework], source: str,
                    partial: bool = False) -> Framework:
    """The framework whose labels ``items`` use: the one framework that knows all of them.

    Args:
        items: Labelled texts, their labels as written in the file.
        frameworks: The loaded frameworks.
        source: The file's name, for errors.
        partial: Take the framework that knows the most of the labels when none knows them all
            (``--skip-unknown``).

    Raises:
        LabelledFileError: No framework knows the labels, or several know them equally well.
    """
    used = {raw.casefold() for item in items for raw in item.labels}
    known = [(len(used & set(label_lookup(fw))), fw) for fw in frameworks]
    most = max((n for n, _ in known), default=0)
    best = [fw for n, fw in known if n == most]
    add = "add the framework's folder (--frameworks, HRDMAP_FRAMEWORKS)"
    if most == 0:
        raise LabelledFileError(f"{source}: labels: no loaded framework has these labels; {add} or name one with "
                                "--framework")
    if len(best) > 1:
        names = ", ".join(repr(fw.id) for fw in best)
        raise LabelledFileError(f"{source}: labels: {names} know these labels equally; name one with --framework")
    if most < len(used) and not partial:
        raise LabelledFileError(f"{source}: labels: no loaded framework knows all {len(used)} labels "
                                f"({best[0].id!r} knows {most}); {add}, or use --skip-unknown")
    return best[0]
