"""The hash chain of the audit trail: how an entry's hash is made, and how a chain is checked.

Each entry stores the hash of the entry before it (``previous_hash``) and its own ``hash``: the SHA-256 of a
canonical serialisation of its id, time, actor, action, subject, detail and previous hash
(:func:`canonical`). Changing any field of an entry changes its hash; recomputing that hash changes the next
entry's link; so one cannot change, remove, insert or reorder an entry without every hash after it changing,
down to the latest one (the **head**). Keeping the head somewhere else (a printed report, a ticket, another
machine) lets anyone check later that nothing before it changed, and that nothing was cut from the end
(``hrdmap audit verify --expect-head``), which the chain alone cannot show.

The chain has no secret key: someone who can write to the database can rebuild a whole consistent chain.
What it proves is that the trail is the one whose head was recorded, not who wrote it (docs/threat-model.md).

Example::

    first = entry_hash(1, at, "ana", "batch.started", "batch:1", {"files": 3}, GENESIS)
    report = verify(lambda: entries)    # entries oldest first
    report.intact, report.head          # True, the latest entry's hash
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from hrdmap.storage.audit import AuditEntry
from hrdmap.storage.utc import utc_text

#: The previous hash of the first entry.
GENESIS = "0" * 64
#: Names the serialisation; a new one would be a new version here and a migration.
VERSION = "hrdmap-audit-1"


def detail_json(detail: Mapping[str, object] | None) -> str:
    """The detail as stored: JSON text, values JSON cannot hold written as text."""
    return json.dumps(dict(detail or {}), ensure_ascii=False, default=str)


def canonical(entry: AuditEntry) -> bytes:
    """The bytes an entry's hash is taken over: its fields but its own hash, as a JSON array, keys sorted, no
    spaces, UTF-8; the time as ISO 8601 UTC text with microseconds (:func:`~hrdmap.storage.utc.utc_text`).

    The detail is serialised from its value (as read back from the stored JSON), so both adapters, and a copy of
    the store from one into the other, give the same bytes.
    """
    fields = [
        VERSION,
        entry.id,
        utc_text(entry.at),
        entry.actor,
        entry.action,
        entry.subject,
        dict(entry.detail),
        entry.previous_hash,
    ]
    return json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def own_hash(entry: AuditEntry) -> str:
    """What ``entry``'s hash should be, from its fields: the SHA-256 (hex) of :func:`canonical`."""
    return hashlib.sha256(canonical(entry)).hexdigest()


def entry_hash(
    entry_id: int,
    at: dt.datetime,
    actor: str,
    action: str,
    subject: str | None,
    detail: Mapping[str, object],
    previous_hash: str,
) -> str:
    """The hash of the entry with these fields (:func:`own_hash`)."""
    return own_hash(AuditEntry(entry_id, at, actor, action, subject, detail, previous_hash))


@dataclass(frozen=True, slots=True)
class Break:
    """Where a chain stops holding, and the likeliest reason.

    Attributes:
        entry_id: The first entry that does not hold (for a removal: the entry after the gap).
        kind: ``changed``, ``deleted``, ``inserted``, ``reordered`` or ``unchained``.
        reason: One sentence saying what was found.
    """

    entry_id: int
    kind: str
    reason: str


@dataclass(frozen=True, slots=True)
class ChainReport:
    """What :func:`verify` found.

    Attributes:
        entries: How many entries were checked.
        head_id: The latest intact entry's id (0 when none).
        head: Its hash (:data:`GENESIS` when none).
        broken: The first break, or ``None`` when the chain holds.
        expected_head_found: With an expected head: whether an intact entry carries it (``None`` without one).
    """

    entries: int
    head_id: int
    head: str
    broken: Break | None = None
    expected_head_found: bool | None = None

    @property
    def intact(self) -> bool:
        """Whether the chain holds, and holds the expected head when one was given."""
        return self.broken is None and self.expected_head_found is not False


