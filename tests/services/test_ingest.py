from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from hrdmap.config import Settings
from hrdmap.ingest.base import Limits
from hrdmap.readers.sources import MissingPath
from hrdmap.services import corpus
from hrdmap.services.ingest import Progress, ingest
from hrdmap.services.workspace import Workspace, open_workspace
from hrdmap.storage.batches import ItemStatus
from hrdmap.storage.lock import Busy, exclusive
from tests.actors import TESTER

MakeFile = Callable[..., Path]
Contribution = Callable[..., bytes]


def test_a_folder_is_stored_file_by_file_in_sorted_order(workspace: Workspace, make_file: MakeFile) -> None:
    for name in ("in/b.html", "in/a.txt", "in/sub/c.docx", "in/.hidden.txt"):
        make_file(name, topic=name)
    seen: list[Progress] = []
    report = ingest(workspace, TESTER, [workspace.settings.home.parent / "in"], progress=seen.append)
    assert [Path(i.path).name for i in report.batches[0].items] == ["a.txt", "b.html", "c.docx"]
    assert report.counts[ItemStatus.STORED] == 3 and not report.failures
    assert [(p.done, p.total) for p in seen] == [(1, 3), (2, 3), (3, 3)]
    listed = corpus.list_documents(workspace, TESTER)
    assert sorted(d.format for d in listed) == ["docx", "html", "text"]
    assert all(d.paragraphs >= 3 for d in listed)
    assert workspace.store.batches.unfinished() == []
    assert [e.action for e in workspace.store.audit.entries()].count("document.stored") == 3


def test_the_example_corpus_is_read_whole(workspace: Workspace, examples: Path) -> None:
    files = sorted(p for p in examples.iterdir() if p.is_file() and not p.name.startswith("."))
    if not files:
        pytest.skip(f"the example corpus {examples} is empty")
    report = ingest(workspace, TESTER, [examples])
    assert report.failures == []
    listed = corpus.list_documents(workspace, TESTER)
    assert len(listed) >= len(files)
    assert any("!" in d.source for d in listed)  # the e-mail's attachment
    assert corpus.search(workspace, TESTER, "reprisals")
    assert ingest(workspace, TESTER, [examples]).counts == {ItemStatus.UNCHANGED: len(files)}


def test_the_same_bytes_again_change_nothing(workspace: Workspace, make_file: MakeFile) -> None:
    path = make_file("in/a.txt")
    ingest(workspace, TESTER, [path])
    copy = make_file("in/copy-of-a.txt", data=path.read_bytes())
    again = ingest(workspace, TESTER, [path, copy])
    assert [i.status for i in again.batches[0].items] == [ItemStatus.UNCHANGED, ItemStatus.UNCHANGED]
    assert again.batches[0].items[1].reason == "same bytes as document 1"
    assert [d.version for d in corpus.list_documents(workspace, TESTER)] == [1]


def test_a_changed_file_becomes_version_2_and_search_follows(
    workspace: Workspace, make_file: MakeFile
) -> None:
    path = make_file("in/a.txt", topic="intimidation")
    ingest(workspace, TESTER, [path])
    make_file("in/a.txt", topic="surveillance")
    report = ingest(workspace, TESTER, [path])
    assert report.counts[ItemStatus.STORED] == 1
    (document,) = corpus.list_documents(workspace, TESTER)
    assert document.version == 2
    assert [v.version for v in workspace.store.documents.versions(document.id)] == [1, 2]
    assert corpus.search(workspace, TESTER, "intimidation") == []
    hits = corpus.search(workspace, TESTER, "surveillance")
    assert {h.document.version for h in hits} == {2}
    assert len(hits) == len({h.block_id for h in hits}) == document.paragraphs


