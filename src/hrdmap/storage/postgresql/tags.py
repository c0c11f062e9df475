"""The PostgreSQL implementation of :class:`hrdmap.storage.tags.TagRepository`.

Tables are created by ``migrations/0002_analysis.sql``; the same rows as the SQLite adapter's (see
:mod:`hrdmap.storage.sqlite.tags`), tags written with ``COPY``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from psycopg.rows import DictRow

from hrdmap.analyse.taggers.base import Passage
from hrdmap.domain.tags import Evidence, EvidenceKind, Tag
from hrdmap.storage.postgresql.connection import Database
from hrdmap.storage.postgresql.values import maybe_utc, stamp, to_json, utc
from hrdmap.storage.tags import Decision, LabelRow, NewTag, Review, ReviewedExample, StoredTag, TagRun

_TAG_COLUMNS = (
    "t.id, t.block_id, t.framework, t.label, t.score, t.threshold, t.tagger, t.evidence, t.run_id, t.created_at,"
    " t.is_current"
)
_CURRENT_BLOCKS = "JOIN blocks b ON b.id = t.block_id JOIN versions v ON v.id = b.version_id AND v.is_current"
_LATEST_REVIEW = (
    "r.id = (SELECT max(r2.id) FROM reviews r2 WHERE r2.block_id = r.block_id AND r2.framework = r.framework"
    " AND r2.label = r.label)"
)


class PostgresTags:
    """Tags, runs and reviews in PostgreSQL; implements :class:`hrdmap.storage.tags.TagRepository`.

    Args:
        db: The store's connections; transactions (and the audit rows written with them) are the store's.
    """

    def __init__(self, db: Database) -> None:
        self._db = db

    def start_run(self, taggers: Mapping[str, str], *, actor: str, at: dt.datetime) -> TagRun:
        """Record a tagging run."""
        at = stamp(at)
        run_id = self._db.value(
            "INSERT INTO tag_runs (started_at, actor, taggers) VALUES (%s, %s, %s) RETURNING id",
            (at, actor, to_json(dict(taggers))),
        )
        return TagRun(int(run_id), at, None, actor, dict(taggers))

    def finish_run(self, run_id: int, *, at: dt.datetime) -> None:
        """Mark a run finished."""
        self._db.execute("UPDATE tag_runs SET finished_at = %s WHERE id = %s", (stamp(at), run_id))

    def runs(self) -> list[TagRun]:
        """Every run, oldest first."""
        return [
            TagRun(r["id"], utc(r["started_at"]), maybe_utc(r["finished_at"]), r["actor"], r["taggers"])
            for r in self._db.rows("SELECT * FROM tag_runs ORDER BY id")
        ]

    def replace(
        self, tagger: str, block_ids: Sequence[int], tags: Sequence[NewTag], *, run_id: int, at: dt.datetime
    ) -> None:
        """Flag ``tagger``'s current tags on ``block_ids`` not current, and store ``tags`` as current."""
        at = stamp(at)
        self._db.execute(
            "UPDATE tags SET is_current = FALSE WHERE tagger = %s AND is_current AND block_id = ANY(%s)",
            (tagger, list(block_ids)),
        )
        columns = "block_id, framework, label, score, threshold, tagger, evidence, run_id, created_at"
        with self._db.connection() as conn, conn.cursor() as cursor:
            with cursor.copy(f"COPY tags ({columns}) FROM STDIN") as copy:  # noqa: S608 - constant
                for new in tags:
                    tag = new.tag
                    copy.write_row(
                        (
                            new.block_id,
                            tag.framework,
                            tag.label,
                            float(tag.score),
                            float(new.threshold),
                            tagger,
                            evidence_json(tag.evidence),
                            run_id,
                            at,
                        )
                    )

    def get(self, tag_id: int) -> StoredTag | None:
        """A tag by id, current or not."""
        row = self._db.one(f"SELECT {_TAG_COLUMNS} FROM tags t WHERE t.id = %s", (tag_id,))  # noqa: S608
        return _stored_tag(row) if row is not None else None

    def for_blocks(self, block_ids: Sequence[int]) -> dict[int, list[StoredTag]]:
        """Current tags of each paragraph, by block id (best score first)."""
        found: dict[int, list[StoredTag]] = {}
        rows = self._db.rows(
            f"SELECT {_TAG_COLUMNS} FROM tags t WHERE t.is_current AND t.block_id = ANY(%s)"  # noqa: S608
            ' ORDER BY t.block_id, t.framework COLLATE "C", t.score DESC, t.id',
            (list(block_ids),),
        )
        for row in rows:
            found.setdefault(row["block_id"], []).append(_stored_tag(row))
        return found

    def history(self, block_id: int) -> list[StoredTag]:
        """Every tag a paragraph ever had, oldest first."""
        rows = self._db.rows(f"SELECT {_TAG_COLUMNS} FROM tags t WHERE t.block_id = %s ORDER BY t.id", (block_id,))  # noqa: S608
        return [_stored_tag(r) for r in rows]

    def add_review(
        self,
        block_id: int,
        framework: str,
        label: str,
        decision: Decision,
        *,
        reviewer: str,
        at: dt.datetime,
        note: str | None = None,
        tag_id: int | None = None,
    ) -> Review:
        """Store a decision (the machine tag it answers is left as it is)."""
        at = stamp(at)
        review_id = self._db.value(
            "INSERT INTO reviews (block_id, framework, label, decision, reviewer, at, note, tag_id)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s, %s) RETURNING id",
            (block_id, framework, label, decision.value, reviewer, at, note, tag_id),
        )
        return Review(int(review_id), block_id, framework, label, decision, reviewer, at, note, tag_id)

    def reviews_for_blocks(self, block_ids: Sequence[int]) -> dict[int, list[Review]]:
        """Every decision on each paragraph, oldest first."""
        found: dict[int, list[Review]] = {}
        for row in self._db.rows("SELECT * FROM reviews WHERE block_id = ANY(%s) ORDER BY id", (list(block_ids),)):
            found.setdefault(row["block_id"], []).append(_review(row))
        return found

    def queue(
        self,
        *,
        framework: str | None = None,
        label: str | None = None,
        document_id: int | None = None,
        limit: int = 50,
        exclude_documents: Sequence[int] = (),
    ) -> list[StoredTag]:
        """Unreviewed current tags of current documents, least certain first (one per paragraph and label)."""
        where, params = _waiting(exclude_documents)
        filters = (("t.framework = %s", framework), ("t.label = %s", label), ("v.document_id = %s", document_id))
        for clause, value in filters:
            if value is not None:
                where.append(clause)
                params.append(value)
        query = (
            f"WITH c AS (SELECT {_TAG_COLUMNS}, abs(t.score - t.threshold) AS margin,"  # noqa: S608
            " row_number() OVER (PARTITION BY t.block_id, t.framework, t.label"
            " ORDER BY abs(t.score - t.threshold), t.id) AS n"
            f" FROM tags t {_CURRENT_BLOCKS} WHERE {' AND '.join(where)}"
            " AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.block_id = t.block_id AND r.framework = t.framework"
            " AND r.label = t.label))"
            " SELECT * FROM c WHERE n = 1 ORDER BY margin, id LIMIT %s"
        )
        return [_stored_tag(r) for r in self._db.rows(query, (*params, limit))]

    def count_waiting(self, *, limit: int, exclude_documents: Sequence[int] = ()) -> int:
        """How many (paragraph, framework, label)s of :meth:`queue` wait for review, counted up to ``limit``."""
        where, params = _waiting(exclude_documents)
        query = (
            f"SELECT count(*) AS n FROM (SELECT DISTINCT t.block_id, t.framework, t.label FROM tags t {_CURRENT_BLOCKS}"  # noqa: S608
            f" WHERE {' AND '.join(where)} AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.block_id = t.block_id"
            " AND r.framework = t.framework AND r.label = t.label) LIMIT %s) AS w"
        )
        return int(self._db.value(query, (*params, limit)))

    def machine_labels(self, frameworks: Sequence[str]) -> list[LabelRow]:
        """Labels of current tags at or above their threshold, on current documents (one row per label)."""
        rows = self._db.rows(
            "SELECT DISTINCT t.block_id, v.document_id, t.framework, t.label"  # noqa: S608
            f" FROM tags t {_CURRENT_BLOCKS}"
            " WHERE t.is_current AND t.score >= t.threshold AND t.framework = ANY(%s)",
            (list(frameworks),),
        )
        return [LabelRow(r["block_id"], r["document_id"], r["framework"], r["label"]) for r in rows]

    def latest_reviews(self, frameworks: Sequence[str] | None = None) -> list[tuple[LabelRow, Decision]]:
        """The latest decision on each (paragraph, framework, label) of current documents."""
        rows = self._db.rows(
            "SELECT r.block_id, v.document_id, r.framework, r.label, r.decision FROM reviews r"  # noqa: S608
            " JOIN blocks b ON b.id = r.block_id JOIN versions v ON v.id = b.version_id AND v.is_current"
            f" WHERE {_LATEST_REVIEW}{_in_frameworks(frameworks)}",
            _frameworks_param(frameworks),
        )
        return [
            (LabelRow(r["block_id"], r["document_id"], r["framework"], r["label"]), Decision(r["decision"]))
            for r in rows
        ]

    def examples(self, frameworks: Sequence[str] | None = None) -> list[ReviewedExample]:
        """The latest decision on each reviewed (paragraph, label), with the paragraph's text, oldest first."""
        rows = self._db.rows(
            "SELECT r.block_id, r.framework, r.label, r.decision, b.text, b.language, b.heading_path, b.label"  # noqa: S608
            f" AS block_label FROM reviews r JOIN blocks b ON b.id = r.block_id WHERE {_LATEST_REVIEW}"
            f"{_in_frameworks(frameworks)} ORDER BY r.id",
            _frameworks_param(frameworks),
        )
        return [
            ReviewedExample(
                Passage(r["block_id"], r["text"], r["language"], tuple(r["heading_path"]), r["block_label"]),
                r["framework"],
                r["label"],
                Decision(r["decision"]),
            )
            for r in rows
        ]


