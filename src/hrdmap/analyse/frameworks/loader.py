"""Load frameworks from YAML files, checked against the JSON Schema shipped beside them.

The built-in frameworks live in ``hrdmap/analyse/frameworks/data/*.yaml``; users add one by dropping a YAML file of
the same format in a folder named by ``HRDMAP_FRAMEWORKS`` (read by :mod:`hrdmap.analyse.frameworks.folders`) or
passed to :func:`load_frameworks`. Errors name the file and the field::

    frameworks/hrd.yaml: labels[3].names.en: required
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from hrdmap import safe_yaml
from hrdmap.analyse.frameworks.folders import distinct_folders
from hrdmap.domain.errors import InvalidInput
from hrdmap.domain.framework import Framework, Label

BUILTIN_DIR = "data"


class FrameworkError(InvalidInput):
    """A framework file cannot be used. ``str(error)`` is ``"<file>: <field>: <reason>"``."""


@cache
def _validator() -> Draft202012Validator:
    schema = json.loads(files("hrdmap.analyse.frameworks").joinpath(BUILTIN_DIR, "schema.json").read_text("utf-8"))
    return Draft202012Validator(schema)


def _field_path(error: ValidationError) -> str:
    out = ""
    for part in error.absolute_path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top)"


def _reason(error: ValidationError) -> tuple[str, str]:
    """The field and a short reason; "required" names the missing field itself."""
    path = _field_path(error)
    if error.validator == "required":
        missing = re.search(r"'([^']+)' is a required property", error.message)
        name = missing.group(1) if missing else "?"
        return (f"{path}.{name}" if path != "(top)" else name), "required"
    if error.validator == "additionalProperties":
        return path, f"unknown field ({error.message.split('(')[-1].rstrip(')')})"
    return path, error.message


def _check_schema(data: object, source: str) -> None:
    errors = sorted(_validator().iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
    if errors:
        where, why = _reason(errors[0])
        raise FrameworkError(f"{source}: {where}: {why}")


def _tuples(by_language: Mapping[str, list[str]] | None) -> dict[str, tuple[str, ...]]:
    return {lang: tuple(items) for lang, items in (by_language or {}).items()}


def _label(raw: Mapping[str, Any]) -> Label:
    return Label(
        id=raw["id"],
        names=dict(raw["names"]),
        definition=raw["definition"].strip(),
        includes=raw.get("includes", "").strip(),
        excludes=raw.get("excludes", "").strip(),
        keywords=_tuples(raw.get("keywords")),
        patterns=_tuples(raw.get("patterns")),
        examples=tuple(raw.get("examples", ())),
        parent=raw.get("parent"),
    )


def _check_labels(labels: tuple[Label, ...], source: str) -> None:
    seen: set[str] = set()
    for i, label in enumerate(labels):
        if label.id in seen:
            raise FrameworkError(f"{source}: labels[{i}].id: duplicate label id {label.id!r}")
        seen.add(label.id)
    for i, label in enumerate(labels):
        if label.parent is not None and label.parent not in seen:
            raise FrameworkError(f"{source}: labels[{i}].parent: no label {label.parent!r} in this framework")
        for lang, patterns in label.patterns.items():
            for j, pattern in enumerate(patterns):
                try:
                    re.compile(pattern)
                except re.error as exc:
                    raise FrameworkError(f"{source}: labels[{i}].patterns.{lang}[{j}]: bad regex ({exc})") from None


#: User framework files parsed, by file name and text (the built-in ones are parsed once, :func:`_builtin`): a
#: server opens a workspace per concurrent request; a file changed on disk has another text, so is parsed anew.
_PARSED: dict[tuple[str, str], Framework] = {}


def _parsed(text: str, source: str) -> Framework:
    """:func:`parse_framework`, remembered by ``(source, text)`` (errors are not remembered)."""
    key = (source, text)
    found = _PARSED.get(key)
    if found is None:
        found = parse_framework(text, source)
        if len(_PARSED) >= 256:
            _PARSED.clear()
        _PARSED[key] = found
    return found


def parse_framework(text: str, source: str) -> Framework:
    """Parse and check one framework file's text.

    Args:
        text: The YAML text.
        source: The file's name as shown in errors ("frameworks/hrd.yaml").

    Raises:
        FrameworkError: The YAML is malformed, breaks the schema, or its labels are inconsistent.
    """
    try:
        data = safe_yaml.load(text)
    except yaml.YAMLError as exc:
        raise FrameworkError(safe_yaml.invalid(exc, source)) from None
    _check_schema(data, source)
    labels = tuple(_label(raw) for raw in data["labels"])
    _check_labels(labels, source)
    return Framework(
        id=data["id"],
        name=data["name"],
        version=str(data["version"]),
        description=data["description"].strip(),
        labels=labels,
        source=source,
    )


@cache
def _builtin() -> tuple[Framework, ...]:
    """The built-in frameworks, parsed once a process: they are files of the installed package, which do not change
    while it runs (user folders are read again on every call, so an edited file is seen)."""
    return tuple(parse_framework(t, s) for s, t in _builtin_texts())


def _builtin_texts() -> Iterable[tuple[str, str]]:
    folder = files("hrdmap.analyse.frameworks").joinpath(BUILTIN_DIR)
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith((".yaml", ".yml")):
            yield f"frameworks/{entry.name}", entry.read_text("utf-8")


def _folder_texts(folder: Path) -> Iterable[tuple[str, str]]:
    if not folder.is_dir():
        raise FrameworkError(f"{folder}: (folder): not a folder")
    for path in sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")]):
        yield str(path), path.read_text("utf-8")


def load_frameworks(extra_dirs: Iterable[Path] = ()) -> dict[str, Framework]:
    """The built-in frameworks and the user's, by id.

    A user framework with the id of a built-in one replaces it (so an office can adapt the eight areas without
    code); two files in the user's folders with the same id are an error.

    Args:
        extra_dirs: Folders of user framework files (the workspace passes those of its settings); none for the
            built-in frameworks alone.

    Raises:
        FrameworkError: A folder is missing, a file is invalid, or two user files declare the same id.
    """
    folders = tuple(extra_dirs)
    found = {fw.id: fw for fw in _builtin()}
    extra: dict[str, str] = {}
    for folder in distinct_folders(folders):
        for source, text in _folder_texts(folder):
            framework = _parsed(text, source)
            if framework.id in extra:
                raise FrameworkError(
                    f"{source}: id: framework {framework.id!r} is also defined in {extra[framework.id]}"
                )
            extra[framework.id] = source
            found[framework.id] = framework
    return found
