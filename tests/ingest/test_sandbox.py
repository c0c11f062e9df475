"""The sandbox: a job's result or error comes back; a worker that crashes, loops or eats memory costs one job."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator

import pytest

from hrdmap.ingest.base import Limits
from hrdmap.ingest.errors import CorruptFile, OverBudget, ParseTimeout, WorkerKilled
from hrdmap.ingest.sandbox import ParserError, Sandbox

from . import sandbox_jobs as jobs

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="rlimits and namespaces: Linux")


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Sandbox]:
    opened = Sandbox(grace_seconds=0.5)
    yield opened
    opened.close()


def test_a_job_returns_its_result_and_ingest_errors_come_back_as_they_are(sandbox: Sandbox) -> None:
    assert sandbox.run(jobs.length, b"12345", limits=Limits()) == 5
    with pytest.raises(CorruptFile, match="corrupt test file: bad"):
        sandbox.run(jobs.refuse, b"bad", limits=Limits())
    with pytest.raises(ParserError, match="KeyError: 'missing'"):
        sandbox.run(jobs.fail_unexpectedly, b"", limits=Limits())


def test_a_crash_fails_the_job_and_the_next_job_gets_a_new_worker(sandbox: Sandbox) -> None:
    sandbox.run(jobs.length, b"warm", limits=Limits())
    started = sandbox.started
    with pytest.raises(WorkerKilled, match="crashed \\(SIGSEGV\\)"):
        sandbox.run(jobs.crash, b"", limits=Limits())
    assert sandbox.run(jobs.length, b"after", limits=Limits()) == 5
    assert sandbox.started == started + 1


@linux_only
def test_a_job_that_spins_is_stopped_by_the_cpu_limit() -> None:
    patient = Sandbox(grace_seconds=120)  # the clock must not stop it first on a busy machine
    try:
        with pytest.raises(ParseTimeout, match="CPU time"):
            patient.run(jobs.spin, b"", limits=Limits(parse_seconds=1))
        assert patient.run(jobs.length, b"ok", limits=Limits()) == 2
    finally:
        patient.close()


def test_a_job_that_never_answers_is_killed_after_the_wall_clock_limit(sandbox: Sandbox) -> None:
    with pytest.raises(ParseTimeout, match="still parsing after 1 s"):
        sandbox.run(jobs.sleep, b"", limits=Limits(parse_seconds=1))
    assert sandbox.run(jobs.length, b"ok", limits=Limits()) == 2


@linux_only
def test_a_job_that_wants_too_much_memory_is_over_budget_and_the_worker_is_replaced(sandbox: Sandbox) -> None:
    started = sandbox.started
    with pytest.raises(OverBudget, match="1024 MiB of memory"):
        sandbox.run(jobs.allocate, b"", limits=Limits(worker_memory_bytes=1024 * 1024 * 1024))
    assert sandbox.run(jobs.length, b"ok", limits=Limits()) == 2
    assert sandbox.started == started + 1


def test_python_code_in_the_worker_cannot_open_sockets(sandbox: Sandbox) -> None:
    with pytest.raises(ParserError, match="no network"):
        sandbox.run(jobs.connect, b"", limits=Limits())


@linux_only
def test_the_worker_has_no_network_interface_but_loopback_when_namespaces_are_allowed(sandbox: Sandbox) -> None:
    if shutil.which("unshare") is None or subprocess.run(["unshare", "-Un", "true"], check=False).returncode:
        pytest.skip("user and network namespaces are not allowed here")
    assert sandbox.run(jobs.interfaces, b"", limits=Limits()) == ["lo"]


@linux_only
def test_the_worker_holds_at_most_its_open_file_limit(sandbox: Sandbox) -> None:
    assert sandbox.run(jobs.open_files, b"", limits=Limits(worker_open_files=64)) < 64
