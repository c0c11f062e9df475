"""The zero-dependency search back-end: SQLite FTS5 in its own file, ranked by ``bm25()``.

FTS5 indexes the same folded terms as the Tantivy back-end (:mod:`hrdmap.search.analysis`) through its
``unicode61 remove_diacritics 2`` tokenizer, so both find the same paragraphs. Snippets come from
:mod:`hrdmap.search.snippets` rather than FTS5's ``highlight()``: the FTS5 columns hold folded terms, and the
marks must sit on the original text.

A query word matches its exact term in the ``terms`` column or any of its tagged stems in the ``stems`` column;
``bm25()`` weighs the exact columns :data:`~hrdmap.search.query.EXACT_BOOST` times the ``stems`` column.

Writes go through their own connection inside one transaction per :meth:`SqliteFtsBackend.commit`; searches
use a second connection and, thanks to WAL, see only committed paragraphs, as with Tantivy. The file records
its schema version (``PRAGMA user_version``); a file of another version is refused, to be rebuilt.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from urllib.parse import quote

from hrdmap.search.analysis import analyse_paragraph
from hrdmap.search.base import IndexedParagraph, SearchHit, SearchQuery
from hrdmap.search.errors import SearchIndexError
from hrdmap.search.query import EXACT_BOOST, STEMS_FIELD, Clause, ParsedQuery, Phrase, parse_query
from hrdmap.search.snippets import make_snippet

FILE_NAME = "fts5.sqlite3"
SCHEMA_VERSION = 2
"""1: words and CJK characters; 2: stems added."""

_SCHEMA = """
CREATE VIRTUAL TABLE IF NOT EXISTS paragraphs USING fts5(
    terms, chars, stems, text UNINDEXED, tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TABLE IF NOT EXISTS paragraph_meta (
    block_id    INTEGER PRIMARY KEY,
    version_id  INTEGER NOT NULL,
    document_id INTEGER NOT NULL,
    language    TEXT,
    symbol      TEXT,
    year        INTEGER
);
CREATE INDEX IF NOT EXISTS paragraph_meta_version ON paragraph_meta (version_id);
"""
_RANK = f"bm25(paragraphs, {EXACT_BOOST:f}, {EXACT_BOOST:f}, 1.0, 0.0)"  # terms, chars, stems, text
_REMOVE_VERSION = (
    "DELETE FROM paragraphs WHERE rowid IN (SELECT block_id FROM paragraph_meta WHERE version_id = ?)",
    "DELETE FROM paragraph_meta WHERE version_id = ?",
)

# The paragraphs drive the join (CROSS JOIN fixes the order): FTS5 finds and ranks, the filters then narrow.
_SEARCH_HEAD = (
    f"SELECT p.rowid, {_RANK}, p.text, m.language FROM paragraphs AS p"  # noqa: S608 (_RANK: constants)
    " CROSS JOIN paragraph_meta AS m ON m.block_id = p.rowid WHERE paragraphs MATCH ?"
)
_SEARCH_TAIL = f" ORDER BY {_RANK} LIMIT ?"


def _connect(path: Path) -> sqlite3.Connection:
    try:
        connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA busy_timeout = 5000")
    except sqlite3.Error as error:
        raise SearchIndexError(f"{path}: cannot open the search index ({error})") from None
    return connection


def _connect_read_only(path: Path) -> sqlite3.Connection:
    """Open the index for reading only: ``mode=ro``, or ``immutable`` when SQLite cannot make its ``-shm`` file.

    An index that does not exist yet reads as empty (an in-memory database with the same tables).
    """
    if not path.is_file():
        connection = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        connection.executescript(_SCHEMA)
        return connection
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    try:
        return _open_uri(uri)
    except sqlite3.OperationalError:
        pass
    try:
        return _open_uri(uri + "&immutable=1")
    except sqlite3.OperationalError as error:
        raise SearchIndexError(f"{path}: cannot open the search index read-only ({error})") from None


def _open_uri(uri: str) -> sqlite3.Connection:
    connection = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    return connection


def _create(connection: sqlite3.Connection, path: Path) -> None:
    """Create the tables in a new file, or refuse a file written with another schema version."""
    try:
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        exists = connection.execute("SELECT 1 FROM sqlite_master WHERE name = 'paragraphs'").fetchone()
        if exists and version != SCHEMA_VERSION:
            raise SearchIndexError(
                f"{path}: the search index was written by another version of hrdmap (schema {version}, "
                f"expected {SCHEMA_VERSION}); run `hrdmap reindex` to rebuild it"
            )
        connection.executescript(_SCHEMA + f"PRAGMA user_version = {SCHEMA_VERSION};")
    except sqlite3.Error as error:
        raise SearchIndexError(f"{path}: cannot create the search index ({error})") from None


def _rows(paragraphs: Iterable[IndexedParagraph]) -> Iterator[tuple[IndexedParagraph, str, str, str]]:
    for paragraph in paragraphs:
        analysed = analyse_paragraph(paragraph.text, paragraph.language)
        yield paragraph, " ".join(analysed.terms), " ".join(analysed.chars), " ".join(analysed.stems)


def _fts_phrase(phrase: Phrase) -> str:
    """An FTS5 phrase limited to its column, or its stems; terms are letters and digits, so quoting is safe."""
    star = " *" if phrase.prefix else ""
    exact = f'{phrase.field} : "{" ".join(phrase.terms)}"{star}'
    return " OR ".join([exact, *(f'{STEMS_FIELD} : "{stem}"' for stem in phrase.stems)])


def _fts_clause(clause: Clause) -> str:
    return "(" + " OR ".join(_fts_phrase(p) for p in clause.alternatives) + ")"


def match_expression(parsed: ParsedQuery, any_clause: bool = False) -> str:
    """The FTS5 ``MATCH`` expression of a parsed query (required clauses joined by AND, or OR)."""
    joiner = " OR " if any_clause else " AND "
    expression = joiner.join(_fts_clause(c) for c in parsed.required)
    if parsed.excluded:
        expression = f"({expression}) NOT (" + " OR ".join(_fts_clause(c) for c in parsed.excluded) + ")"
    return expression


def _in(column: str, values: Sequence[object]) -> str:
    return f"m.{column} IN ({', '.join('?' * len(values))})"


def _filters(query: SearchQuery) -> tuple[list[str], list[object]]:
    """SQL conditions on ``paragraph_meta`` (aliased ``m``) and their parameters."""
    conditions: list[str] = []
    params: list[object] = []
    for column, values in (
        ("document_id", list(query.document_ids)),
        ("language", [code.casefold() for code in query.languages]),
        ("symbol", [symbol.strip().casefold() for symbol in query.symbols]),
    ):
        if values:
            conditions.append(_in(column, values))
            params.extend(values)
    if query.year_from is not None:
        conditions.append("m.year >= ?")
        params.append(query.year_from)
    if query.year_to is not None:
        conditions.append("m.year <= ?")
        params.append(query.year_to)
    return conditions, params


class SqliteFtsBackend:
    """Paragraph search in an SQLite FTS5 table kept in ``directory/fts5.sqlite3``.

    Example::

        backend = SqliteFtsBackend(Path(".hrdmap/search"))
        backend.add(paragraphs)
        backend.commit()
        hits = backend.search(SearchQuery("défenseurs", languages=["fr"]))

    Args:
        directory: Folder for the database file (created when missing).
    """

    name = "sqlite"

    def __init__(self, directory: Path, *, read_only: bool = False) -> None:
        self._path = directory / FILE_NAME
        if read_only:  # both connections read; a write fails with SQLite's "readonly database"
            self._writer = self._reader = _connect_read_only(self._path)
        else:
            directory.mkdir(parents=True, exist_ok=True)
            self._writer = _connect(self._path)
            try:
                _create(self._writer, self._path)
            except SearchIndexError:
                self._writer.close()
                raise
            self._reader = _connect(self._path)
        self._pending_versions: set[int] = set()
        self._lock = threading.Lock()
        self._read_lock = threading.Lock()
        self._closed = False

    def _begin(self) -> None:
        if not self._writer.in_transaction:
            self._writer.execute("BEGIN IMMEDIATE")

    def add(self, paragraphs: Iterable[IndexedParagraph]) -> None:
        """Add paragraphs, visible after :meth:`commit`.

        As with Tantivy, the first paragraph of a version seen since the last commit first removes whatever
        the index held for that version, so indexing a version again never duplicates it.
        """
        with self._lock:
            self._begin()
            for paragraph, terms, chars, stems in _rows(paragraphs):
                if paragraph.version_id not in self._pending_versions:
                    self._remove_version(paragraph.version_id)
                    self._pending_versions.add(paragraph.version_id)
                self._insert(paragraph, terms, chars, stems)

    def _insert(self, paragraph: IndexedParagraph, terms: str, chars: str, stems: str) -> None:
        self._writer.execute(
            "INSERT OR REPLACE INTO paragraphs (rowid, terms, chars, stems, text) VALUES (?, ?, ?, ?, ?)",
            (paragraph.block_id, terms, chars, stems, paragraph.text),
        )
        self._writer.execute(
            "INSERT OR REPLACE INTO paragraph_meta VALUES (?, ?, ?, ?, ?, ?)",
            (
                paragraph.block_id,
                paragraph.version_id,
                paragraph.document_id,
                paragraph.language.casefold() if paragraph.language else None,
                paragraph.symbol.strip().casefold() if paragraph.symbol else None,
                paragraph.year,
            ),
        )

    def _remove_version(self, version_id: int) -> None:
        for statement in _REMOVE_VERSION:
            self._writer.execute(statement, (version_id,))

    def remove_versions(self, version_ids: Iterable[int]) -> None:
        """Remove every paragraph of these versions, at the next :meth:`commit`."""
        with self._lock:
            self._begin()
            for version_id in version_ids:
                self._remove_version(version_id)

    def commit(self) -> None:
        """Make additions and removals durable and visible to searches."""
        with self._lock:
            if self._writer.in_transaction:
                self._writer.execute("COMMIT")
            self._pending_versions.clear()

    def clear(self) -> None:
        """Remove every paragraph, at the next :meth:`commit` (searches see the old index until then)."""
        with self._lock:
            self._begin()
            self._writer.execute("DELETE FROM paragraphs")
            self._writer.execute("DELETE FROM paragraph_meta")
            self._pending_versions.clear()

    def close(self) -> None:
        """Discard uncommitted changes and close both connections."""
        with self._lock, self._read_lock:
            if self._closed:
                return
            if self._writer.in_transaction:
                self._writer.execute("ROLLBACK")
            self._writer.close()
            if self._reader is not self._writer:
                self._reader.close()
            self._closed = True

    def search(self, query: SearchQuery) -> list[SearchHit]:
        """Ranked hits with snippets; all words must match, or any of them when all together match nothing."""
        parsed = parse_query(query.text, query.languages)
        if not parsed.required or query.limit <= 0:
            return []
        rows = self._ranked(match_expression(parsed), query)
        if not rows and len(parsed.required) > 1:
            rows = self._ranked(match_expression(parsed, any_clause=True), query)
        terms, prefixes, stems = parsed.highlight_terms(), parsed.highlight_prefixes(), parsed.highlight_stems()
        return [
            SearchHit(id_, -rank, make_snippet(text, terms, prefixes, stems=stems, language=language))
            for id_, rank, text, language in rows
        ]

    def _ranked(self, expression: str, query: SearchQuery) -> list[tuple[int, float, str, str | None]]:
        conditions, params = _filters(query)
        where = "".join(f" AND {condition}" for condition in conditions)  # fixed column names, values bound
        sql = _SEARCH_HEAD + where + _SEARCH_TAIL
        with self._read_lock:
            return self._reader.execute(sql, [expression, *params, query.limit]).fetchall()