def _in_frameworks(frameworks: Sequence[str] | None) -> str:
    return " AND r.framework = ANY(%s)" if frameworks else ""


def _frameworks_param(frameworks: Sequence[str] | None) -> tuple[Any, ...]:
    return (list(frameworks),) if frameworks else ()


def evidence_json(evidence: Sequence[Evidence]) -> str:
    """Evidence as the JSON stored in ``tags.evidence`` (the same text as the SQLite adapter's)."""
    return to_json(
        [{"kind": e.kind.value, "text": e.text, "start": e.start, "end": e.end, "detail": e.detail} for e in evidence]
    )


def _evidence(value: list[dict[str, Any]]) -> tuple[Evidence, ...]:
    return tuple(
        Evidence(
            EvidenceKind(e["kind"]),
            e["text"],
            e.get("start"),
            e.get("end"),
            {str(k): str(v) for k, v in (e.get("detail") or {}).items()},
        )
        for e in value
    )


def _stored_tag(r: DictRow) -> StoredTag:
    tag = Tag(r["framework"], r["label"], r["score"], r["tagger"], _evidence(r["evidence"]))
    return StoredTag(
        id=r["id"],
        block_id=r["block_id"],
        tag=tag,
        threshold=r["threshold"],
        run_id=r["run_id"],
        created_at=utc(r["created_at"]),
        current=bool(r["is_current"]),
    )


def _review(r: DictRow) -> Review:
    return Review(
        id=r["id"],
        block_id=r["block_id"],
        framework=r["framework"],
        label=r["label"],
        decision=Decision(r["decision"]),
        reviewer=r["reviewer"],
        at=utc(r["at"]),
        note=r["note"],
        tag_id=r["tag_id"],
    )


def _waiting(exclude_documents: Sequence[int]) -> tuple[list[str], list[Any]]:
    """The conditions of the review queue, and their parameters."""
    if not exclude_documents:
        return ["t.is_current"], []
    return ["t.is_current", "NOT (v.document_id = ANY(%s))"], [sorted(set(exclude_documents))]
