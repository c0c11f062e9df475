"""A few seconds of fuzzing in every test run: mutants of every format go through the real ingest service.

The harness is ``bench/fuzz_ingest.py`` (seeds, mutations, outcomes; its docstring says what each means); run it
longer from there (``--inputs 10000``, other ``--seed`` values; figures in docs/fuzzing.md). Here it runs for a
bounded time with a fixed seed, so a failure can be repeated; how many mutants fit in the time depends on the
machine, what becomes of each does not.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "fuzz_ingest.py"
SECONDS = 8.0


def _harness() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fuzz_ingest", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["fuzz_ingest"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(sys.platform == "win32", reason="the harness samples memory with RLIMIT-style counters")
def test_mutants_of_every_format_never_crash_or_hang_the_ingest(tmp_path: Path) -> None:
    harness = _harness()
    seed = 1
    summary = harness.fuzz(10_000, seed=seed, max_seconds=SECONDS, keep=tmp_path / "kept")
    assert summary.tried > 0
    assert summary.outcomes["crashed"] == 0, f"seed {seed}: {summary.line()} {dict(summary.codes)} {summary.kept}"
    assert summary.outcomes["hung"] == 0, f"seed {seed}: {summary.line()} {dict(summary.codes)} {summary.kept}"
    assert summary.outcomes["stored"] + summary.outcomes["failed"] == summary.tried