def test_a_damaged_file_fails_with_its_reason_and_the_batch_goes_on(
    workspace: Workspace, make_file: MakeFile
) -> None:
    make_file("in/a.txt")
    make_file("in/b.pdf", data=b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\n")
    make_file("in/c.docx", topic="networks")
    report = ingest(workspace, TESTER, [workspace.settings.home.parent / "in"])
    assert report.counts[ItemStatus.STORED] == 2
    (failure,) = report.failures
    assert failure.path.endswith("b.pdf") and failure.error_code and failure.reason
    assert "\n" not in failure.reason
    assert [f.path for f in corpus.failed_files(workspace, TESTER)] == [failure.path]


@pytest.mark.shared_data
def test_a_real_folder_with_a_truncated_pdf(workspace: Workspace, shared_data: Path, tmp_path: Path) -> None:
    folder = tmp_path / "upr"
    folder.mkdir()
    originals = shared_data / "un-upr-slovenia-docs" / "1stcycle"
    for name in ("g0917123.pdf", "g1014611.pdf"):
        (folder / name).write_bytes((originals / name).read_bytes())
    whole = (originals / "g0917825.pdf").read_bytes()
    (folder / "truncated.pdf").write_bytes(whole[: len(whole) // 3])
    report = ingest(workspace, TESTER, [folder])
    by_name = {Path(i.path).name: i for i in report.batches[0].items}
    assert by_name["truncated.pdf"].status is ItemStatus.FAILED
    assert by_name["truncated.pdf"].error_code == "corrupt"
    assert by_name["g0917123.pdf"].status is ItemStatus.STORED
    assert by_name["g1014611.pdf"].status is ItemStatus.STORED
    symbols = {d.symbol for d in corpus.list_documents(workspace, TESTER)}
    assert "A/HRC/WG.6/7/SVN/2" in symbols


def test_members_of_a_zip_are_documents_of_their_own(
    workspace: Workspace, make_file: MakeFile, contribution: Contribution
) -> None:
    archive = make_file(
        "in/inputs.zip",
        members={
            "kenya.txt": contribution("txt", "land defenders"),
            "nested/brazil.docx": contribution("docx", "protection programmes"),
            "broken.docx": b"PK\x03\x04\x14\x00\x00\x00" + bytes(range(256)),
        },
    )
    report = ingest(workspace, TESTER, [archive])
    items = {i.path.replace(str(archive), "inputs.zip"): i for i in report.batches[0].items}
    assert items["inputs.zip"].status is ItemStatus.UNPACKED
    assert items["inputs.zip!kenya.txt"].status is ItemStatus.STORED
    assert items["inputs.zip!nested/brazil.docx"].status is ItemStatus.STORED
    assert items["inputs.zip!broken.docx"].status is ItemStatus.FAILED
    assert sorted(d.source.rsplit("!", 1)[-1] for d in corpus.list_documents(workspace, TESTER)) == [
        "kenya.txt",
        "nested/brazil.docx",
    ]
    again = ingest(workspace, TESTER, [archive]).batches[0].items
    assert [i.status for i in again] == [
        ItemStatus.UNPACKED,
        ItemStatus.UNCHANGED,
        ItemStatus.UNCHANGED,
        ItemStatus.FAILED,
    ]


def test_an_email_and_its_attachment_are_both_stored(
    workspace: Workspace, make_file: MakeFile, contribution: Contribution
) -> None:
    mail = make_file(
        "in/input.eml", topic="reprisals", members={"annex.docx": contribution("docx", "networks")}
    )
    report = ingest(workspace, TESTER, [mail])
    assert report.counts[ItemStatus.STORED] == 2
    sources = sorted(d.source for d in corpus.list_documents(workspace, TESTER))
    assert sources == [str(mail), f"{mail}!annex.docx"]
    assert corpus.search(workspace, TESTER, "networks")[0].document.source == f"{mail}!annex.docx"


def test_a_file_over_the_size_limit_is_refused(settings: Settings, make_file: MakeFile) -> None:
    small = Settings(home=settings.home, limits=Limits(max_file_bytes=200))
    path = make_file("in/a.txt", count=20)
    with open_workspace(small) as ws:
        (failure,) = ingest(ws, TESTER, [path]).failures
    assert failure.error_code == "too_large"
    assert "over the limit" in (failure.reason or "")


def test_archives_nested_deeper_than_the_limit_are_refused(
    settings: Settings, make_file: MakeFile, contribution: Contribution
) -> None:
    inner = make_file("inner.zip", members={"deep.txt": contribution("txt", "networks")}).read_bytes()
    middle = make_file("middle.zip", members={"inner.zip": inner}).read_bytes()
    outer = make_file("in/outer.zip", members={"middle.zip": middle})
    shallow = Settings(home=settings.home, limits=Limits(max_depth=1))
    with open_workspace(shallow) as ws:
        items = ingest(ws, TESTER, [outer]).batches[0].items
    assert [(i.path.split("/")[-1], i.status, i.error_code) for i in items] == [
        ("outer.zip", ItemStatus.UNPACKED, None),
        ("outer.zip!middle.zip", ItemStatus.UNPACKED, None),
        ("outer.zip!middle.zip!inner.zip", ItemStatus.FAILED, "too_large"),
    ]


def test_an_interrupted_batch_is_finished_by_the_next_run(workspace: Workspace, make_file: MakeFile) -> None:
    paths = [make_file(f"in/{n}.txt", topic=f"topic {n}") for n in range(3)]
    with workspace.store.transaction():
        batch = workspace.store.batches.start([str(p) for p in paths], actor="tester", at=_now())
    report = ingest(workspace, TESTER, [])
    (resumed,) = report.batches
    assert (resumed.batch_id, resumed.resumed) == (batch.id, True)
    assert resumed.counts[ItemStatus.STORED] == 3
    assert workspace.store.batches.unfinished() == []


def test_a_second_ingest_into_the_same_folder_is_refused(workspace: Workspace, make_file: MakeFile) -> None:
    path = make_file("in/a.txt")
    with (
        exclusive(workspace.settings.home / "ingest.lock"),
        pytest.raises(Busy, match="another hrdmap process"),
    ):
        ingest(workspace, TESTER, [path])


def test_a_second_ingest_into_the_same_store_from_another_folder_is_refused(
    workspace: Workspace, make_file: MakeFile
) -> None:
    path = make_file("in/a.txt")
    with workspace.store.lock("ingest"), pytest.raises(Busy, match="another hrdmap process"):
        ingest(workspace, TESTER, [path])
    assert workspace.store.batches.unfinished() == []


def test_the_data_folder_inside_an_input_folder_is_not_read(make_file: MakeFile) -> None:
    path = make_file("in/a.txt")
    inside = Settings(home=path.parent / "hrdmap-data")
    with open_workspace(inside) as ws:
        ingest(ws, TESTER, [path.parent])
        report = ingest(ws, TESTER, [path.parent])
    items = report.batches[0].items
    assert [(Path(i.path).name, i.status) for i in items] == [("a.txt", ItemStatus.UNCHANGED)]


def test_a_missing_path_records_nothing(workspace: Workspace, tmp_path: Path) -> None:
    with pytest.raises(MissingPath, match="no-such.pdf: no such file or folder"):
        ingest(workspace, TESTER, [tmp_path / "no-such.pdf"])
    assert workspace.store.batches.unfinished() == []


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
