"""Mapping files: how the rows of a list kept by others become incidents, without code.

A mapping is a YAML file (schema: ``mapping.schema.json`` beside this module; reference: docs/monitoring.md). It
names the file's layout, the columns that identify a row, the source the list stands for, and for each field of
the incident model where its value comes from:

* ``column: year`` — a column's text; ``columns: [state, province]`` — the first non-empty one;
* ``value: killing`` (or just ``killing``) — a constant; ``template: "Killing of {fullName}"`` — a text;
* ``values: {Hitmen: private-individual}`` — translations, with ``unmatched: error | skip | keep | default``;
* ``split: ","`` — several values in one cell; ``part: {separator: ",", index: -1}`` — one piece of it;
* ``empty: ["N/A", "Unidentified"]`` — texts that mean "not given"; ``default`` — the value then;
* ``formats: ["%Y%m%d"]`` — date formats to try before the usual forms.

Errors name the file and the field: ``cpj.yaml: incident.date: unknown key 'colum'``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping as MappingType
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator

from hrdmap import safe_yaml
from hrdmap.domain.errors import InvalidInput

#: The fields each section of a mapping may fill.
TARGETS: dict[str, frozenset[str]] = {
    "source": frozenset({"kind", "reference", "name", "reliability", "independence", "independence_group"}),
    "incident": frozenset({"title", "description", "date", "country", "admin_area", "place", "sensitivity"}),
    "victim": frozenset({"name", "kind", "sex", "age", "age_group", "roles", "organisation", "sensitivity"}),
    "perpetrator": frozenset({"type", "name"}),
}
#: Fields whose text is written by a list's keeper and shown in outputs: refused when they look like a formula.
TEXT_FIELDS = frozenset(
    {
        "incident.title",
        "incident.description",
        "incident.admin_area",
        "incident.place",
        "victim.name",
        "victim.organisation",
        "perpetrator.name",
        "source.name",
        "source.reference",
    }
)


class MappingError(InvalidInput):
    """A mapping file that cannot be used; ``str(error)`` is ``"<file>: <field>: <reason>"``."""


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """Where one field's value comes from (see the module docstring for each key)."""

    column: str | None = None
    columns: tuple[str, ...] = ()
    value: Any = None
    template: str | None = None
    part: tuple[str, int] | None = None
    split: str | None = None
    empty: frozenset[str] = frozenset()
    values: dict[str, Any] | None = None
    unmatched: str = "error"
    default: Any = None
    required: bool = False
    formats: tuple[str, ...] = ()

    @property
    def reads(self) -> tuple[str, ...]:
        """The columns this field reads (template placeholders included)."""
        names = ([self.column] if self.column else []) + list(self.columns)
        if self.template:
            import string

            names += [name for _, name, _, _ in string.Formatter().parse(self.template) if name]
        return tuple(names)


@dataclass(frozen=True, slots=True)
class ActSpec:
    """One act a row gives: its type and, optionally, the condition for the row to have it."""

    type: FieldSpec
    motive: FieldSpec | None = None
    motive_confirmed: FieldSpec | None = None
    when: tuple[str, frozenset[str]] | None = None


@dataclass(frozen=True, slots=True)
class FileLayout:
    """The file's format and how to read it."""

    format: str | None = None
    encoding: str = "utf-8-sig"
    delimiter: str | None = None
    header: bool = True
    columns: tuple[str, ...] = ()
    sheet: str | None = None
    records: str | None = None


@dataclass(frozen=True, slots=True)
class Mapping:
    """A parsed mapping file.

    Attributes:
        name: The mapping's name ("cpj-journalists-killed").
        source_file: Where it was read from, for error messages.
        layout: How to read the list.
        id_columns: Columns whose values identify a row (its external id).
        id_prefix: Prefix of external ids ("cpj").
        id_repeats: ``"error"``: a repeated id is a bad row; ``"number"``: the n-th repeat gets ``#n`` (lists with
            no id column whose identical rows are different people).
        sensitivity: Of every imported incident.
        sections: ``source``, ``incident``, ``victim``, ``perpetrator`` → target field → spec.
        acts: The acts a row gives.
        attributes: Columns kept as they are, for drill-down.
    """

    name: str
    source_file: str
    layout: FileLayout
    id_columns: tuple[str, ...]
    id_prefix: str
    id_repeats: str = "error"
    sensitivity: str = "public"
    sections: dict[str, dict[str, FieldSpec]] = field(default_factory=dict)
    acts: tuple[ActSpec, ...] = ()
    attributes: tuple[str, ...] = ()
    description: str = ""

    def columns_read(self) -> dict[str, str]:
        """Every column the mapping reads → the first field that reads it (for "missing column" errors)."""
        found: dict[str, str] = {}
        for column in self.id_columns:
            found.setdefault(column, "id.columns")
        for section, specs in self.sections.items():
            for target, spec in specs.items():
                for column in spec.reads:
                    found.setdefault(column, f"{section}.{target}")
        for i, act in enumerate(self.acts):
            named = (("type", act.type), ("motive", act.motive), ("motive_confirmed", act.motive_confirmed))
            for name, maybe in named:
                for column in maybe.reads if maybe else ():
                    found.setdefault(column, f"acts[{i}].{name}")
            if act.when:
                found.setdefault(act.when[0], f"acts[{i}].when")
        for column in self.attributes:
            found.setdefault(column, "attributes")
        return found


