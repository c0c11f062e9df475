"""Build the reference data shipped with hrdmap's gazetteer (``src/hrdmap/analyse/reference/*.json``).

Sources, all read from the shared data folder (``../shared/data`` or ``$HRDMAP_SHARED_DATA``) and the
hand-written
files under ``src/hrdmap/analyse/reference/sources/``:

- ``country-reference/hdx_countries_territories_taxonomy.csv``: UN OCHA Countries & Territories Taxonomy as
shipped
  by hdx-python-country (MIT): UNTERM short names in the six UN languages, formal English names, ISO codes,
  M49
  codes and region / sub-region / intermediate-region membership and English names.
- ``country-reference/pycountry_iso3166-1.json``: ISO 3166-1 names from Debian iso-codes via pycountry (facts:
  ISO names, official and common names). Inverted names ("Korea, Republic of") are not used.
- ``un-entities/un-entities.csv``: the UN System Chart entities (UN EOSG): acronyms, long names, aliases.
- ``sources/country_extras.yaml``, ``sources/regions.yaml``, ``sources/mechanisms.yaml``,
  ``sources/entity_extras.yaml``, ``sources/entity_additions.yaml`` (entities the System Chart file lacks: principal
  organs, World Bank Group members, UNAIDS, peacebuilding bodies, political missions and peace operations present
  and closed, each with the public source of its facts): written by hand for hrdmap (variants, adjectives,
  informal regions, the UN human rights mechanisms, ambiguity and blocking rules).

country_converter's GPL data is not used. Run from the repository root::

    .venv/bin/python scripts/build_reference.py [--shared-data PATH] [--out FOLDER]

The output is deterministic (sorted, stable JSON), so a rebuild that changes nothing leaves git clean.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "src" / "hrdmap" / "analyse" / "reference"
SOURCES = OUT / "sources"
LANGS = ("en", "fr", "es", "ru", "zh", "ar")
HDX_LANG = {
    "en": "English",
    "fr": "French",
    "es": "Spanish",
    "ru": "Russian",
    "zh": "Chinese",
    "ar": "Arabic",
}
KOSOVO = "XKX"  # user-assigned code used by the UN, the EU and the World Bank; Kosovo has no ISO 3166 code.


def fold(text: str) -> str:
    """Key used to detect duplicate names: lower case, no accents, straight apostrophes, hyphens as spaces."""
    text = unicodedata.normalize("NFKD", text.lower().replace("’", "'").replace("-", " "))
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).split())


def unique(items: Iterable[str]) -> list[str]:
    seen: dict[str, str] = {}
    for item in items:
        item = " ".join(item.split())
        if item and item not in seen:
            seen[item] = item
    return list(seen)


def m49(code: str) -> str:
    return f"{int(code):03d}" if code.strip() else ""


def derived_names(name: str) -> list[str]:
    """'Bolivia (Plurinational State of)' -> 'Bolivia', 'Plurinational State of Bolivia'; same in fr/es."""
    found = re.fullmatch(r"(.+?)\s*\((.+)\)", name)
    if not found:
        return [name]
    base, qualifier = found.group(1).strip(), found.group(2).strip()
    out = [name, base]
    if re.search(r"(\bof|\bof the|\bde|\bdel|\bdu|\bd'|\bd’)$", qualifier):
        joiner = "" if qualifier.endswith(("'", "’")) else " "
        out.append(f"{qualifier}{joiner}{base}")
    return out


def spelling_variants(name: str) -> list[str]:
    """Spellings used in lists and databases: '&' for 'and', 'St'/'St.' for 'Saint', no accents."""
    out = [name]
    if " and " in name:
        out.append(name.replace(" and ", " & "))
    if name.startswith("Saint "):
        out += [name.replace("Saint ", "St ", 1), name.replace("Saint ", "St. ", 1)]
    for item in list(out):
        plain = "".join(c for c in unicodedata.normalize("NFKD", item) if not unicodedata.combining(c))
        if plain != item and plain.isascii():
            out.append(plain)
    return out


def adjective_plurals(name: str) -> list[str]:
    """English adjectives used as nouns take an s ('Kenyans', 'Iraqis')."""
    if name[:1].isupper() and name.isalpha() and name.endswith(("an", "en", "i")) and name.isascii():
        return [name, name + "s"]
    return [name]


def load_yaml(name: str) -> Any:
    return yaml.safe_load((SOURCES / name).read_text("utf-8"))


def hdx_rows(shared: Path) -> list[dict[str, str]]:
    with (shared / "country-reference" / "hdx_countries_territories_taxonomy.csv").open(
        encoding="utf-8"
    ) as fh:
        rows = [row for row in csv.DictReader(fh) if row["Deprecated"] != "Y"]
    for row in rows:
        if row["Preferred Term"] == "Kosovo":
            row["ISO 3166-1 Alpha 3-Codes"] = KOSOVO
            row["ISO 3166-1 Alpha 2-Codes"] = "XK"
    return [row for row in rows if row["ISO 3166-1 Alpha 3-Codes"]]


def pycountry_names(shared: Path) -> dict[str, list[str]]:
    data = json.loads((shared / "country-reference" / "pycountry_iso3166-1.json").read_text("utf-8"))
    out: dict[str, list[str]] = {}
    for entry in data["3166-1"]:
        names = [entry.get(k, "") for k in ("name", "official_name", "common_name")]
        out[entry["alpha_3"]] = [n for n in names if n and ", " not in n]
    return out


def hdx_names(row: dict[str, str]) -> dict[str, str]:
    names = {}
    for lang in LANGS:
        value = row[f"{HDX_LANG[lang]} Short"] or row[f"M49 {HDX_LANG[lang]}"]
        if value:
            names[lang] = value
    return names


def country_variants(
    row: dict[str, str], iso: dict[str, list[str]], extras: dict[str, list[str]]
) -> list[str]:
    code = row["ISO 3166-1 Alpha 3-Codes"]
    raw = [
        row["Preferred Term"],
        row["English Formal"].removeprefix("the "),
        row["DGACM Alt Term"],
        row["RW Short Name"],
        row["RW API Alt Term"],
        row["ISO Alt Term"],
        row["HPC Tools Alt Term"],
    ]
    raw += [row[f"{HDX_LANG[lang]} Short"] for lang in LANGS] + [
        row[f"M49 {HDX_LANG[lang]}"] for lang in LANGS
    ]
    raw = [
        name.removeprefix("the ") for name in raw if name and ", " not in name and not name.endswith("(the)")
    ]
    raw = [re.sub(r"\s*\((Finland|The Netherlands|Portugal|Spain|Ecuador)\)$", "", name) for name in raw]
    raw += iso.get(code, [])
    names = [d for name in raw for d in derived_names(name)]
    names += [a for extra in extras.get(code, []) for a in adjective_plurals(extra)]
    return unique(v for name in names for v in spelling_variants(name))


def build_countries(shared: Path) -> dict[str, Any]:
    extras = load_yaml("country_extras.yaml")
    ambiguous = {fold(n) for entry in extras["ambiguous"] for n in entry["names"]}
    iso = pycountry_names(shared)
    countries = []
    for row in sorted(hdx_rows(shared), key=lambda r: r["ISO 3166-1 Alpha 3-Codes"]):
        variants = [v for v in country_variants(row, iso, extras["variants"]) if fold(v) not in ambiguous]
        countries.append(
            {
                "id": row["ISO 3166-1 Alpha 3-Codes"],
                "iso2": row["ISO 3166-1 Alpha 2-Codes"],
                "m49": m49(row["m49 numerical code"]),
                "un_list": row["Appears in UNTERM list"] == "Y",
                "names": hdx_names(row) or {"en": row["Preferred Term"]},
                "formal_en": row["English Formal"],
                "region": m49(row["Region Code"]),
                "subregion": m49(row["Sub-region Code"]),
                "intermediate_region": m49(row["Intermediate Region Code"]),
                "variants": variants,
            }
        )
    check_collisions(countries)
    return {
        "countries": countries,
        "ambiguous": extras["ambiguous"],
        "blockers": extras["blockers"],
        "person_names": extras["person_names"],
    }


def check_collisions(countries: list[dict[str, Any]]) -> None:
    owner: dict[str, str] = {}
    clashes = []
    for country in countries:
        for variant in country["variants"]:
            other = owner.setdefault(fold(variant), country["id"])
            if other != country["id"]:
                clashes.append(f"{variant!r} ({other}, {country['id']})")
    if clashes:
        raise SystemExit(
            "names used by two countries; list them under 'ambiguous' in sources/country_extras.yaml: "
            + "; ".join(clashes)
        )


def m49_regions(
    rows: list[dict[str, str]], extra: dict[str, Any], country_names: set[str]
) -> list[dict[str, Any]]:
    regions: dict[str, dict[str, Any]] = {}
    for row in rows:
        for level, column in (
            ("region", "Region"),
            ("subregion", "Sub-region"),
            ("intermediate_region", "Intermediate Region"),
        ):
            code = m49(row[f"{column} Code"])
            if not code:
                continue
            entry = regions.setdefault(
                code,
                {
                    "id": code,
                    "kind": "m49",
                    "level": level,
                    "names": {"en": row[f"{column} Name"]},
                    "members": [],
                },
            )
            entry["members"].append(row["ISO 3166-1 Alpha 3-Codes"])
    for code, entry in regions.items():
        more = extra.get(code, {})
        entry["names"].update({lang: more[lang][0] for lang in ("fr", "es") if more.get(lang)})
        names = [entry["names"]["en"], *more.get("en_variants", []), *more.get("fr", []), *more.get("es", [])]
        entry["variants"] = [n for n in unique(names) if fold(n) not in country_names]
        entry["members"] = sorted(set(entry["members"]))
    return sorted(regions.values(), key=lambda r: r["id"])


def build_regions(shared: Path, country_names: set[str]) -> dict[str, Any]:
    source = load_yaml("regions.yaml")
    rows = hdx_rows(shared)
    regions = m49_regions(rows, source["m49"], country_names)
    by_code = {r["id"]: r for r in regions}
    for informal in source["informal"]:
        members = set(informal.get("members", []))
        for code in informal.get("members_m49", []):
            members |= set(by_code[code]["members"])
        regions.append(
            {
                "id": informal["id"],
                "kind": "informal",
                "level": "informal",
                "names": informal["names"],
                "variants": unique([*informal["names"].values(), *informal.get("variants", [])]),
                "members": sorted(members),
            }
        )
    return {"regions": regions}


def build_entities(shared: Path) -> dict[str, Any]:
    """The UN System Chart's entities, less treaty bodies, plus the hand-written additions (missions …)."""
    extras = load_yaml("entity_extras.yaml")
    with (shared / "un-entities" / "un-entities.csv").open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["entity"].strip() not in extras["mechanisms_not_entities"]]
    entities = [chart_entity(row, extras) for row in rows]
    entities += [added_entity(item, extras) for item in added_entities()]
    ids = [e["id"] for e in entities]
    doubles = sorted({i for i in ids if ids.count(i) > 1})
    if doubles:
        raise SystemExit(f"entity ids defined twice: {', '.join(doubles)}")
    return {"entities": sorted(entities, key=lambda e: e["id"])}


