"""Tags, tagging runs and reviews in either database: :class:`SqlTags`, written once for both.

Tables are created by ``migrations/0002_analysis.sql`` of each adapter. A machine tag is a row of ``tags`` with its
evidence as JSON; re-tagging sets ``is_current`` false on the tagger's earlier rows. A reviewer's decision is a row
of ``reviews``. Each adapter subclasses :class:`SqlTags` for what its database does its own way: how a list of
documents is left out of the review queue (SQLite: a JSON list, PostgreSQL: an array) and, in PostgreSQL, writing
new tags with ``COPY``.
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Generic

from hrdmap.analyse.taggers.base import Passage
from hrdmap.domain.tags import Evidence, EvidenceKind, Tag
from hrdmap.storage.rows import from_row
from hrdmap.storage.sql.session import Row, S, maybe_stamp
from hrdmap.storage.tags import Decision, LabelRow, NewTag, Review, ReviewedExample, StoredTag, TagRun

_TAG_COLUMNS = (
    "t.id, t.block_id, t.framework, t.label, t.score, t.threshold, t.tagger, t.evidence, t.run_id, t.created_at,"
    " t.is_current"
)
#: The columns of ``tags`` a new tag is written in, in the order of :meth:`SqlTags._tag_rows`.
WRITTEN_COLUMNS = "block_id, framework, label, score, threshold, tagger, evidence, run_id, created_at"
_CURRENT_BLOCKS = "JOIN blocks b ON b.id = t.block_id JOIN versions v ON v.id = b.version_id AND v.is_current = TRUE"
_LATEST_REVIEW = (
    "r.id = (SELECT max(r2.id) FROM reviews r2 WHERE r2.block_id = r.block_id AND r2.framework = r.framework"
    " AND r2.label = r.label)"
)
_UNREVIEWED = (
    "NOT EXISTS (SELECT 1 FROM reviews r WHERE r.block_id = t.block_id AND r.framework = t.framework"
    " AND r.label = t.label)"
)


class SqlTags(ABC, Generic[S]):
    """Tags, runs and reviews; implements :class:`hrdmap.storage.tags.TagRepository`.

    Args:
        session: The store's session; transactions (and the audit rows written with them) are the store's.
    """

    def __init__(self, session: S) -> None:
        self._session = session

    @abstractmethod
    def _not_in_documents(self, documents: list[int]) -> tuple[str, Any]:
        """The condition that ``v.document_id`` is none of ``documents`` (sorted, distinct), and its parameter."""

    def start_run(self, taggers: Mapping[str, str], *, actor: str, at: dt.datetime) -> TagRun:
        """Record a tagging run."""
        s, stamp = self._session, self._session.stamp(at)
        run_id = s.insert(
            "INSERT INTO tag_runs (started_at, actor, taggers) VALUES (?, ?, ?)", (stamp, actor, s.json(dict(taggers)))
        )
        return TagRun(run_id, s.from_stamp(stamp), None, actor, dict(taggers))

    def finish_run(self, run_id: int, *, at: dt.datetime) -> None:
        """Mark a run finished."""
        self._session.execute("UPDATE tag_runs SET finished_at = ? WHERE id = ?", (self._session.stamp(at), run_id))

    def runs(self) -> list[TagRun]:
        """Every run, oldest first."""
        s = self._session
        return [
            from_row(
                TagRun,
                r,
                started_at=s.from_stamp(r["started_at"]),
                finished_at=maybe_stamp(s, r["finished_at"]),
                taggers=s.from_json(r["taggers"]),
            )
            for r in s.rows("SELECT * FROM tag_runs ORDER BY id")
        ]

    def replace(
        self, tagger: str, block_ids: Sequence[int], tags: Sequence[NewTag], *, run_id: int, at: dt.datetime
    ) -> None:
        """Flag ``tagger``'s current tags on ``block_ids`` not current, and store ``tags`` as current."""
        rows = self._tag_rows(tagger, tags, run_id=run_id, at=at)
        self._session.execute_in(
            "UPDATE tags SET is_current = FALSE WHERE tagger = ? AND is_current = TRUE AND block_id {ids}",
            block_ids,
            (tagger,),
        )
        self._add_tags(rows)

    def _add_tags(self, rows: Iterator[tuple[Any, ...]]) -> None:
        """Write new tags: the values of :data:`WRITTEN_COLUMNS` for each."""
        self._session.executemany(
            f"INSERT INTO tags ({WRITTEN_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",  # noqa: S608 - constant
            rows,
        )

    def _tag_rows(
        self, tagger: str, tags: Sequence[NewTag], *, run_id: int, at: dt.datetime
    ) -> Iterator[tuple[Any, ...]]:
        """The values of :data:`WRITTEN_COLUMNS` for each of ``tags``, one at a time.

        Raises:
            ValueError: ``at`` has no timezone (at once, before any row).
        """
        s, stamp = self._session, self._session.stamp(at)
        return (
            (
                new.block_id,
                new.tag.framework,
                new.tag.label,
                float(new.tag.score),
                float(new.threshold),
                tagger,
                s.json(evidence_values(new.tag.evidence)),
                run_id,
                stamp,
            )
            for new in tags
        )

    def get(self, tag_id: int) -> StoredTag | None:
        """A tag by id, current or not."""
        row = self._session.one(f"SELECT {_TAG_COLUMNS} FROM tags t WHERE t.id = ?", (tag_id,))  # noqa: S608
        return self._stored_tag(row) if row is not None else None

    def for_blocks(self, block_ids: Sequence[int]) -> dict[int, list[StoredTag]]:
        """Current tags of each paragraph, by block id (by framework, best score first)."""
        rows = self._session.rows_in(
            f"SELECT {_TAG_COLUMNS} FROM tags t WHERE t.is_current = TRUE AND t.block_id {{ids}}",  # noqa: S608
            block_ids,
        )
        found: dict[int, list[StoredTag]] = {}
        for row in sorted(rows, key=lambda r: (r["block_id"], r["framework"], -r["score"], r["id"])):
            found.setdefault(row["block_id"], []).append(self._stored_tag(row))
        return found

    def history(self, block_id: int) -> list[StoredTag]:
        """Every tag a paragraph ever had, oldest first."""
        rows = self._session.rows(f"SELECT {_TAG_COLUMNS} FROM tags t WHERE t.block_id = ? ORDER BY t.id", (block_id,))  # noqa: S608
        return [self._stored_tag(r) for r in rows]

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
        s, stamp = self._session, self._session.stamp(at)
        review_id = s.insert(
            "INSERT INTO reviews (block_id, framework, label, decision, reviewer, at, note, tag_id)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (block_id, framework, label, decision.value, reviewer, stamp, note, tag_id),
        )
        return Review(review_id, block_id, framework, label, decision, reviewer, s.from_stamp(stamp), note, tag_id)

    def reviews_for_blocks(self, block_ids: Sequence[int]) -> dict[int, list[Review]]:
        """Every decision on each paragraph, oldest first."""
        rows = self._session.rows_in("SELECT * FROM reviews WHERE block_id {ids}", block_ids)
        found: dict[int, list[Review]] = {}
        for row in sorted(rows, key=lambda r: r["id"]):
            found.setdefault(row["block_id"], []).append(self._review(row))
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
        where, params = self._waiting(exclude_documents)
        filters = (("t.framework = ?", framework), ("t.label = ?", label), ("v.document_id = ?", document_id))
        for clause, value in filters:
            if value is not None:
                where.append(clause)
                params.append(value)
        statement = (
            f"WITH c AS (SELECT {_TAG_COLUMNS}, abs(t.score - t.threshold) AS margin,"  # noqa: S608
            " row_number() OVER (PARTITION BY t.block_id, t.framework, t.label"
            " ORDER BY abs(t.score - t.threshold), t.id) AS n"
            f" FROM tags t {_CURRENT_BLOCKS} WHERE {' AND '.join(where)} AND {_UNREVIEWED})"
            " SELECT * FROM c WHERE n = 1 ORDER BY margin, id LIMIT ?"
        )
        return [self._stored_tag(r) for r in self._session.rows(statement, (*params, limit))]

    def count_waiting(self, *, limit: int, exclude_documents: Sequence[int] = ()) -> int:
        """How many (paragraph, framework, label)s of :meth:`queue` wait for review, counted up to ``limit``."""
        where, params = self._waiting(exclude_documents)
        statement = (
            "SELECT count(*) AS n FROM (SELECT DISTINCT t.block_id, t.framework, t.label"  # noqa: S608
            f" FROM tags t {_CURRENT_BLOCKS} WHERE {' AND '.join(where)} AND {_UNREVIEWED} LIMIT ?) AS w"
        )
        return int(self._session.value(statement, (*params, limit)))

    def machine_labels(self, frameworks: Sequence[str]) -> list[LabelRow]:
        """Labels of current tags at or above their threshold, on current documents (one row per label)."""
        rows = self._session.rows_in(
            f"SELECT DISTINCT t.block_id, v.document_id, t.framework, t.label FROM tags t {_CURRENT_BLOCKS}"  # noqa: S608
            " WHERE t.is_current = TRUE AND t.score >= t.threshold AND t.framework {ids}",
            frameworks,
        )
        return [from_row(LabelRow, r) for r in rows]

    def latest_reviews(self, frameworks: Sequence[str] | None = None) -> list[tuple[LabelRow, Decision]]:
        """The latest decision on each (paragraph, framework, label) of current documents."""
        rows = self._latest(
            "SELECT r.block_id, v.document_id, r.framework, r.label, r.decision FROM reviews r"
            " JOIN blocks b ON b.id = r.block_id JOIN versions v ON v.id = b.version_id AND v.is_current = TRUE",
            frameworks,
        )
        return [(from_row(LabelRow, r), Decision(r["decision"])) for r in rows]

    def examples(self, frameworks: Sequence[str] | None = None) -> list[ReviewedExample]:
        """The latest decision on each reviewed (paragraph, label), with the paragraph's text, oldest first.

        Paragraphs of earlier versions count too: a reviewed paragraph teaches a classifier whatever version
        it belongs to.
        """
        rows = self._latest(
            "SELECT r.id, r.block_id, r.framework, r.label, r.decision, b.text, b.language, b.heading_path,"
            " b.label AS block_label FROM reviews r JOIN blocks b ON b.id = r.block_id",
            frameworks,
        )
        return [
            ReviewedExample(
                Passage(
                    r["block_id"],
                    r["text"],
                    r["language"],
                    tuple(self._session.from_json(r["heading_path"])),
                    r["block_label"],
                ),
                r["framework"],
                r["label"],
                Decision(r["decision"]),
            )
            for r in sorted(rows, key=lambda r: r["id"])
        ]

    def _latest(self, select: str, frameworks: Sequence[str] | None) -> list[Row]:
        """The rows of ``select`` (from ``reviews r``) for the latest decisions, of ``frameworks`` when given."""
        statement = f"{select} WHERE {_LATEST_REVIEW}"
        if not frameworks:
            return self._session.rows(statement)
        return self._session.rows_in(f"{statement} AND r.framework {{ids}}", frameworks)

    def _waiting(self, exclude_documents: Sequence[int]) -> tuple[list[str], list[Any]]:
        """The conditions of the review queue, and their parameters."""
        if not exclude_documents:
            return ["t.is_current = TRUE"], []
        clause, value = self._not_in_documents(sorted(set(exclude_documents)))
        return ["t.is_current = TRUE", clause], [value]

    def _stored_tag(self, r: Row) -> StoredTag:
        evidence = evidence_from_values(self._session.from_json(r["evidence"]))
        tag = Tag(r["framework"], r["label"], r["score"], r["tagger"], evidence)
        created_at = self._session.from_stamp(r["created_at"])
        return from_row(StoredTag, r, tag=tag, created_at=created_at, current=bool(r["is_current"]))

    def _review(self, r: Row) -> Review:
        return from_row(Review, r, decision=Decision(r["decision"]), at=self._session.from_stamp(r["at"]))


def evidence_values(evidence: Sequence[Evidence]) -> list[dict[str, Any]]:
    """Evidence as the JSON values stored in ``tags.evidence``."""
    return [
        {"kind": e.kind.value, "text": e.text, "start": e.start, "end": e.end, "detail": e.detail} for e in evidence
    ]


def evidence_from_values(values: Sequence[Mapping[str, Any]]) -> tuple[Evidence, ...]:
    """Evidence read back from the JSON values of ``tags.evidence``."""
    return tuple(
        Evidence(
            EvidenceKind(e["kind"]),
            e["text"],
            e.get("start"),
            e.get("end"),
            {str(k): str(v) for k, v in (e.get("detail") or {}).items()},
        )
        for e in values
    )
