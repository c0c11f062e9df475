"""The SQLite implementation of :class:`hrdmap.storage.tags.TagRepository`.

Tables are created by ``migrations/0002_analysis.sql``. A machine tag is a row of ``tags`` with its evidence as
JSON; re-tagging sets ``is_current = 0`` on the tagger's earlier rows. A reviewer's decision is a row of
``reviews``.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Mapping, Sequence

from hrdmap.analyse.taggers.base import Passage
from hrdmap.domain.tags import Evidence, EvidenceKind, Tag
from hrdmap.storage.sqlite.connection import chunks
from hrdmap.storage.sqlite.timestamps import from_text, to_text
from hrdmap.storage.tags import Decision, LabelRow, NewTag, Review, ReviewedExample, StoredTag, TagRun

_TAG_COLUMNS = (
    "t.id, t.block_id, t.framework, t.label, t.score, t.threshold, t.tagger, t.evidence, t.run_id, t.created_at,"
    " t.is_current"
)
_CURRENT_BLOCKS = "JOIN blocks b ON b.id = t.block_id JOIN versions v ON v.id = b.version_id AND v.is_current = 1"
_LATEST_REVIEW = (
    "r.id = (SELECT max(r2.id) FROM reviews r2 WHERE r2.block_id = r.block_id AND r2.framework = r.framework"
    " AND r2.label = r.label)"
)


class SqliteTags:
    """Tags, runs and reviews in the corpus database; implements :class:`hrdmap.storage.tags.TagRepository`.

    Args:
        conn: The store's connection; transactions (and the audit rows written with them) are the store's.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def start_run(self, taggers: Mapping[str, str], *, actor: str, at: dt.datetime) -> TagRun:
        """Record a tagging run."""
        cursor = self._conn.execute(
            "INSERT INTO tag_runs (started_at, actor, taggers) VALUES (?, ?, ?)",
            (to_text(at), actor, json.dumps(dict(taggers), ensure_ascii=False)),
        )
        assert cursor.lastrowid is not None  # noqa: S101 - an INSERT always gives a rowid
        return TagRun(cursor.lastrowid, at, None, actor, dict(taggers))

    def finish_run(self, run_id: int, *, at: dt.datetime) -> None:
        """Mark a run finished."""
        self._conn.execute("UPDATE tag_runs SET finished_at = ? WHERE id = ?", (to_text(at), run_id))

    def runs(self) -> list[TagRun]:
        """Every run, oldest first."""
        return [
            TagRun(
                r["id"],
                from_text(r["started_at"]),
                from_text(r["finished_at"]) if r["finished_at"] else None,
                r["actor"],
                json.loads(r["taggers"]),
            )
            for r in self._conn.execute("SELECT * FROM tag_runs ORDER BY id")
        ]

    def replace(
        self, tagger: str, block_ids: Sequence[int], tags: Sequence[NewTag], *, run_id: int, at: dt.datetime
    ) -> None:
        """Flag ``tagger``'s current tags on ``block_ids`` not current, and store ``tags`` as current."""
        self._conn.executemany(
            "UPDATE tags SET is_current = 0 WHERE tagger = ? AND is_current = 1 AND block_id = ?",
            ((tagger, block_id) for block_id in block_ids),
        )
        self._conn.executemany(
            "INSERT INTO tags (block_id, framework, label, score, threshold, tagger, evidence, run_id, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (
                    new.block_id,
                    new.tag.framework,
                    new.tag.label,
                    float(new.tag.score),
                    float(new.threshold),
                    tagger,
                    evidence_json(new.tag.evidence),
                    run_id,
                    to_text(at),
                )
                for new in tags
            ),
        )

    def get(self, tag_id: int) -> StoredTag | None:
        """A tag by id, current or not."""
        row = self._conn.execute(f"SELECT {_TAG_COLUMNS} FROM tags t WHERE t.id = ?", (tag_id,)).fetchone()  # noqa: S608
        return _stored_tag(row) if row is not None else None

    def for_blocks(self, block_ids: Sequence[int]) -> dict[int, list[StoredTag]]:
        """Current tags of each paragraph, by block id (best score first)."""
        found: dict[int, list[StoredTag]] = {}
        for chunk in chunks(block_ids):
            marks = ",".join("?" * len(chunk))
            rows = self._conn.execute(
                f"SELECT {_TAG_COLUMNS} FROM tags t WHERE t.is_current = 1 AND t.block_id IN ({marks})"  # noqa: S608
                " ORDER BY t.block_id, t.framework, t.score DESC, t.id",
                tuple(chunk),
            )
            for row in rows:
                found.setdefault(row["block_id"], []).append(_stored_tag(row))
        return found

    def history(self, block_id: int) -> list[StoredTag]:
        """Every tag a paragraph ever had, oldest first."""
        rows = self._conn.execute(f"SELECT {_TAG_COLUMNS} FROM tags t WHERE t.block_id = ? ORDER BY t.id", (block_id,))  # noqa: S608
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
        cursor = self._conn.execute(
            "INSERT INTO reviews (block_id, framework, label, decision, reviewer, at, note, tag_id)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (block_id, framework, label, decision.value, reviewer, to_text(at), note, tag_id),
        )
        assert cursor.lastrowid is not None  # noqa: S101 - an INSERT always gives a rowid
        return Review(cursor.lastrowid, block_id, framework, label, decision, reviewer, at, note, tag_id)

    def reviews_for_blocks(self, block_ids: Sequence[int]) -> dict[int, list[Review]]:
        """Every decision on each paragraph, oldest first."""
        found: dict[int, list[Review]] = {}
        for chunk in chunks(block_ids):
            marks = ",".join("?" * len(chunk))
            rows = self._conn.execute(
                f"SELECT * FROM reviews WHERE block_id IN ({marks}) ORDER BY id", tuple(chunk)  # noqa: S608
            )
            for row in rows:
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
        """Unreviewed current tags of current documents, least certain first (one per paragraph and label).

        Certainty is the distance between a tag's score and its threshold; where two taggers gave the same
        label to a paragraph, the less certain tag stands for both.
        """
        where, params = _waiting(exclude_documents)
        filters = (("t.framework = ?", framework), ("t.label = ?", label), ("v.document_id = ?", document_id))
        for clause, value in filters:
            if value is not None:
                where.append(clause)
                params.append(value)
        sql = (
            f"WITH c AS (SELECT {_TAG_COLUMNS}, abs(t.score - t.threshold) AS margin,"  # noqa: S608
            " row_number() OVER (PARTITION BY t.block_id, t.framework, t.label"
            " ORDER BY abs(t.score - t.threshold), t.id) AS n"
            f" FROM tags t {_CURRENT_BLOCKS} WHERE {' AND '.join(where)}"
            " AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.block_id = t.block_id AND r.framework = t.framework"
            " AND r.label = t.label))"
            " SELECT * FROM c WHERE n = 1 ORDER BY margin, id LIMIT ?"
        )
        return [_stored_tag(r) for r in self._conn.execute(sql, (*params, limit))]

    def count_waiting(self, *, limit: int, exclude_documents: Sequence[int] = ()) -> int:
        """How many (paragraph, framework, label)s of :meth:`queue` wait for review, counted up to ``limit``."""
        where, params = _waiting(exclude_documents)
        sql = (
            f"SELECT count(*) FROM (SELECT DISTINCT t.block_id, t.framework, t.label FROM tags t {_CURRENT_BLOCKS}"  # noqa: S608
            f" WHERE {' AND '.join(where)} AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.block_id = t.block_id"
            " AND r.framework = t.framework AND r.label = t.label) LIMIT ?)"
        )
        return int(self._conn.execute(sql, (*params, limit)).fetchone()[0])

    def machine_labels(self, frameworks: Sequence[str]) -> list[LabelRow]:
        """Labels of current tags at or above their threshold, on current documents (one row per label)."""
        marks = ",".join("?" * len(frameworks))
        rows = self._conn.execute(
            "SELECT DISTINCT t.block_id, v.document_id, t.framework, t.label"  # noqa: S608
            f" FROM tags t {_CURRENT_BLOCKS}"
            f" WHERE t.is_current = 1 AND t.score >= t.threshold AND t.framework IN ({marks})",
            tuple(frameworks),
        )
        return [LabelRow(r[0], r[1], r[2], r[3]) for r in rows]

    def latest_reviews(self, frameworks: Sequence[str] | None = None) -> list[tuple[LabelRow, Decision]]:
        """The latest decision on each (paragraph, framework, label) of current documents."""
        rows = self._conn.execute(
            "SELECT r.block_id, v.document_id, r.framework, r.label, r.decision FROM reviews r"  # noqa: S608
            " JOIN blocks b ON b.id = r.block_id JOIN versions v ON v.id = b.version_id AND v.is_current = 1"
            f" WHERE {_LATEST_REVIEW}{_in_frameworks(frameworks)}",
            tuple(frameworks or ()),
        )
        return [(LabelRow(r[0], r[1], r[2], r[3]), Decision(r[4])) for r in rows]

    def examples(self, frameworks: Sequence[str] | None = None) -> list[ReviewedExample]:
        """The latest decision on each reviewed (paragraph, label), with the paragraph's text, oldest first.

        Paragraphs of earlier versions count too: a reviewed paragraph teaches a classifier whatever version
        it belongs to.
        """
        rows = self._conn.execute(
            "SELECT r.block_id, r.framework, r.label, r.decision, b.text, b.language, b.heading_path, b.label"  # noqa: S608
            f" AS block_label FROM reviews r JOIN blocks b ON b.id = r.block_id WHERE {_LATEST_REVIEW}"
            f"{_in_frameworks(frameworks)} ORDER BY r.id",
            tuple(frameworks or ()),
        )
        return [
            ReviewedExample(
                Passage(
                    r["block_id"], r["text"], r["language"], tuple(json.loads(r["heading_path"])), r["block_label"]
                ),
                r["framework"],
                r["label"],
                Decision(r["decision"]),
            )
            for r in rows
        ]