def chart_entity(row: dict[str, str], extras: dict[str, Any]) -> dict[str, Any]:
    """One entity of the System Chart file, with its name forms."""
    acronym, long_name = row["entity"].strip(), row["entity_long"].strip()
    generic = long_name in extras["generic_long_names"]
    names = [acronym] if generic else [long_name]
    if long_name.startswith("United Nations ") and not generic:
        names.append("UN " + long_name.removeprefix("United Nations "))
        if re.search(r"\b(?:Commission|Forum)\b", long_name):  # "(the) Commission on the Status of Women"
            names.append(long_name.removeprefix("United Nations "))
    if long_name.startswith("Office of the Special "):  # the Special Representative, Envoy or Adviser himself
        names.append(long_name.removeprefix("Office of the "))
    names += [a.strip() for a in row["entity_aliases"].split(";") if a.strip()]
    item = {"id": acronym, "name": long_name if not generic else acronym, "category": row["category"],
            "principal_organ": row["un_principal_organ"], "variants": names}
    return added_entity(item, extras)


def added_entities() -> list[dict[str, Any]]:
    """The hand-written entities of ``entity_additions.yaml``: single entries and the compact mission list."""
    source = load_yaml("entity_additions.yaml")
    items = [dict(e) for e in source["entities"]]
    kinds = {"pko": "Peacekeeping Operations", "spm": "Special Political Missions and Other Political Presences"}
    for acronym, (name, kind, years, french, spanish, *more) in source["missions"].items():
        names = {"en": name} | ({"fr": french} if french else {}) | ({"es": spanish} if spanish else {})
        items.append({"id": acronym, "name": name, "category": kinds[kind], "principal_organ": "Security Council",
                      "years": years, "source": "PKO" if kind == "pko" else "SPM", "names": names,
                      "variants": list(more), "acronyms": [acronym]})
    return items


