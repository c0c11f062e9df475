"""Tagging the stored corpus and mapping it: what storing tags and building the map cost.

Stores ``--documents`` synthetic contributions (``--paragraphs`` each) in a temporary data folder, then measures:

- the baseline: the rule taggers alone over the same passages, nothing stored;
- ``tag_documents`` with the same taggers (tags, evidence and audit rows written, one transaction per document);
- ``mapping.build`` (effective labels, matrices and gaps), and rendering the HTML page.

Prints paragraphs/s and the ratio of tagging with storage to the bare taggers.
Rerun: ``.venv/bin/python bench/bench_map.py [--documents 500] [--paragraphs 20]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import tempfile
import time
from pathlib import Path

from hrdmap.analyse.taggers.base import Passage
from hrdmap.analyse.taggers.registry import tagger
from hrdmap.config import Settings
from hrdmap.domain.actor import Actor, Role
from hrdmap.domain.document import Block, BlockKind, Document
from hrdmap.reports.map.page import render_map_html
from hrdmap.services import mapping
from hrdmap.services.tagging import tag_documents
from hrdmap.services.workspace import open_workspace

#: Who the benchmark acts as.
BENCH = Actor("bench", frozenset({Role.ADMINISTRATOR}))

TAGGERS = ("gazetteer", "statement-kind", "framework-keywords")
COUNTRIES = ["Kenya", "Colombia", "Türkiye", "the Philippines", "Honduras", "Uganda", "Mexico", "Nepal"]
SENTENCES = [
    "OHCHR trained {n} women human rights defenders in {c} on digital security.",
    "Defenders in {c} continue to face threats and judicial harassment, and attacks remain unpunished.",
    "The Government of {c} should adopt a law on the protection of human rights defenders.",
    "UNDP supported a network of indigenous land defenders in {c} with {n} grants.",
    "Journalists in {c} were arbitrarily detained after cooperating with the special procedures.",
]


def _documents(count: int, paragraphs: int, rng: random.Random) -> list[Document]:
    out = []
    for d in range(count):
        texts = [rng.choice(SENTENCES).format(c=rng.choice(COUNTRIES), n=rng.randint(2, 90)) for _ in range(paragraphs)]
        blocks = [Block(i, BlockKind.PARAGRAPH, t, label=f"{i + 1}.", language="en") for i, t in enumerate(texts)]
        out.append(Document(f"/bench/{d}.txt", f"{d:064x}", "text", blocks=blocks))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=500)
    parser.add_argument("--paragraphs", type=int, default=20)
    args = parser.parse_args()
    documents = _documents(args.documents, args.paragraphs, random.Random(7))
    total = args.documents * args.paragraphs
    with tempfile.TemporaryDirectory() as folder, open_workspace(
        Settings(home=Path(folder), search_backend="sqlite")
    ) as ws:
        with ws.store.transaction():
            for document in documents:
                ws.store.documents.add_version(document, at=dt.datetime.now(dt.UTC))
        passages = [Passage(i, b.text) for i, b in enumerate(b for d in documents for b in d.blocks)]
        start = time.perf_counter()
        for name in TAGGERS:
            tagger(name).tag(passages)
        bare = time.perf_counter() - start
        start = time.perf_counter()
        report = tag_documents(ws, BENCH, taggers=TAGGERS)
        stored = time.perf_counter() - start
        start = time.perf_counter()
        data = mapping.build(ws, BENCH)
        built = time.perf_counter() - start
        start = time.perf_counter()
        page = render_map_html(data)
        rendered = time.perf_counter() - start
    print(f"{total} paragraphs, {report.total} tags stored")
    print(f"baseline, taggers alone:      {total / bare:10.0f} paragraphs/s")
    print(f"tag_documents (stored):       {total / stored:10.0f} paragraphs/s  ratio {bare / stored:.2f}")
    print(f"map build:                    {built:10.2f} s ({len(data.paragraphs)} paragraphs, {len(data.gaps)} gaps)")
    print(f"HTML render:                  {rendered:10.2f} s ({len(page) / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
