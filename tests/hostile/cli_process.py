"""Run ``hrdmap`` in a process of its own, under a memory cap and a time limit.

Hostile inputs are tested through the real command: a test must survive what the code under test does not (a
read that never ends, memory that grows without bound), so the process runs with an address-space limit and
is killed after ``timeout`` seconds; the test then fails instead of hanging or exhausting the machine.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

RUN_CLI = "from hrdmap.cli.main import main; main()"
MIB = 1024 * 1024


@dataclass(frozen=True)
class Finished:
    """How the command ended."""

    returncode: int | None  # None: killed after the time limit
    stdout: str
    stderr: str

    def items(self) -> dict[str, dict[str, object]]:
        """The items of ``hrdmap ingest --json`` output, by path (the last batch's outcome wins)."""
        report = json.loads(self.stdout)
        return {item["path"]: item for batch in report["batches"] for item in batch["items"]}


def run_hrdmap(
    home: Path,
    *args: str | bytes,
    timeout: float = 120,
    memory_mib: int = 4096,
    env: dict[str, str] | None = None,
) -> Finished:
    """Run ``hrdmap ARGS`` with ``HRDMAP_HOME=home`` (and ``env``); never more than ``memory_mib`` of address space.

    The cap holds the command and every process it starts (the parsing worker included).
    """

    def cap() -> None:  # runs in the child before hrdmap starts
        resource.setrlimit(resource.RLIMIT_AS, (memory_mib * MIB, memory_mib * MIB))

    env = {**os.environ, **(env or {}), "HRDMAP_HOME": str(home)}
    command: list[str | bytes] = [sys.executable, "-c", RUN_CLI, *args]
    with subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=cap
    ) as process:
        try:
            out, err = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            out, err = process.communicate()
            return Finished(None, out.decode(errors="replace"), err.decode(errors="replace"))
    return Finished(process.returncode, out.decode(errors="replace"), err.decode(errors="replace"))
