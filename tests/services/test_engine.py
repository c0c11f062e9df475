"""Ingestion and tagging on a real Dask cluster (a scheduler and two worker processes on loopback), with a worker
killed mid-job, store the same as a local run: documents, blocks, footnotes, batch items, tags.

The folders: a fictional one made here (the example corpus, a zip archive of two of its files, a corrupt PDF),
and a folder of real UN PDFs from ../shared/data when it is there. Each is ingested locally and on the engine,
into two data folders, and the canonical dumps of the two stores compared; then each store is tagged, the first
locally and the second on the engine (another worker killed), and the tags compared.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from hrdmap.config import Settings
from hrdmap.ingest.base import Limits
from hrdmap.services.ingest import Progress, ingest
from hrdmap.services.tagging import tag_documents
from hrdmap.services.workspace import Workspace, open_workspace
from tests.actors import TESTER

pytest.importorskip("distributed", reason="the engine's tests need Dask distributed: pip install 'hrdmap[dask]'")

from hrdmap.engine.loopback import LoopbackCluster  # noqa: E402 - after the skip

pytestmark = pytest.mark.slow

#: A folder of real UN PDFs under ../shared/data.
UN_PDFS = Path("un-upr-slovenia-docs") / "1stcycle"


@pytest.fixture(scope="module")
def cluster() -> Iterator[LoopbackCluster]:
    """Two worker processes under nannies (a killed one is restarted, as on a real cluster)."""
    with LoopbackCluster(workers=2) as started:
        yield started


@dataclasses.dataclass
class Killer:
    """Kills one worker of the cluster when the job has made progress, once."""

    cluster: LoopbackCluster
    after: int = 1
    killed: int | None = None

    def __call__(self, done: int) -> None:
        if self.killed is None and done >= self.after:
            self.killed = self.cluster.busy_worker() or next(iter(self.cluster.worker_pids().values()))
            self.cluster.kill(self.killed)


def fictional_folder(root: Path, examples: Path) -> Path:
    folder = root / "fictional"
    shutil.copytree(examples, folder)
    with zipfile.ZipFile(folder / "two-contributions.zip", "w") as archive:
        archive.write(examples / "norway-contribution-en.docx", "norway.docx")
        archive.write(examples / "undp-contribution-en.html", "undp.html")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\nnot a PDF after all")
    return folder


@pytest.fixture(scope="module", params=["fictional", "un-pdfs"])
def folder(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, examples: Path) -> Path:
    if request.param == "fictional":
        return fictional_folder(tmp_path_factory.mktemp("in"), examples)
    shared: Path = request.getfixturevalue("shared_data")
    if not (shared / UN_PDFS).is_dir():
        pytest.skip(f"{shared / UN_PDFS} is absent")
    return shared / UN_PDFS


@pytest.fixture(scope="module")
def homes(folder: Path, tmp_path_factory: pytest.TempPathFactory, cluster: LoopbackCluster) -> dict[str, Any]:
    """The folder ingested locally and on the engine (a worker killed after the first file)."""
    root = tmp_path_factory.mktemp("homes")
    local, remote = root / "local", root / "engine"
    with open_workspace(Settings(home=local)) as ws:
        ingest(ws, TESTER, [folder])
    cluster.wait_for_workers(2)
    killer = Killer(cluster)
    with open_workspace(Settings(home=remote)) as ws:
        ingest(ws, TESTER, [folder], executor=cluster.address, progress=lambda p: killer(_done(p)))
    return {"local": local, "engine": remote, "killed": killer.killed}


def _done(progress: Progress) -> int:
    return progress.done


def test_ingestion_on_the_engine_with_a_worker_killed_stores_what_a_local_ingest_stores(
    homes: dict[str, Any],
) -> None:
    assert homes["killed"] is not None
    local, remote = dump_documents(homes["local"]), dump_documents(homes["engine"])
    assert local["documents"], "nothing was stored"
    assert remote == local
    assert remote["stored_events"] == len(remote["documents"])  # nothing stored twice


def test_tagging_on_the_engine_with_a_worker_killed_stores_the_tags_of_a_local_run(
    homes: dict[str, Any], cluster: LoopbackCluster
) -> None:
    with open_workspace(Settings(home=homes["local"])) as ws:
        local_report = tag_documents(ws, TESTER)
    cluster.wait_for_workers(2)
    killer = Killer(cluster, after=1)
    with open_workspace(Settings(home=homes["engine"])) as ws:
        remote_report = tag_documents(ws, TESTER, executor=cluster.address, progress=lambda done, _: killer(done))
    assert killer.killed is not None
    assert remote_report.total == local_report.total > 0
    assert dump_tags(homes["engine"]) == dump_tags(homes["local"])


def dump_documents(home: Path) -> dict[str, Any]:
    """Every current document with its blocks and footnotes, every batch item, in a canonical form."""
    with open_workspace(Settings(home=home), create=False) as ws:
        store = ws.store
        documents = [
            {
                "id": d.id,
                "version": d.version,
                "source": d.source,
                "document": _plain(store.documents.load(d.version_id)),
            }
            for d in store.documents.current()
        ]
        items = [
            (i.path, i.status.value, i.reason, i.error_code, i.version_id)
            for batch in _batches(ws)
            for i in store.batches.items(batch)
        ]
        stored = [e.action for e in store.audit.entries(limit=1_000_000)].count("document.stored")
    return {"documents": documents, "items": items, "stored_events": stored}


def dump_tags(home: Path) -> list[Any]:
    """Every current tag (block, tagger, framework, label, score, evidence, threshold), in a canonical form."""
    with open_workspace(Settings(home=home), create=False) as ws:
        store = ws.store
        blocks = [b.id for d in store.documents.current() for b in store.documents.blocks(d.version_id)]
        found = store.tags.for_blocks(blocks)
        return sorted(
            json.dumps([t.block_id, _plain(t.tag), t.threshold], sort_keys=True, default=str)
            for block in blocks
            for t in found.get(block, [])
        )


def _batches(ws: Workspace) -> list[int]:
    entries = ws.store.audit.entries(limit=1_000_000)
    return sorted({int(e.subject.split(":")[1]) for e in entries if e.action == "batch.started"})


def _plain(value: object) -> Any:
    """A dataclass as JSON-ready data, floats rounded (the same arithmetic on another process may differ last)."""
    data = dataclasses.asdict(value)  # type: ignore[call-overload]
    return json.loads(json.dumps(data, sort_keys=True, default=str), parse_float=lambda x: round(float(x), 6))


@pytest.mark.filterwarnings("ignore:Sending large graph")  # the 38 MB file travels in the task, on purpose
def test_the_sandbox_s_limits_hold_on_the_workers(cluster: LoopbackCluster, tmp_path: Path) -> None:
    # A parser held to 64 MiB of address space cannot decode 40 MB of text: on the workers as in this process.
    # The file is large so that its decoding needs fresh memory whatever the long-lived worker freed before
    # (a small file can be parsed in heap an earlier job left behind, so its outcome would depend on history).
    tight = Limits(worker_memory_bytes=64 * 1024 * 1024, max_chars=10**9)
    big = tmp_path / "long-testimony.txt"
    big.write_text("A fictional line of a long testimony about consultations with defenders.\n" * 550_000)
    outcomes = []
    for home, executor in ((tmp_path / "local", "local"), (tmp_path / "engine", cluster.address)):
        with open_workspace(Settings(home=home, limits=tight)) as ws:
            item = ingest(ws, TESTER, [big], executor=executor).batches[0].items[0]
        outcomes.append((item.status.value, item.error_code, item.reason))
    # Which allocation fails first (the text's, or mapping a library the parser imports late) depends on what the
    # worker imported before: the outcome is a failure of that file for memory either way, never a stored document.
    for status, code, reason in outcomes:
        assert status == "failed", outcomes
        said = reason or ""
        assert code in {"over_budget", "worker_killed"} or "ImportError" in said or "MemoryError" in said, outcomes
