"""Several processes writing to one PostgreSQL store at once, as a team does from several machines.

Two ingests of the same folder from two data folders: one runs, the other is refused while it runs (the store's
ingest lock), and every file is stored once. An ingest and a review at once: both commit (writers take turns per
transaction, so the review waits for one file at most). The processes are real ``hrdmap`` processes and Python
interpreters; no timing is asserted.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from hrdmap.storage.registry import open_store
from hrdmap.storage.repository import Store

pytestmark = pytest.mark.slow
HRDMAP = str(Path(sys.executable).with_name("hrdmap"))
FILES = 24


def _folder(root: Path) -> Path:
    """A folder of small, distinct text contributions (fictional)."""
    folder = root / "in"
    folder.mkdir()
    for n in range(FILES):
        paragraphs = "\n\n".join(
            f"{p}. Fictional contribution {n}: defenders in region {n} reported threats ({p})." for p in range(1, 6)
        )
        (folder / f"contribution-{n:02}.txt").write_text(paragraphs + "\n", encoding="utf-8")
    return folder


def _env(home: Path, url: str) -> dict[str, str]:
    return {**os.environ, "HRDMAP_HOME": str(home), "HRDMAP_DATABASE_URL": url, "HRDMAP_ACTOR": "tester"}


def _stored_once(store: Store) -> None:
    current = store.documents.current()
    assert len(current) == FILES
    assert len({d.sha256 for d in current}) == FILES
    assert all(len(store.documents.versions(d.id)) == 1 for d in current)


def test_two_ingests_of_one_folder_from_two_data_folders_store_every_file_once(tmp_path: Path, pg_url: str) -> None:
    folder = _folder(tmp_path)
    runs = [
        subprocess.Popen(
            [HRDMAP, "ingest", str(folder)],
            env=_env(tmp_path / f"home-{n}", pg_url),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(2)
    ]
    outcomes = [(run.wait(timeout=600), *run.communicate()) for run in runs]
    finished = [o for o in outcomes if o[0] == 0]
    refused = [o for o in outcomes if o[0] != 0]
    assert finished, outcomes
    for code, _, err in refused:
        assert code == 2 and "another hrdmap process holds the ingest lock" in err, err
    store = open_store(pg_url)
    try:
        _stored_once(store)
        assert store.batches.unfinished() == []
    finally:
        store.close()
    again = subprocess.run(
        [HRDMAP, "ingest", str(folder)], env=_env(tmp_path / "home-1", pg_url), capture_output=True, text=True
    )
    assert again.returncode == 0, again.stderr
    store = open_store(pg_url)
    try:
        _stored_once(store)
    finally:
        store.close()


_REVIEWER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from hrdmap.config import Settings
    from hrdmap.services.review import add_label
    from hrdmap.services.workspace import open_workspace
    from tests.actors import TESTER

    home, url, block, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    settings = Settings.from_env({"HRDMAP_DATABASE_URL": url}, home=home)
    with open_workspace(settings) as ws:
        for _ in range(6000):  # wait (bounded) until the other process's batch is under way
            if ws.store.batches.unfinished():
                break
            time.sleep(0.01)
        busy = bool(ws.store.batches.unfinished())
        for n in range(count):
            add_label(ws, TESTER, block, "hrd-areas", "G", note=f"review {n}")
        print("overlapped" if busy else "after")
    """
)


def test_an_ingest_and_a_review_at_once_both_commit(tmp_path: Path, pg_url: str) -> None:
    seed = tmp_path / "seed.txt"
    seed.write_text("1. Fictional paragraph for reviewers: defenders and journalists.\n", encoding="utf-8")
    subprocess.run(
        [HRDMAP, "ingest", str(seed)], env=_env(tmp_path / "home-a", pg_url), check=True, capture_output=True
    )
    store = open_store(pg_url)
    (document,) = store.documents.current()
    block = store.documents.blocks(document.version_id)[0].id
    store.close()
    folder = _folder(tmp_path)
    ingest = subprocess.Popen(
        [HRDMAP, "ingest", str(folder)], env=_env(tmp_path / "home-a", pg_url), stderr=subprocess.PIPE, text=True
    )
    reviewer = subprocess.run(
        [sys.executable, "-c", _REVIEWER, str(tmp_path / "home-b"), pg_url, str(block), "20"],
        cwd=Path(__file__).resolve().parents[3],
        capture_output=True,
        text=True,
        timeout=600,
    )
    _, ingest_errors = ingest.communicate(timeout=600)
    assert ingest.returncode == 0, ingest_errors
    assert reviewer.returncode == 0, reviewer.stderr
    store = open_store(pg_url)
    try:
        assert len(store.documents.current()) == FILES + 1
        assert len(store.tags.reviews_for_blocks([block])[block]) == 20
        actions = [e.action for e in store.audit.entries(limit=1000)]
        assert actions.count("document.stored") == FILES + 1
        assert actions.count("tag.added") == 20
    finally:
        store.close()