def verify(read: Callable[[], Iterable[AuditEntry]], *, expect_head: str | None = None) -> ChainReport:
    """Walk a chain oldest first and report the first entry that breaks it.

    An entry breaks the chain when its own fields do not give its hash (``changed``), or when its link does not
    name the hash of the entry before it. Then the chain is read once more to say why: the link names a later
    entry (``reordered``), an earlier one (``inserted``: the entry claims a place another entry holds), the
    entry before it (``inserted``: that one was put in between), or no entry at all (``deleted`` when the ids
    jump, else ``changed``: the entry before it was changed and its hash recomputed).

    Args:
        read: Gives the entries in id order, from the first (streamed: memory does not grow with the trail).
        expect_head: A head recorded earlier: the report says whether an intact entry carries it.
    """
    count, previous, broken = 0, None, None
    wanted = expect_head.strip().lower() if expect_head else None
    found = wanted == GENESIS if wanted is not None else None
    for entry in read():
        broken = _check(entry, previous)
        if broken is not None:
            broken = _diagnose(broken, entry, previous, read)
            break
        count += 1
        previous = entry
        if wanted is not None and entry.hash == wanted:
            found = True
    head_id, head = (previous.id, previous.hash) if previous is not None else (0, GENESIS)
    return ChainReport(count, head_id, head, broken, found)


def _check(entry: AuditEntry, previous: AuditEntry | None) -> Break | None:
    """The break ``entry`` makes (kind ``?`` when only its link is wrong: :func:`_diagnose_link` says why)."""
    if not entry.hash:
        return Break(entry.id, "unchained", f"entry {entry.id} has no hash: it was written around the chain")
    if own_hash(entry) != entry.hash:
        return Break(entry.id, "changed", f"entry {entry.id} was changed: its fields no longer give its hash")
    expected = previous.hash if previous is not None else GENESIS
    if entry.previous_hash != expected:
        return Break(entry.id, "?", "")
    return None


def _diagnose(
    found: Break, entry: AuditEntry, previous: AuditEntry | None, read: Callable[[], Iterable[AuditEntry]]
) -> Break:
    """Why ``entry`` breaks the chain after ``previous`` (the last intact entry, or none when it is the first).

    An entry whose fields do not give its hash is ``changed``, unless its link names a later entry's hash: then
    entries were swapped (their ids, which are hashed, no longer match): ``reordered``.
    """
    if found.kind == "changed":
        named = _named(entry, read)
        if named is not None and named > entry.id:
            return Break(
                entry.id, "reordered", f"entry {entry.id} is out of order: it follows entry {named}, a later one"
            )
        return found
    if found.kind != "?":
        return found
    if previous is not None and entry.previous_hash == previous.previous_hash:
        return Break(
            previous.id, "inserted", f"entry {previous.id} was inserted: entry {entry.id} follows the entry before it"
        )
    named = _named(entry, read)
    if named is not None and named > entry.id:
        return Break(entry.id, "reordered", f"entry {entry.id} is out of order: it follows entry {named}, a later one")
    if named is not None:
        return Break(
            entry.id,
            "inserted",
            f"entry {entry.id} was inserted: it claims to follow entry {named}, which another follows",
        )
    first_missing = previous.id + 1 if previous is not None else 1
    if entry.id > first_missing:
        if entry.id == first_missing + 1:
            return Break(entry.id, "deleted", f"entry {first_missing}, before entry {entry.id}, was deleted")
        gone = f"entries {first_missing} to {entry.id - 1}, before entry {entry.id}, were deleted"
        return Break(entry.id, "deleted", gone)
    if previous is None:
        return Break(entry.id, "changed", f"entry {entry.id} does not start the chain")
    return Break(
        previous.id,
        "changed",
        f"entry {previous.id} was changed and its hash recomputed: entry {entry.id} names another hash",
    )


def _named(entry: AuditEntry, read: Callable[[], Iterable[AuditEntry]]) -> int | None:
    """The id of the entry whose hash ``entry`` names as the previous one, if any does."""
    return next((e.id for e in read() if e.hash == entry.previous_hash and e.id != entry.id), None)
