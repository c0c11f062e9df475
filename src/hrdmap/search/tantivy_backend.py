"""The default search back-end: a Tantivy index in a folder, ranked by BM25.

Paragraphs are analysed in Python (:mod:`hrdmap.search.analysis`) and handed to Tantivy as folded terms joined
by spaces, which a whitespace tokenizer splits again; the SQLite back-end indexes the very same terms, so both
find the same paragraphs. The original text and language are stored beside the terms for snippets.

A query word matches its exact term (boosted by :data:`~hrdmap.search.query.EXACT_BOOST`) or any of its tagged
stems, as one flat disjunction of term queries. Of the shapes measured (a required union of stems with the exact
term optional, per word or for the whole query; constant-score matching), this flat one was the fastest; a
disjunction still costs about twice a single term inside a conjunction (see ``docs/benchmarks.md``).

Filters are boolean clauses with a constant score of zero, so they narrow the hits without changing their
order. Only one process may write an index at a time (Tantivy holds a lock file while a writer is open); the
writer is opened on the first change, so processes that only search never take the lock.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from collections.abc import Iterable
from pathlib import Path

import tantivy
from tantivy import FieldType, Occur, Query

from hrdmap.search.analysis import analyse_paragraph
from hrdmap.search.base import IndexedParagraph, SearchHit, SearchQuery
from hrdmap.search.errors import SearchIndexError
from hrdmap.search.query import (
    CHARS_FIELD,
    EXACT_BOOST,
    STEMS_FIELD,
    TERMS_FIELD,
    Clause,
    ParsedQuery,
    Phrase,
    parse_query,
)
from hrdmap.search.snippets import make_snippet

_TOKENIZER = "hrdmap_terms"
_INDEX_FOLDER = "tantivy"
DEFAULT_HEAP_BYTES = 96_000_000
"""Memory the writer buffers before it writes a segment (Tantivy needs at least 15 MB per thread)."""


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field(TERMS_FIELD, tokenizer_name=_TOKENIZER, index_option="position")
    builder.add_text_field(CHARS_FIELD, tokenizer_name=_TOKENIZER, index_option="freq")
    builder.add_text_field(STEMS_FIELD, tokenizer_name=_TOKENIZER, index_option="freq")
    builder.add_bytes_field("text", stored=True, indexed=False)
    builder.add_integer_field("block_id", stored=True, indexed=True)
    builder.add_integer_field("version_id", indexed=True)
    builder.add_integer_field("document_id", indexed=True)
    builder.add_text_field("language", stored=True, tokenizer_name="raw", index_option="basic")
    builder.add_text_field("symbol", tokenizer_name="raw", index_option="basic")
    builder.add_integer_field("year", indexed=True, fast=True)
    return builder.build()


def _document(paragraph: IndexedParagraph) -> tantivy.Document:
    analysed = analyse_paragraph(paragraph.text, paragraph.language)
    doc = tantivy.Document()
    doc.add_text(TERMS_FIELD, " ".join(analysed.terms))
    if analysed.chars:
        doc.add_text(CHARS_FIELD, " ".join(analysed.chars))
    if analysed.stems:
        doc.add_text(STEMS_FIELD, " ".join(analysed.stems))
    doc.add_bytes("text", paragraph.text.encode("utf-8"))
    doc.add_integer("block_id", paragraph.block_id)
    doc.add_integer("version_id", paragraph.version_id)
    doc.add_integer("document_id", paragraph.document_id)
    if paragraph.language:
        doc.add_text("language", paragraph.language.casefold())
    if paragraph.symbol:
        doc.add_text("symbol", paragraph.symbol.strip().casefold())
    if paragraph.year is not None:
        doc.add_integer("year", paragraph.year)
    return doc


class TantivyBackend:
    """Paragraph search in a Tantivy index kept in ``directory/tantivy``.

    Example::

        backend = TantivyBackend(Path(".hrdmap/search"))
        backend.add(paragraphs)
        backend.commit()
        hits = backend.search(SearchQuery('"human rights defenders"', year_from=2018))

    Args:
        directory: Folder for the index (created when missing).
        heap_bytes: Writer memory before a segment is written.
        threads: Writer threads (the Python side analyses text on its own thread).

    Raises:
        SearchIndexError: The folder holds an index this version cannot read.
    """

    name = "tantivy"

    def __init__(
        self, directory: Path, heap_bytes: int = DEFAULT_HEAP_BYTES, threads: int = 1, *, read_only: bool = False
    ) -> None:
        self._path = directory / _INDEX_FOLDER
        self._links: Path | None = None
        if read_only:
            self._links = _linked_copy(self._path)
        else:
            self._path.mkdir(parents=True, exist_ok=True)
        self._schema = _schema()
        try:
            self._index = tantivy.Index(self._schema, path=str(self._links or self._path), reuse=True)
        except ValueError as error:
            self._remove_links()
            raise SearchIndexError(
                f"{self._path}: cannot open the search index ({error}); "
                "run `hrdmap reindex` to rebuild it"
            ) from None
        analyzer = tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).build()
        self._index.register_tokenizer(_TOKENIZER, analyzer)
        self._heap_bytes = heap_bytes
        self._threads = threads
        self._writer: tantivy.IndexWriter | None = None
        self._pending_versions: set[int] = set()
        self._lock = threading.Lock()

    def _open_writer(self) -> tantivy.IndexWriter:
        if self._writer is None:
            try:
                self._writer = self._index.writer(heap_size=self._heap_bytes, num_threads=self._threads)
            except ValueError as error:
                raise SearchIndexError(
                    f"{self._path}: cannot write the search index ({error}); "
                    "is another hrdmap process writing it?"
                ) from None
        return self._writer

    def add(self, paragraphs: Iterable[IndexedParagraph]) -> None:
        """Add paragraphs, visible after :meth:`commit`.

        The first paragraph of a version seen since the last commit first removes whatever the index held
        for that version, so indexing a version again never duplicates it: add all of a version's paragraphs
        before committing.
        """
        with self._lock:
            writer = self._open_writer()
            for paragraph in paragraphs:
                if paragraph.version_id not in self._pending_versions:
                    writer.delete_documents_by_term("version_id", paragraph.version_id)
                    self._pending_versions.add(paragraph.version_id)
                writer.add_document(_document(paragraph))

    def remove_versions(self, version_ids: Iterable[int]) -> None:
        """Remove every paragraph of these versions, at the next :meth:`commit`."""
        with self._lock:
            writer = self._open_writer()
            for version_id in version_ids:
                writer.delete_documents_by_term("version_id", version_id)

    def commit(self) -> None:
        """Make additions and removals durable and visible to searches."""
        with self._lock:
            if self._writer is None:
                return
            self._writer.commit()
            self._pending_versions.clear()
        self._index.reload()

    def clear(self) -> None:
        """Remove every paragraph, at the next :meth:`commit` (searches see the old index until then)."""
        with self._lock:
            self._open_writer().delete_all_documents()
            self._pending_versions.clear()

    def close(self) -> None:
        """Discard uncommitted changes, let merges finish and release the writer lock."""
        with self._lock:
            if self._writer is not None:
                self._writer.rollback()
                self._writer.wait_merging_threads()
                self._writer = None
            self._remove_links()

    def _remove_links(self) -> None:
        if self._links is not None:
            shutil.rmtree(self._links, ignore_errors=True)
            self._links = None

    def search(self, query: SearchQuery) -> list[SearchHit]:
        """Ranked hits with snippets; all words must match, or any of them when all together match nothing."""
        parsed = parse_query(query.text, query.languages)
        if not parsed.required or query.limit <= 0:
            return []
        searcher = self._index.searcher()
        filters = self._filters(query)
        hits = searcher.search(
            self._compose(parsed, filters, any_clause=False), query.limit, count=False
        ).hits
        if not hits and len(parsed.required) > 1:
            hits = searcher.search(
                self._compose(parsed, filters, any_clause=True), query.limit, count=False
            ).hits
        terms, prefixes, stems = parsed.highlight_terms(), parsed.highlight_prefixes(), parsed.highlight_stems()
        found: list[SearchHit] = []
        for score, address in hits:
            doc = searcher.doc(address)
            text: bytes = doc["text"][0]
            block_id: int = doc["block_id"][0]
            language: str | None = doc.get_first("language")
            snippet = make_snippet(text.decode("utf-8"), terms, prefixes, stems=stems, language=language)
            found.append(SearchHit(block_id, float(score), snippet))
        return found

    def _phrase(self, phrase: Phrase) -> Query:
        if phrase.prefix:
            return Query.phrase_prefix_query(self._schema, phrase.field, list(phrase.terms))
        if len(phrase.terms) > 1:
            return Query.phrase_query(self._schema, phrase.field, list(phrase.terms))
        exact = Query.term_query(self._schema, phrase.field, phrase.terms[0], index_option="freq")
        if not phrase.stems:
            return exact
        stems = [Query.term_query(self._schema, STEMS_FIELD, stem, index_option="freq") for stem in phrase.stems]
        return Query.boolean_query(
            [(Occur.Should, Query.boost_query(exact, EXACT_BOOST)), *((Occur.Should, q) for q in stems)]
        )

    def _clause(self, clause: Clause) -> Query:
        if len(clause.alternatives) == 1:
            return self._phrase(clause.alternatives[0])
        return Query.boolean_query([(Occur.Should, self._phrase(p)) for p in clause.alternatives])

    def _compose(self, parsed: ParsedQuery, filters: list[Query], any_clause: bool) -> Query:
        """The Tantivy query: required clauses (all, or any), exclusions, and zero-scored filters."""
        required = [self._clause(c) for c in parsed.required]
        excluded = [(Occur.MustNot, self._clause(c)) for c in parsed.excluded]
        if len(required) == 1 and not excluded and not filters:
            return required[0]
        occur = Occur.Should if any_clause else Occur.Must
        text = required[0] if len(required) == 1 else Query.boolean_query([(occur, q) for q in required])
        narrowing = [(Occur.Must, Query.const_score_query(f, 0.0)) for f in filters]
        return Query.boolean_query([(Occur.Must, text), *excluded, *narrowing])

    def _filters(self, query: SearchQuery) -> list[Query]:
        filters: list[Query] = []
        if query.document_ids:
            filters.append(Query.term_set_query(self._schema, "document_id", list(query.document_ids)))
        if query.languages:
            codes = [code.casefold() for code in query.languages]
            filters.append(Query.term_set_query(self._schema, "language", codes))
        if query.symbols:
            symbols = [symbol.strip().casefold() for symbol in query.symbols]
            filters.append(Query.term_set_query(self._schema, "symbol", symbols))
        if query.year_from is not None or query.year_to is not None:
            filters.append(
                Query.range_query(self._schema, "year", FieldType.Integer, query.year_from, query.year_to)
            )
        return filters


def _linked_copy(index: Path) -> Path:
    """A private temporary folder of links to the index's files, for reading an index that cannot be written.

    Tantivy creates a lock file even to read, which a read-only folder refuses; its segment files never change
    once written, so links to them read the index as it is, and the lock files go to the temporary folder.
    """
    links = Path(tempfile.mkdtemp(prefix="hrdmap-index-"))  # 0700
    if index.is_dir():
        for file in index.iterdir():
            if file.is_file() and not file.name.endswith(".lock"):
                (links / file.name).symlink_to(file.resolve())
    return links
