"""Incidents written by hand: a YAML or JSON file, or the options of ``hrdmap incidents add``.

The file holds ``incidents:``, a list of objects (docs/monitoring.md)::

    incidents:
      - title: Killing of a land defender (fictional)
        date: early 2019                   # any form parse_date reads
        country: Honduras                  # UN name, ISO or M49 code
        admin_area: Intibucá
        place: La Esperanza
        sensitivity: restricted            # public, restricted (default), confidential
        acts: [killing]                    # or [{type: killing, motive: …}]
        victims: [{name: A. B., sex: female, age: 44, roles: [land-environment, indigenous]}]
        perpetrators: [{type: private-security}]
        sources: [{kind: organisation, name: A fictional NGO, reference: report-12, reliability: high}]
        external_id: my-ngo:12             # optional: the id in your own list (re-adding it is refused)

Errors name the file, the incident's position and the field.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

from hrdmap import safe_yaml
from hrdmap.domain.errors import InvalidInput
from hrdmap.domain.monitoring.incidents import Act, Incident, Location, Perpetrator, Source, Victim
from hrdmap.domain.monitoring.vocabulary import (
    AgeGroup,
    Independence,
    PerpetratorType,
    Reliability,
    Sensitivity,
    Sex,
    SourceKind,
    VictimKind,
)
from hrdmap.monitoring.dates import parse_date
from hrdmap.monitoring.fields import FORMULA_STARTS
from hrdmap.monitoring.places import country_code


class IncidentFileError(InvalidInput):
    """An incidents file or option that cannot be used; the message names where and why."""


def _text(raw: Mapping[str, Any], key: str, where: str, default: str = "") -> str:
    value = raw.get(key, default)
    text = "" if value is None else str(value).strip()
    if text.startswith(FORMULA_STARTS[:4]) and key in ("title", "name", "organisation", "place", "admin_area"):
        raise IncidentFileError(f"{where}.{key}: starts with {text[0]!r}, like a spreadsheet formula; refused")
    return text


def _victim(raw: Mapping[str, Any], where: str, sensitivity: Sensitivity) -> Victim:
    age = raw.get("age")
    return Victim(
        name=_text(raw, "name", where),
        kind=VictimKind.parse(str(raw.get("kind", "person"))),
        sex=Sex.parse(str(raw.get("sex", "unknown"))),
        age=int(age) if age is not None else None,
        age_group=AgeGroup.parse(str(raw["age_group"])) if raw.get("age_group") else AgeGroup.of(age),
        roles=tuple(str(r) for r in raw.get("roles", ())),
        organisation=_text(raw, "organisation", where),
        sensitivity=Sensitivity.parse(str(raw.get("sensitivity", sensitivity.value))),
    )


def _source(raw: Mapping[str, Any], where: str, sensitivity: Sensitivity) -> Source:
    return Source(
        kind=SourceKind.parse(str(raw.get("kind", "organisation"))),
        reference=_text(raw, "reference", where) or _text(raw, "name", where),
        name=_text(raw, "name", where),
        reliability=Reliability.parse(str(raw.get("reliability", "unknown"))),
        independence=Independence.parse(str(raw.get("independence", "secondary"))),
        independence_group=_text(raw, "group", where),
        evidence=_text(raw, "evidence", where),
        sensitivity=Sensitivity.parse(str(raw.get("sensitivity", sensitivity.value))),
    )


def _act(raw: Any, victims: int, perpetrators: int) -> Act:
    if not isinstance(raw, Mapping):
        raw = {"type": raw}
    return Act(
        type=str(raw["type"]),
        victims=tuple(range(victims)),
        perpetrators=tuple(range(perpetrators)),
        motive=str(raw.get("motive", "")),
        motive_confirmed=raw.get("motive_confirmed"),
    )


def incident_from_mapping(raw: Mapping[str, Any], where: str) -> Incident:
    """One incident from its object in a file (or from the options).

    Raises:
        IncidentFileError: A field is missing or cannot be read; the message names it.
    """
    try:
        sensitivity = Sensitivity.parse(str(raw.get("sensitivity", "restricted")))
        victims = tuple(_victim(v, f"{where}.victims[{i}]", sensitivity) for i, v in enumerate(raw.get("victims", ())))
        perpetrators = tuple(
            Perpetrator(PerpetratorType.parse(str(p.get("type", "unknown"))), str(p.get("name", "")))
            for p in raw.get("perpetrators", ())
        )
        acts = tuple(_act(a, len(victims), len(perpetrators)) for a in raw.get("acts", ()))
        if not acts:
            raise IncidentFileError(f"{where}.acts: at least one act type is needed")
        country = _text(raw, "country", where)
        return Incident(
            title=_text(raw, "title", where)
            or f"{acts[0].type.replace('-', ' ').capitalize()} ({country or 'unknown'})",
            date=parse_date(str(raw.get("date", "") or "")),
            location=Location(
                country_code(country) if country else "", _text(raw, "admin_area", where), _text(raw, "place", where)
            ),
            acts=acts,
            victims=victims,
            perpetrators=perpetrators,
            sources=tuple(
                _source(s, f"{where}.sources[{i}]", sensitivity) for i, s in enumerate(raw.get("sources", ()))
            ),
            description=_text(raw, "description", where),
            sensitivity=sensitivity,
            external_ids=(str(raw["external_id"]),) if raw.get("external_id") else (),
        )
    except IncidentFileError:
        raise
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise IncidentFileError(f"{where}: {exc}") from None


def incidents_from_file(path: Path) -> list[Incident]:
    """Every incident of a YAML or JSON file.

    Raises:
        IncidentFileError: The file cannot be read, or an incident in it is invalid (nothing is returned then).
    """
    try:
        text = path.read_text("utf-8")
        data = json.loads(text) if path.suffix.lower() == ".json" else safe_yaml.load(text)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, yaml.YAMLError) as exc:
        raise IncidentFileError(f"{path}: cannot be read ({type(exc).__name__})") from None
    items = data.get("incidents") if isinstance(data, Mapping) else None
    if not isinstance(items, list) or not items:
        raise IncidentFileError(f"{path}: incidents: a non-empty list is needed")
    return [incident_from_mapping(item, f"{path}: incidents[{i}]") for i, item in enumerate(items)]


def incident_from_options(options: Mapping[str, Any]) -> Incident:
    """One incident from the options of ``hrdmap incidents add`` (a victim and a source when given).

    Raises:
        IncidentFileError: A value cannot be read.
    """
    raw: dict[str, Any] = {
        "title": options.get("title") or "",
        "date": options.get("date_text") or "",
        "country": options.get("country") or "",
        "admin_area": options.get("admin_area") or "",
        "place": options.get("place") or "",
        "sensitivity": options.get("sensitivity") or "restricted",
        "acts": list(options.get("acts") or ()),
        "perpetrators": [{"type": options.get("perpetrator") or "unknown"}],
    }
    if options.get("victim") or options.get("roles"):
        raw["victims"] = [
            {"name": options.get("victim") or "", "sex": options.get("sex") or "unknown", "age": options.get("age"),
             "roles": list(options.get("roles") or ())}
        ]  # fmt: skip
    if options.get("source_name") or options.get("source_reference"):
        raw["sources"] = [
            {"name": options.get("source_name") or "", "reference": options.get("source_reference") or "",
             "reliability": options.get("reliability") or "unknown"}
        ]  # fmt: skip
    return incident_from_mapping(raw, "options")


def edited(incident: Incident, options: Mapping[str, Any]) -> Incident:
    """The incident with the fields given in ``options`` changed (``hrdmap incidents edit``); others are kept.

    ``acts`` replaces the act types (every victim and perpetrator is linked to each), ``roles`` the roles of every
    victim; ``date``, ``country``, ``admin_area``, ``place``, ``title`` and ``sensitivity`` replace theirs.

    Raises:
        IncidentFileError: A value cannot be read.
    """
    try:
        date = parse_date(str(options["date_text"])) if options.get("date_text") else incident.date
        where = incident.location
        country = country_code(str(options["country"])) if options.get("country") else where.country
        location = Location(
            country,
            str(options.get("admin_area") or where.admin_area),
            str(options.get("place") or where.place),
        )
        acts = incident.acts
        if options.get("acts"):
            acts = tuple(_act(a, len(incident.victims), len(incident.perpetrators)) for a in options["acts"])
        victims = incident.victims
        if options.get("roles"):
            victims = tuple(replace(v, roles=tuple(options["roles"])) for v in victims)
        given = options.get("sensitivity")
        sensitivity = Sensitivity.parse(str(given)) if given else incident.sensitivity
    except ValueError as exc:
        raise IncidentFileError(f"options: {exc}") from None
    title = str(options.get("title") or incident.title)
    if title.startswith(FORMULA_STARTS[:4]):
        raise IncidentFileError("options.title: starts like a spreadsheet formula; refused")
    return replace(
        incident, title=title, date=date, location=location, acts=acts, victims=victims, sensitivity=sensitivity
    )
