"""Countries and regions for incidents: names and codes to ISO3, and the M49 / UN groupings of a country.

Built on the gazetteer's reference data (UN short names in six languages, their variants, ISO and M49 codes), so
"Bolivia", "Bolivia (Plurinational State of)", "BOL", "BO" and "068" all give ``BOL``.
"""

from __future__ import annotations

import unicodedata
from functools import cache

from hrdmap.analyse.reference.data import Place, countries, regions
from hrdmap.domain.errors import InvalidInput


class CountryError(InvalidInput):
    """A country that the reference data does not know."""


def _key(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.replace("’", "'").split())


@cache
def _index() -> dict[str, str]:
    index: dict[str, str] = {}
    for country in countries():
        for code in (country.id, country.m49):
            if code:
                index[_key(code)] = country.id
        for name in (*country.names.values(), *country.variants):
            index.setdefault(_key(name), country.id)
    return index


@cache
def _iso2() -> dict[str, str]:
    from hrdmap.monitoring.iso2 import ISO2_TO_ISO3

    return ISO2_TO_ISO3


def country_code(text: str) -> str:
    """The ISO3 code of a country written as a name (any UN language or usual variant) or an ISO/M49 code.

    Raises:
        CountryError: The reference data has no such country.
    """
    key = _key(text)
    if not key:
        raise CountryError("no country given")
    found = _index().get(key) or (_iso2().get(key.upper()) if len(key) == 2 else None)
    if found is None:
        raise CountryError(f"{text!r} is not a country hrdmap knows (a UN name, ISO code or M49 code)")
    return found


@cache
def country(iso3: str) -> Place:
    """The reference record of a country by ISO3.

    Raises:
        CountryError: Unknown code.
    """
    for place in countries():
        if place.id == iso3:
            return place
    raise CountryError(f"{iso3!r} is not an ISO3 code hrdmap knows")


def country_name(iso3: str, language: str = "en") -> str:
    """UN short name of a country (the code itself when unknown, so output never fails on old data)."""
    try:
        place = country(iso3)
    except CountryError:
        return iso3
    return place.names.get(language) or place.names.get("en") or iso3


@cache
def region_of(iso3: str, level: str) -> str:
    """The grouping a country belongs to, as a name.

    Args:
        iso3: The country.
        level: ``"region"`` (M49 region: Africa, Americas, Asia, Europe, Oceania), ``"subregion"`` (M49
            sub-region), or the id of any region in the reference data ("mena", "419").

    Returns:
        The grouping's English name, or ``"(none)"`` when the country is in none.
    """
    by_id = {r.id: r for r in regions()}
    try:
        place = country(iso3)
    except CountryError:
        return "(none)"
    if level in ("region", "subregion"):
        code = place.region if level == "region" else place.subregion
        found = by_id.get(code)
        return found.names.get("en", code) if found else "(none)"
    grouping = by_id.get(level)
    if grouping is None:
        raise CountryError(f"{level!r} is not a region grouping hrdmap knows")
    return grouping.names.get("en", level) if iso3 in grouping.members else "(none)"
