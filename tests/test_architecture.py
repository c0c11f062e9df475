"""The rules of docs/architecture.md hold: layers (import-linter), lint (ruff) and types (mypy, strict on src)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

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


def _contracts() -> list[dict[str, Any]]:
    import tomllib

    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    return list(config["tool"]["importlinter"]["contracts"])


def _layers() -> list[list[str]]:
    [layers] = [c for c in _contracts() if c["type"] == "layers"]
    return [[p.strip() for p in str(row).split("|")] for row in layers["layers"]]


def _may_import() -> dict[str, set[str]]:
    """What each package of the layers may import of the others: the packages below it, less those a forbidden
    contract names for it (whole packages; forbidden sub-modules and drivers are the table's notes)."""
    layers = _layers()
    packages = {p for row in layers for p in row}
    found = {p: {q for lower in layers[i + 1 :] for q in lower} for i, row in enumerate(layers) for p in row}
    for contract in _contracts():
        if contract["type"] != "forbidden":
            continue
        for source in contract["source_modules"]:
            if source in found:
                found[source] -= {m for m in contract["forbidden_modules"] if m in packages}
    return found


def test_the_architecture_table_names_each_layer_and_what_it_may_import() -> None:
    """docs/architecture.md's table has one row a package of the layers contract, and its "may import" column
    names (before its first ";") exactly the packages the contracts let that package import."""
    text = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    rows = [line.split(" | ") for line in text.splitlines() if line.startswith("| `hrdmap.")]
    documented = {row[0].strip("| `"): set(re.findall(r"`(hrdmap\.[a-z_]+)`", row[2].split(";")[0])) for row in rows}
    assert documented == _may_import()