def added_entity(item: dict[str, Any], extras: dict[str, Any]) -> dict[str, Any]:
    """An entity record: every name form matched, acronyms apart (exact case), ambiguous acronyms left out."""
    acronym = item["id"]
    names = [*item.get("names", {}).values(), *item.get("variants", []), *(extras["variants"].get(acronym) or [])]
    if acronym.startswith("United Nations ") or not names:
        names.append(acronym)
    wanted = [acronym, *item.get("acronyms", []), *extras["acronyms"].get(acronym, [])]
    acronyms = [a for a in unique(wanted) if a not in extras["ambiguous_acronyms"] and " " not in a
                and re.fullmatch(r"[A-Z][A-Za-z-]*[A-Z][A-Za-z-]*s?", a)]
    out = {
        "id": acronym,
        "name": item["name"],
        "category": item.get("category", ""),
        "principal_organ": item.get("principal_organ", ""),
        "variants": [n for n in unique(names) if n not in acronyms],
        "acronyms": acronyms,
    }
    out |= {key: item[key] for key in ("years", "parent", "source") if item.get(key)}
    return out


def build_mechanisms() -> dict[str, Any]:
    mechanisms = load_yaml("mechanisms.yaml")["mechanisms"]
    for mechanism in mechanisms:
        mechanism["variants"] = unique([*mechanism["names"].values(), *mechanism.get("variants", [])])
        mechanism.setdefault("acronyms", [])
    return {"mechanisms": mechanisms}


def write(out: Path, name: str, data: dict[str, Any]) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    (out / name).write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = Path(os.environ.get("HRDMAP_SHARED_DATA", REPO.parent / "shared" / "data"))
    parser.add_argument("--shared-data", type=Path, default=default)
    parser.add_argument("--out", type=Path, default=OUT, help="folder to write the JSON files to")
    args = parser.parse_args()
    shared, out = args.shared_data, args.out
    countries = build_countries(shared)
    country_names = {fold(v) for c in countries["countries"] for v in c["variants"]}
    write(out, "countries.json", countries)
    write(out, "regions.json", build_regions(shared, country_names))
    write(out, "un_entities.json", build_entities(shared))
    write(out, "mechanisms.json", build_mechanisms())


if __name__ == "__main__":
    main()
