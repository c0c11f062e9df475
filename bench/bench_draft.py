"""Benchmark: draft the report of a call with 500 contributions, to DOCX, PDF and HTML.

Builds a synthetic but realistic call in a scratch data folder: 500 contributions of 8 to 14 paragraphs each,
drawn from the paragraphs of the example corpus (six languages) and, when ``../shared/data`` is present, from
UPR recommendations on defenders and civic space; stakeholders of every type, 5 % confidential. The corpus is
stored and tagged by the rule taggers (statement kinds, framework keywords, gazetteer), then drafted.

Prints the time of each step and the draft's time as a ratio of a baseline measured in the same run: reading
every paragraph of the 500 documents from the store.

    .venv/bin/python bench/bench_draft.py [--contributions 500] [--keep DIR]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import re
import shutil
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TypeVar

from hrdmap.config import Settings
from hrdmap.domain.actor import Actor, Role
from hrdmap.domain.calls import Call, CallRequest, Channel, Consent, Contribution, MandateReference, Stakeholder
from hrdmap.domain.calls import StakeholderType as T
from hrdmap.domain.document import Block, BlockKind, Document
from hrdmap.services import drafting
from hrdmap.services.calls.manage import save_call, save_contribution, save_request, save_stakeholder
from hrdmap.services.ingest import ingest
from hrdmap.services.tagging import tag_documents
from hrdmap.services.workspace import Workspace, open_workspace

#: Who the benchmark acts as.
BENCH = Actor("bench", frozenset({Role.ADMINISTRATOR}))

REPO = Path(__file__).resolve().parents[1]
UPR = REPO.parent / "shared" / "data" / "upr-recommendations" / "upr_recommendations_sessions01-15.csv"
TOPICS = re.compile(
    r"defender|civil society|journalist|reprisal|human rights institution|freedom of (?:expression|association)"
)
TYPES = ((T.MEMBER_STATE, 0.3), (T.UN_ENTITY, 0.15), (T.NHRI, 0.1), (T.REGIONAL_ORGANISATION, 0.05), (T.NGO, 0.35),
         (T.ACADEMIC, 0.05))
CALL = "bench-call"
R = TypeVar("R")


def timed(label: str, step: Callable[[], R]) -> tuple[R, float]:
    start = time.perf_counter()
    result = step()
    seconds = time.perf_counter() - start
    print(f"{label:<44} {seconds:8.2f} s")
    return result, seconds


def example_paragraphs(scratch: Path) -> list[tuple[str, str | None]]:
    """Paragraphs of the example corpus, with their language."""
    with open_workspace(Settings(home=scratch)) as ws:
        ingest(ws, BENCH, [REPO / "examples" / "corpus"])
        found = []
        for doc in ws.store.documents.current():
            for b in ws.store.documents.blocks(doc.version_id):
                if b.block.kind is BlockKind.PARAGRAPH and len(b.block.text.split()) >= 12:
                    found.append((b.block.text, b.block.language))
    return found


def upr_paragraphs(limit: int = 3000) -> list[tuple[str, str | None]]:
    """UPR recommendations on defenders and civic space, as "Adopt … (Norway)." paragraphs."""
    if not UPR.is_file():
        return []
    with UPR.open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if TOPICS.search(r["Text"].lower())]
    return [(f"{r['Text'].rstrip('.; ')} ({r['From']}).", "en") for r in rows[:limit]]


def documents(count: int, pool: list[tuple[str, str | None]], rng: random.Random) -> list[Document]:
    docs = []
    for n in range(count):
        chosen = rng.sample(pool, rng.randint(8, 14))
        blocks = [Block(0, BlockKind.TITLE, f"Contribution {n + 1} to the call for inputs")]
        for i, (text, language) in enumerate(chosen, start=1):
            blocks.append(Block(i, BlockKind.PARAGRAPH, text, label=f"{i}.", number=str(i), language=language))
        digest = f"{n:064x}"
        docs.append(Document(source=f"/bench/contribution-{n + 1}.txt", sha256=digest, format="text", blocks=blocks,
                             title=blocks[0].text, languages=(chosen[0][1] or "en",)))
    return docs


def stakeholder_type(rng: random.Random) -> T:
    return rng.choices([t for t, _ in TYPES], weights=[w for _, w in TYPES])[0]


def build_call(ws: Workspace, document_ids: list[int], rng: random.Random) -> None:
    at = dt.datetime.now(dt.UTC)
    call = Call(CALL, "Call for inputs: support to human rights defenders", dt.date(2026, 4, 30),
                MandateReference("A/RES/EX/1", (16, 17), "General Assembly resolution 80/EX/1"),
                issued_by="Office of the United Nations High Commissioner for Human Rights (OHCHR)",
                report_due="eighty-second session")
    with ws.store.transaction():
        call_id, _ = save_call(ws.store, call, actor="bench", at=at)
        for n, document_id in enumerate(document_ids):
            kind = stakeholder_type(rng)
            who = Stakeholder(f"s{n}", f"Stakeholder {n + 1} Network", kind)
            save_stakeholder(ws.store, who, None, actor="bench", at=at)
            channel = Channel.NOTE_VERBALE if kind is T.MEMBER_STATE else Channel.LETTER
            save_request(ws.store, call_id, CALL, CallRequest(who.key, dt.date(2026, 3, 2), channel),
                         actor="bench", at=at)
            consent = Consent.CONFIDENTIAL if rng.random() < 0.05 else Consent.PUBLIC
            contribution = Contribution(who.key, dt.date(2026, 4, 20), consent, f"/bench/contribution-{n + 1}.txt",
                                        "en", (document_id,))
            save_contribution(ws.store, call_id, CALL, contribution, actor="bench", at=at)


def read_all(ws: Workspace) -> int:
    return sum(len(ws.store.documents.blocks(d.version_id)) for d in ws.store.documents.current())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contributions", type=int, default=500)
    parser.add_argument("--keep", type=Path, help="Keep the data folder and the draft here.")
    args = parser.parse_args()
    rng = random.Random(2026)
    work = Path(tempfile.mkdtemp(prefix="bench-draft-"))
    try:
        pool = example_paragraphs(work / "examples") + upr_paragraphs()
        print(f"paragraph pool: {len(pool)} ({'with' if UPR.is_file() else 'without'} UPR recommendations)")
        home = args.keep or work / "home"
        with open_workspace(Settings(home=home)) as ws:
            docs = documents(args.contributions, pool, rng)
            now = dt.datetime.now(dt.UTC)

            def store() -> list[int]:
                with ws.store.transaction():
                    return [ws.store.documents.add_version(d, at=now).id for d in docs]

            ids, _ = timed(f"store {len(docs)} contributions", store)
            build_call(ws, ids, rng)
            rules = ("statement-kind", "framework-keywords", "gazetteer")
            timed("tag (rule taggers)", lambda: tag_documents(ws, BENCH, taggers=rules))
            paragraphs, baseline = timed("baseline: read every paragraph from the store", lambda: read_all(ws))
            out = home / "draft"
            result, total = timed("draft: DOCX + PDF + HTML + sidecar", lambda: drafting.draft(ws, BENCH, CALL, out))
            for fmt in drafting.DraftFormat:
                timed(f"  draft: {fmt.value} only", partial(drafting.draft, ws, BENCH, CALL, out, formats=(fmt,)))
        report = result.report
        print(f"paragraphs in the store: {paragraphs:,}")
        print(f"draft: {sum(1 for _ in report.numbered())} numbered paragraphs, {len(report.footnotes)} footnotes, "
              f"{report.body_words():,} words (limit {report.word_limit:,})")
        print(f"draft time / baseline: {total / baseline:.1f}x")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
