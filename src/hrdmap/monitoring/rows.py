"""Turn one row of a list into an incident, as its mapping says.

Pure: the row's cells and the mapping in, an :class:`~hrdmap.domain.monitoring.incidents.Incident` out, or a
:class:`~hrdmap.monitoring.fields.RowProblem` naming the column and the reason.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from hrdmap.domain.monitoring.incidents import Act, FuzzyDate, Incident, Location, Perpetrator, Source, Victim
from hrdmap.domain.monitoring.vocabulary import (
    AgeGroup,
    Independence,
    PerpetratorType,
    Reliability,
    Sensitivity,
    Sex,
    SourceKind,
    VerificationStatus,
    VictimKind,
)
from hrdmap.monitoring.dates import DateError, parse_date
from hrdmap.monitoring.fields import RowProblem, check_text, resolve
from hrdmap.monitoring.mapping import TEXT_FIELDS, ActSpec, FieldSpec, Mapping
from hrdmap.monitoring.places import CountryError, country_code
from hrdmap.monitoring.readers import EXTRA_CELLS

_V = TypeVar("_V")


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """The framework label ids a mapping's act types and victims' roles must come from."""

    act_types: frozenset[str]
    roles: frozenset[str]


class _Row:
    """One row being mapped: reads fields by target name, converting and checking them."""

    def __init__(self, mapping: Mapping, row: dict[str, str]) -> None:
        self.mapping = mapping
        self.row = row

    def values(self, section: str, target: str) -> tuple[list[Any], str]:
        spec = self.mapping.sections.get(section, {}).get(target)
        if spec is None:
            return [], ""
        return resolve(spec, self.row, f"{section}.{target}")

    def text(self, section: str, target: str, default: str = "") -> str:
        found, column = self.values(section, target)
        text = " ".join(str(v) for v in found if v is not None).strip() if found else default
        return check_text(text, column) if f"{section}.{target}" in TEXT_FIELDS else text

    def parsed(self, section: str, target: str, parse: Callable[[str], _V], default: _V) -> _V:
        found, column = self.values(section, target)
        if not found:
            return default
        try:
            return parse(str(found[0]))
        except ValueError as exc:
            raise RowProblem(column, f"{section}.{target}: {exc}") from None


def external_id(mapping: Mapping, row: dict[str, str]) -> str:
    """The row's id in its list: the id column's value, or a hash of the id columns' values.

    Raises:
        RowProblem: Every id column is empty.
    """
    values = [row.get(column, "").strip() for column in mapping.id_columns]
    if not any(values):
        raise RowProblem(", ".join(mapping.id_columns), "empty, so the row has no id")
    if len(values) == 1:
        return f"{mapping.id_prefix}:{values[0]}"
    digest = hashlib.sha256("\x1f".join(v.casefold() for v in values).encode()).hexdigest()[:16]
    return f"{mapping.id_prefix}:{digest}"


def _date(reader: _Row) -> FuzzyDate:
    spec = reader.mapping.sections["incident"].get("date")
    if spec is None:
        return FuzzyDate.unknown()
    found, column = resolve(spec, reader.row, "incident.date")
    try:
        return parse_date(str(found[0]) if found else "", spec.formats)
    except DateError as exc:
        raise RowProblem(column, str(exc)) from None


def _country(reader: _Row) -> str:
    found, column = reader.values("incident", "country")
    if not found:
        return ""
    try:
        return country_code(str(found[0]))
    except CountryError as exc:
        raise RowProblem(column, f"{exc}; translate it under incident.country.values") from None


def _age(text: str) -> int:
    age = int(float(text))
    if not 0 <= age <= 120:
        raise ValueError(f"{age} is not an age")
    return age


def _victims(reader: _Row, vocabulary: Vocabulary, sensitivity: Sensitivity) -> tuple[Victim, ...]:
    if not reader.mapping.sections.get("victim"):
        return ()
    roles, column = reader.values("victim", "roles")
    unknown = [r for r in roles if r not in vocabulary.roles]
    if unknown:
        raise RowProblem(column, f"{unknown[0]!r} is not a group of the groups-at-risk framework")
    age = reader.parsed("victim", "age", _age, None)
    return (
        Victim(
            name=reader.text("victim", "name"),
            kind=reader.parsed("victim", "kind", VictimKind.parse, VictimKind.PERSON),
            sex=reader.parsed("victim", "sex", Sex.parse, Sex.UNKNOWN),
            age=age,
            age_group=reader.parsed("victim", "age_group", AgeGroup.parse, AgeGroup.of(age)),
            roles=tuple(dict.fromkeys(str(r) for r in roles)),
            organisation=reader.text("victim", "organisation"),
            sensitivity=reader.parsed("victim", "sensitivity", Sensitivity.parse, sensitivity),
        ),
    )


def _perpetrators(reader: _Row) -> tuple[Perpetrator, ...]:
    if not reader.mapping.sections.get("perpetrator"):
        return ()
    types, column = reader.values("perpetrator", "type")
    name = reader.text("perpetrator", "name")
    parsed: list[PerpetratorType] = []
    for value in types or ["unknown"]:
        try:
            parsed.append(PerpetratorType.parse(str(value)))
        except ValueError as exc:
            raise RowProblem(column, f"perpetrator.type: {exc}") from None
    return tuple(Perpetrator(type=t, name=name) for t in dict.fromkeys(parsed))


def _flag(value: Any, column: str) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    text = str(value).strip().casefold()
    if text in ("true", "yes", "confirmed", "1"):
        return True
    if text in ("false", "no", "unconfirmed", "0"):
        return False
    raise RowProblem(column, f"{value!r} is not yes or no; translate it under motive_confirmed.values")


def _acts(reader: _Row, vocabulary: Vocabulary, victims: int, perpetrators: int) -> tuple[Act, ...]:
    acts: list[Act] = []
    for i, spec in enumerate(reader.mapping.acts):
        if spec.when and reader.row.get(spec.when[0], "").strip() not in spec.when[1]:
            continue
        types, column = resolve(spec.type, reader.row, f"acts[{i}].type")
        for act_type in dict.fromkeys(str(t) for t in types):
            if act_type not in vocabulary.act_types:
                raise RowProblem(column, f"{act_type!r} is not a type of the attack-types framework")
            acts.append(_act(reader.row, spec, act_type, victims, perpetrators))
    if not acts:
        raise RowProblem("(acts)", "no act: the row gives no act type the mapping knows")
    return tuple(acts)


def _act(row: dict[str, str], spec: ActSpec, act_type: str, victims: int, perpetrators: int) -> Act:
    motive = _first(spec.motive, row, "motive")
    confirmed_values, column = (
        ([], "") if spec.motive_confirmed is None else resolve(spec.motive_confirmed, row, "motive")
    )
    return Act(
        type=act_type,
        victims=tuple(range(victims)),
        perpetrators=tuple(range(perpetrators)),
        motive=str(motive or ""),
        motive_confirmed=_flag(confirmed_values[0], column) if confirmed_values else None,
    )


def _first(spec: FieldSpec | None, row: dict[str, str], target: str) -> Any:
    if spec is None:
        return None
    found, _ = resolve(spec, row, target)
    return found[0] if found else None


def _source(reader: _Row, row_number: int, file_name: str, sensitivity: Sensitivity) -> Source:
    used = reader.mapping.columns_read()
    evidence = "; ".join(f"{c}: {reader.row[c]}" for c in used if reader.row.get(c))
    return Source(
        kind=reader.parsed("source", "kind", SourceKind.parse, SourceKind.ORGANISATION),
        reference=reader.text("source", "reference", f"{file_name} row {row_number}"),
        name=reader.text("source", "name"),
        reliability=reader.parsed("source", "reliability", Reliability.parse, Reliability.UNKNOWN),
        independence=reader.parsed("source", "independence", Independence.parse, Independence.SECONDARY),
        independence_group=reader.text("source", "independence_group"),
        evidence=evidence[:4000],
        sensitivity=sensitivity,
    )


def _title(reader: _Row, acts: tuple[Act, ...], location: Location) -> str:
    given = reader.text("incident", "title")
    if given:
        return given
    what = " and ".join(act.type.replace("-", " ") for act in acts[:2]).capitalize()
    return f"{what} in {location.place or location.country or 'an unknown place'}"


def map_row(mapping: Mapping, row: dict[str, str], row_number: int, file_name: str, vocabulary: Vocabulary) -> Incident:
    """Build the incident one row stands for.

    Args:
        mapping: The list's mapping.
        row: The row's cells by column.
        row_number: Its number in the file, for the source's reference.
        file_name: The list's file name, for the source's reference.
        vocabulary: Allowed act types and victims' roles.

    Raises:
        RowProblem: A value is missing, malformed, untranslated, unknown or looks like a formula.
        RowSkip: The mapping leaves the row out on purpose.
    """
    if EXTRA_CELLS in row:
        raise RowProblem("(row)", row[EXTRA_CELLS])
    reader = _Row(mapping, row)
    sensitivity = reader.parsed("incident", "sensitivity", Sensitivity.parse, Sensitivity.parse(mapping.sensitivity))
    location = Location(_country(reader), reader.text("incident", "admin_area"), reader.text("incident", "place"))
    victims = _victims(reader, vocabulary, sensitivity)
    perpetrators = _perpetrators(reader)
    acts = _acts(reader, vocabulary, len(victims), len(perpetrators))
    return Incident(
        title=_title(reader, acts, location),
        date=_date(reader),
        location=location,
        acts=acts,
        victims=victims,
        perpetrators=perpetrators,
        sources=(_source(reader, row_number, file_name, sensitivity),),
        description=reader.text("incident", "description"),
        sensitivity=sensitivity,
        status=VerificationStatus.REPORTED,
        external_ids=(external_id(mapping, row),),
        attributes={c: row[c] for c in mapping.attributes if row.get(c)},
    )
