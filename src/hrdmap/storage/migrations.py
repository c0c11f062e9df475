"""The numbered schema migrations of every adapter, listed from one place.

Each adapter keeps its scripts in a package of its own, one file per migration, named alike
(``0004_calls.sql``): ``hrdmap/storage/sqlite/migrations`` and ``hrdmap/storage/postgresql/migrations``. A
migration added for one database needs its twin, with the same name, for the other: the test
``tests/storage/test_contract.py`` fails while the lists differ. Each store records the names it has applied
in its ``schema_migrations`` table.
"""

from __future__ import annotations

from importlib.resources import files

#: The migration packages, by the adapter's URL scheme.
PACKAGES = {
    "sqlite": "hrdmap.storage.sqlite.migrations",
    "postgresql": "hrdmap.storage.postgresql.migrations",
}


def names(package: str) -> list[str]:
    """Names of the migration scripts a package ships, in the order they apply."""
    return sorted(p.name for p in files(package).iterdir() if p.name.endswith(".sql"))


def script(package: str, name: str) -> str:
    """The text of one migration script."""
    return files(package).joinpath(name).read_text(encoding="utf-8")
