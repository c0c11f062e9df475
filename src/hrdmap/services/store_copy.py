"""Copy a store into another, verified: the use-case behind ``hrdmap migrate-store FROM TO``.

A team that outgrows the SQLite file of a data folder moves it into PostgreSQL, and back (a copy to take away,
an archive): every table, row by row in primary-key order with its ids, in one transaction of the target. Before
that transaction commits, the target's rows are read back and their count and SHA-256 compared with the
source's, table by table (:func:`hrdmap.storage.tables.checksum`): a copy that differs is rolled back whole. The
source is read as of one moment (a read snapshot), so others may go on writing to it meanwhile.

A target that holds anything is refused unless the caller asks to replace it (``replace``): then it is emptied
(every table dropped and the migrations applied afresh) first. The search index is not part of a store: run
``hrdmap reindex`` against the new store.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from hrdmap.domain.actor import Actor, Permission
from hrdmap.domain.errors import Conflict, InvalidInput
from hrdmap.storage.private import private_files
from hrdmap.storage.registry import open_store
from hrdmap.storage.repository import Store
from hrdmap.storage.tables import Table, Tally, checksum


class TargetNotEmpty(Conflict):
    """The target store holds data and replacing it was not asked for."""


class CopyMismatch(Conflict):
    """The copy read back from the target differs from the source (nothing was committed)."""


@dataclass(frozen=True, slots=True)
class CopiedTable:
    """One table copied and verified.

    Attributes:
        name: The table.
        rows: Rows copied (the same in both stores).
        checksum: SHA-256 of its rows in portable form (the same in both stores).
    """

    name: str
    rows: int
    checksum: str


@dataclass(frozen=True, slots=True)
class StoreCopy:
    """What ``migrate-store`` did.

    Attributes:
        source: The source's URL, its password hidden.
        target: The target's URL, its password hidden.
        tables: Every table, in the order loaded.
        replaced: Whether the target was emptied first.
    """

    source: str
    target: str
    tables: tuple[CopiedTable, ...]
    replaced: bool

    @property
    def rows(self) -> int:
        """Rows copied over every table."""
        return sum(t.rows for t in self.tables)


def shown_url(url: str) -> str:
    """``url`` with its password, if any, replaced by ``***`` (for messages and the audit trail)."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit(parts._replace(netloc=f"{parts.username}:***@{host}"))


def migrate_store(actor: Actor, source_url: str, target_url: str, *, replace: bool = False) -> StoreCopy:
    """Copy the store at ``source_url`` into the one at ``target_url`` (created and migrated if new), verified.

    Args:
        actor: Who copies (needs :attr:`~hrdmap.domain.actor.Permission.ADMINISTER`); named in the target's audit.
        source_url: The store to copy (``sqlite:///…`` or ``postgresql://…``).
        target_url: The store to copy into.
        replace: Empty a target that holds data first (everything in it is lost).

    Raises:
        hrdmap.domain.errors.InvalidInput: Both URLs name the same store.
        TargetNotEmpty: The target holds data and ``replace`` is false.
        CopyMismatch: A table read back differs (the target is left as it was).
        hrdmap.domain.errors.Conflict: The two stores have different migrations or tables.
        hrdmap.domain.errors.Forbidden: The actor may not administer stores.
    """
    actor.require(Permission.ADMINISTER)
    if source_url.strip() == target_url.strip():
        raise InvalidInput("FROM and TO are the same store: give two different database URLs")
    with private_files():
        source = open_store(source_url)
        try:
            target = open_store(target_url)
            try:
                tables = _compatible(source, target)
                replaced = _make_room(target, replace)
                copied = _copy(actor, source, target, tables, shown_url(source_url))
            finally:
                target.close()
        finally:
            source.close()
    return StoreCopy(shown_url(source_url), shown_url(target_url), copied, replaced)


def _compatible(source: Store, target: Store) -> list[Table]:
    """The source's tables, once checked that the target has the same migrations and tables."""
    if source.tables.migrations() != target.tables.migrations():
        raise Conflict("FROM and TO have different migrations: open both with the same hrdmap version first")
    tables = source.tables.tables()
    theirs = {t.name: set(t.columns) for t in target.tables.tables()}
    differ = sorted(t.name for t in tables if theirs.get(t.name) != set(t.columns)) + sorted(
        set(theirs) - {t.name for t in tables}
    )
    if differ:
        raise Conflict(f"FROM and TO have different tables or columns: {', '.join(differ)}")
    return tables


def _make_room(target: Store, replace: bool) -> bool:
    """Empty the target when asked; refuse one that holds data otherwise. Returns whether it was emptied."""
    held = [(t.name, n) for t in target.tables.tables() if (n := target.tables.count(t.name))]
    if not held:
        return False
    if not replace:
        listed = ", ".join(f"{name} ({rows} rows)" for name, rows in held[:5])
        raise TargetNotEmpty(f"TO holds data ({listed}…): copy into an empty store, or give --replace to empty it")
    target.tables.reset()
    return True


def _copy(
    actor: Actor, source: Store, target: Store, tables: list[Table], source_shown: str
) -> tuple[CopiedTable, ...]:
    """Load every table in one transaction of the target, verify it read back, then commit."""
    tallies: dict[str, Tally] = {}
    with source.tables.snapshot(), target.transaction():
        for table in tables:
            tally = tallies[table.name] = Tally()
            target.tables.load(table, tally.through(source.tables.rows(table)))
        target.tables.finish_load()
        copied = tuple(CopiedTable(t.name, tallies[t.name].count, tallies[t.name].checksum) for t in tables)
        wrong = [
            c.name
            for c, t in zip(copied, tables, strict=True)
            if checksum(target.tables.rows(t)) != (c.rows, c.checksum)
        ]
        if wrong:
            raise CopyMismatch(f"the copy differs from FROM in {', '.join(wrong)}: nothing was written to TO")
        target.audit.record(
            "store.copied",
            actor=actor.name,
            at=actor.now(),
            detail={"from": source_shown, "tables": len(copied), "rows": sum(c.rows for c in copied)},
        )
    return copied