@cache
def _validator() -> Draft202012Validator:
    schema = json.loads(files("hrdmap.monitoring").joinpath("mapping.schema.json").read_text("utf-8"))
    return Draft202012Validator(schema)


def _where(path: Any) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top)"


def _field(raw: Any) -> FieldSpec:
    if not isinstance(raw, MappingType):
        return FieldSpec(value=raw)
    part = raw.get("part")
    return FieldSpec(
        column=raw.get("column"),
        columns=tuple(raw.get("columns", ())),
        value=raw.get("value"),
        template=raw.get("template"),
        part=(part["separator"], part["index"]) if part else None,
        split=raw.get("split"),
        empty=frozenset(raw.get("empty", ())),
        values={str(k): v for k, v in raw["values"].items()} if "values" in raw else None,
        unmatched=raw.get("unmatched", "error"),
        default=raw.get("default"),
        required=bool(raw.get("required", False)),
        formats=tuple(raw.get("formats", ())),
    )


def _section(data: MappingType[str, Any], name: str, source: str) -> dict[str, FieldSpec]:
    specs: dict[str, FieldSpec] = {}
    for target, raw in (data.get(name) or {}).items():
        if target not in TARGETS[name]:
            allowed = ", ".join(sorted(TARGETS[name]))
            raise MappingError(f"{source}: {name}.{target}: not a field hrdmap knows (one of: {allowed})")
        spec = _field(raw)
        if spec.unmatched == "default" and spec.default is None:
            raise MappingError(f"{source}: {name}.{target}: unmatched: default needs a default")
        specs[target] = spec
    return specs


def _act(raw: MappingType[str, Any]) -> ActSpec:
    when = raw.get("when")
    return ActSpec(
        type=_field(raw["type"]),
        motive=_field(raw["motive"]) if "motive" in raw else None,
        motive_confirmed=_field(raw["motive_confirmed"]) if "motive_confirmed" in raw else None,
        when=(when["column"], frozenset(when["in"])) if when else None,
    )


def _layout(raw: MappingType[str, Any], source: str) -> FileLayout:
    layout = FileLayout(
        format=raw.get("format"),
        encoding=raw.get("encoding", "utf-8-sig"),
        delimiter=raw.get("delimiter"),
        header=raw.get("header", True),
        columns=tuple(raw.get("columns", ())),
        sheet=raw.get("sheet"),
        records=raw.get("records"),
    )
    if not layout.header and not layout.columns:
        raise MappingError(f"{source}: file.columns: a file without a header row needs its column names")
    return layout


def parse_mapping(text: str, source: str) -> Mapping:
    """Parse and check a mapping file's text.

    Args:
        text: The YAML text.
        source: The file's name as shown in errors.

    Raises:
        MappingError: Bad YAML, a key the schema does not allow, or an unknown target field.
    """
    try:
        data = safe_yaml.load(text)
    except yaml.YAMLError as exc:
        raise MappingError(safe_yaml.invalid(exc, source)) from None
    errors = sorted(_validator().iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
    if errors:
        first = errors[0]
        raise MappingError(f"{source}: {_where(first.absolute_path)}: {first.message}")
    return Mapping(
        name=data["name"],
        source_file=source,
        layout=_layout(data.get("file") or {}, source),
        id_columns=tuple(data["id"]["columns"]),
        id_prefix=data["id"]["prefix"],
        id_repeats=data["id"].get("repeats", "error"),
        sensitivity=data.get("sensitivity", "public"),
        sections={name: _section(data, name, source) for name in TARGETS},
        acts=tuple(_act(raw) for raw in data["acts"]),
        attributes=tuple(data.get("attributes", ())),
        description=str(data.get("description", "")).strip(),
    )


def load_mapping(path: Path) -> Mapping:
    """Read a mapping file.

    Raises:
        MappingError: The file cannot be read or is invalid.
    """
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise MappingError(f"{path}: (file): cannot be read ({exc})") from None
    return parse_mapping(text, str(path))


def builtin_mappings() -> dict[str, Path]:
    """The mappings shipped with hrdmap, by name (``cpj-journalists-killed``, ``gdelt-events``)."""
    folder = Path(str(files("hrdmap.monitoring").joinpath("mappings")))
    return {path.stem: path for path in sorted(folder.glob("*.yaml"))}
