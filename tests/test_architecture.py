"""The rules of docs/architecture.md hold: layers (import-linter), lint (ruff) and types (mypy, strict on src)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _run(tool: str, *args: str) -> subprocess.CompletedProcess[str]:
    found = shutil.which(tool, path=str(Path(sys.executable).parent))
    if found is None:
        pytest.skip(f"{tool} is not installed (pip install -e '.[dev]')")
    return subprocess.run([found, *args], cwd=REPO, capture_output=True, text=True, check=False)


def test_import_contracts_are_kept() -> None:
    result = _run("lint-imports")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_finds_nothing() -> None:
    result = _run("ruff", "check", "src", "tests", "bench", "scripts")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_finds_nothing_in_src() -> None:
    result = _run("mypy")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_benchmarks_call_the_library_as_it_is() -> None:
    """A benchmark is run by hand, so a changed signature would break it unseen: type-check bench/ (not strictly)."""
    result = _run(
        "mypy", "bench", "--ignore-missing-imports", "--explicit-package-bases", "--allow-untyped-defs",
        "--allow-untyped-calls", "--no-strict-optional",
    )
    assert result.returncode == 0, result.stdout + result.stderr
