"""The reference data behind the gazetteer: countries, regions, UN entities and human rights mechanisms.

The JSON files under ``hrdmap/analyse/reference/`` are built by ``scripts/build_reference.py`` from the UN
OCHA
Countries & Territories Taxonomy, ISO 3166-1, the UN System Chart and hand-written lists (see
docs/taggers.md).
Other parts (the map, report builders) read names and region membership from here too.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any


@dataclass(frozen=True, slots=True)
class Place:
    """A country, territory or region.

    Attributes:
        id: ISO 3166-1 alpha-3 for countries ("BOL"; "XKX" for Kosovo), the M49 code for M49 regions ("419"),
            a slug for informal regions ("mena").
        names: UN short names by language.
        variants: Every name form the gazetteer matches.
        members: Ids of the member countries (regions only).
        m49: M49 code (countries), with ``region``/``subregion`` the M49 codes of the areas it belongs to.
    """

    id: str
    names: dict[str, str]
    variants: tuple[str, ...]
    members: tuple[str, ...] = ()
    m49: str = ""
    region: str = ""
    subregion: str = ""
    un_list: bool = False


@dataclass(frozen=True, slots=True)
class Body:
    """A UN entity or human rights mechanism.

    Attributes:
        id: Acronym or id ("OHCHR", "UN-Women", "CAT", "SR-HRD").
        name: English name.
        kind: Category of entity, or mechanism kind (council, upr, treaty_body, special_procedure).
        variants: Name forms matched case-insensitively (first letter's case kept).
        acronyms: Forms matched with their exact case.
    """

    id: str
    name: str
    kind: str
    variants: tuple[str, ...]
    acronyms: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Ambiguity:
    """A name that may mean several countries; ``default`` is used when the passage does not decide."""

    names: tuple[str, ...]
    ids: tuple[str, ...]
    default: str | None


@dataclass(frozen=True, slots=True)
class CountryRules:
    """Hand-written rules: ambiguous names, blocking phrases, country names that are also personal names."""

    ambiguous: tuple[Ambiguity, ...]
    blockers: tuple[str, ...]
    person_names: tuple[str, ...]


def _read(name: str) -> Any:
    return json.loads(files("hrdmap.analyse.reference").joinpath(name).read_text("utf-8"))


@cache
def countries() -> tuple[Place, ...]:
    """Countries and territories, sorted by ISO3."""
    return tuple(
        Place(
            id=c["id"],
            names=c["names"],
            variants=tuple(c["variants"]),
            m49=c["m49"],
            region=c["region"],
            subregion=c["subregion"],
            un_list=c["un_list"],
        )
        for c in _read("countries.json")["countries"]
    )


@cache
def country_rules() -> CountryRules:
    """Ambiguity, blocking and personal-name rules for country names."""
    data = _read("countries.json")
    ambiguous = tuple(Ambiguity(tuple(a["names"]), tuple(a["ids"]), a["default"]) for a in data["ambiguous"])
    return CountryRules(ambiguous, tuple(data["blockers"]), tuple(data["person_names"]))


@cache
def regions() -> tuple[Place, ...]:
    """M49 regions and informal regions."""
    return tuple(
        Place(id=r["id"], names=r["names"], variants=tuple(r["variants"]), members=tuple(r["members"]))
        for r in _read("regions.json")["regions"]
    )


@cache
def un_entities() -> tuple[Body, ...]:
    """UN system entities (UN System Chart), by acronym."""
    return tuple(
        Body(
            id=e["id"],
            name=e["name"],
            kind=e["category"],
            variants=tuple(e["variants"]),
            acronyms=tuple(e["acronyms"]),
        )
        for e in _read("un_entities.json")["entities"]
    )


@cache
def mechanisms() -> tuple[Body, ...]:
    """UN human rights mechanisms: the Council, the UPR, treaty bodies, special procedures."""
    return tuple(
        Body(
            id=m["id"],
            name=m["names"]["en"],
            kind=m["kind"],
            variants=tuple(m["variants"]),
            acronyms=tuple(m["acronyms"]),
        )
        for m in _read("mechanisms.json")["mechanisms"]
    )


def country_names(language: str = "en") -> dict[str, str]:
    """UN short name of each country by ISO3, in ``language`` where known, else English."""
    return {c.id: c.names.get(language) or c.names.get("en") or c.id for c in countries()}
