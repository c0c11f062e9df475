from __future__ import annotations

from pathlib import Path

import pytest

from hrdmap.readers.sources import MissingPath, expand_paths


def _touch(root: Path, *names: str) -> None:
    for name in names:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("x")


def test_folders_are_walked_in_sorted_order_without_hidden_entries(tmp_path: Path) -> None:
    _touch(tmp_path, "in/b.pdf", "in/a/z.docx", "in/.git/config", "in/.DS_Store", "in/c.txt")
    found = expand_paths([tmp_path / "in"]).files
    assert [p.relative_to(tmp_path).as_posix() for p in found] == ["in/a/z.docx", "in/b.pdf", "in/c.txt"]


def test_each_file_is_listed_once_and_a_hidden_file_named_explicitly_is_kept(tmp_path: Path) -> None:
    _touch(tmp_path, "in/a.pdf", "in/.notes.txt")
    found = expand_paths([tmp_path / "in" / "a.pdf", tmp_path / "in", tmp_path / "in" / ".notes.txt"]).files
    assert [p.name for p in found] == ["a.pdf", ".notes.txt"]


def test_a_link_back_to_a_parent_folder_is_not_followed(tmp_path: Path) -> None:
    _touch(tmp_path, "in/a.pdf")
    (tmp_path / "in" / "loop").symlink_to(tmp_path / "in", target_is_directory=True)
    assert [p.name for p in expand_paths([tmp_path / "in"]).files] == ["a.pdf"]


def test_a_missing_path_is_named(tmp_path: Path) -> None:
    with pytest.raises(MissingPath, match="nowhere.pdf: no such file or folder"):
        expand_paths([tmp_path / "nowhere.pdf"])
