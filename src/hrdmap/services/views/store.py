"""Views of the store itself: a copy of one store into another (``hrdmap migrate-store``)."""

from __future__ import annotations

from hrdmap.services.store_copy import StoreCopy


def store_copy_view(done: StoreCopy) -> dict[str, object]:
    """What ``hrdmap migrate-store --json`` copied: from and to (URLs without passwords), whether the target was
    emptied first, and each table with its rows and the SHA-256 that matched on both sides."""
    return {
        "from": done.source,
        "to": done.target,
        "replaced": done.replaced,
        "tables": [{"name": t.name, "rows": t.rows, "sha256": t.checksum} for t in done.tables],
    }