def _waiting(exclude_documents: Sequence[int]) -> tuple[list[str], list[object]]:
    """The conditions of the review queue, and their parameters: documents left out as one JSON list."""
    if not exclude_documents:
        return ["t.is_current = 1"], []
    clause = "v.document_id NOT IN (SELECT value FROM json_each(?))"
    return ["t.is_current = 1", clause], [json.dumps(sorted(set(exclude_documents)))]


def _in_frameworks(frameworks: Sequence[str] | None) -> str:
    return f" AND r.framework IN ({','.join('?' * len(frameworks))})" if frameworks else ""


def evidence_json(evidence: Sequence[Evidence]) -> str:
    """Evidence as the JSON stored in ``tags.evidence``."""
    return json.dumps(
        [{"kind": e.kind.value, "text": e.text, "start": e.start, "end": e.end, "detail": e.detail} for e in evidence],
        ensure_ascii=False,
    )


def evidence_from_json(text: str) -> tuple[Evidence, ...]:
    """Evidence read back from ``tags.evidence``."""
    return tuple(
        Evidence(
            EvidenceKind(e["kind"]),
            e["text"],
            e.get("start"),
            e.get("end"),
            {str(k): str(v) for k, v in (e.get("detail") or {}).items()},
        )
        for e in json.loads(text)
    )


def _stored_tag(r: sqlite3.Row) -> StoredTag:
    tag = Tag(r["framework"], r["label"], r["score"], r["tagger"], evidence_from_json(r["evidence"]))
    return StoredTag(
        id=r["id"],
        block_id=r["block_id"],
        tag=tag,
        threshold=r["threshold"],
        run_id=r["run_id"],
        created_at=from_text(r["created_at"]),
        current=bool(r["is_current"]),
    )


def _review(r: sqlite3.Row) -> Review:
    return Review(
        id=r["id"],
        block_id=r["block_id"],
        framework=r["framework"],
        label=r["label"],
        decision=Decision(r["decision"]),
        reviewer=r["reviewer"],
        at=from_text(r["at"]),
        note=r["note"],
        tag_id=r["tag_id"],
    )
