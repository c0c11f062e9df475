"""A Dask cluster on this machine, from real scheduler and worker processes on the loopback interface.

For the tests and the benchmarks (and to try the engine on one machine): it starts ``dask scheduler`` and one
``dask worker`` process per worker, exactly as docs/scale.md starts them on a cluster, and stops them at the end.

Example::

    with LoopbackCluster(workers=2) as cluster:
        ingest(workspace, actor, [folder], executor=cluster.address)
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from hrdmap.engine import EngineUnavailable

#: How long to wait for the scheduler and the workers to come up (generous: a loaded machine is slow).
START_SECONDS = 180.0


class LoopbackCluster:
    """Real ``dask scheduler`` and ``dask worker`` processes on 127.0.0.1 (see the module docstring).

    Args:
        workers: Worker processes to start (one thread each).
        nanny: Start each worker under a nanny, which restarts it when it dies (Dask's default).
    """

    def __init__(self, workers: int = 2, *, nanny: bool = True) -> None:
        self.workers = workers
        self.nanny = nanny
        self.address = ""
        self._folder = Path(tempfile.mkdtemp(prefix="hrdmap-dask-"))
        self._processes: list[subprocess.Popen[bytes]] = []

    def __enter__(self) -> LoopbackCluster:
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> None:
        """Start the scheduler, then the workers, and wait until every worker has joined.

        Raises:
            EngineUnavailable: They did not come up in time.
        """
        dask = [sys.executable, "-m", "distributed.cli.dask_scheduler"]
        info = self._folder / "scheduler.json"
        self._spawn([*dask, "--host", "127.0.0.1", "--port", "0", "--no-dashboard", "--scheduler-file", str(info)])
        self.address = str(self._wait_for(info)["address"])
        for _ in range(self.workers):
            self.add_worker()
        self.wait_for_workers(self.workers)

    def add_worker(self) -> None:
        """Start one more worker process (one thread, the sandbox allowed to start its parser)."""
        command = [sys.executable, "-m", "distributed.cli.dask_worker", self.address, "--nthreads", "1"]
        command += ["--host", "127.0.0.1", "--no-dashboard", "--local-directory", str(self._folder)]
        command += [] if self.nanny else ["--no-nanny"]
        self._spawn(command)

    def worker_pids(self) -> dict[str, int]:
        """The process id of each connected worker, by its address (the worker, not its nanny)."""
        from distributed import Client

        with Client(self.address, timeout=60, set_as_default=False) as client:  # type: ignore[no-untyped-call]
            return dict(client.run(os.getpid))

    def busy_worker(self) -> int | None:
        """The process id of a worker that is running a task now, if any."""
        from distributed import Client

        with Client(self.address, timeout=60, set_as_default=False) as client:  # type: ignore[no-untyped-call]
            processing = client.processing()
            pids = dict(client.run(os.getpid))
        busy = [address for address, keys in processing.items() if keys and address in pids]
        return pids[busy[0]] if busy else None

    def kill(self, pid: int) -> None:
        """Kill a worker process at once (``SIGKILL``: no goodbye to the scheduler)."""
        os.kill(pid, signal.SIGKILL)

    def wait_for_workers(self, count: int, timeout: float = START_SECONDS) -> None:
        """Wait until ``count`` workers are connected.

        Raises:
            EngineUnavailable: They are not, in time.
        """
        from distributed import Client

        with Client(self.address, timeout=timeout, set_as_default=False) as client:  # type: ignore[no-untyped-call]
            try:
                client.wait_for_workers(count, timeout=timeout)
            except TimeoutError:
                raise EngineUnavailable(f"{count} Dask workers did not join in {timeout:.0f} s") from None

    def stop(self) -> None:
        """Stop the workers and the scheduler, and remove their folder."""
        for process in reversed(self._processes):
            if process.poll() is None:
                process.terminate()
        for process in reversed(self._processes):
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(30)
        self._processes.clear()
        shutil.rmtree(self._folder, ignore_errors=True)

    def _spawn(self, command: list[str]) -> None:
        env = {**os.environ, "DASK_DISTRIBUTED__WORKER__DAEMON": "False"}
        log = (self._folder / f"process-{len(self._processes)}.log").open("wb")
        self._processes.append(subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env))
        log.close()

    def _wait_for(self, info: Path) -> dict[str, Any]:
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if info.is_file():
                try:
                    found: dict[str, Any] = json.loads(info.read_text("utf-8"))
                    return found
                except json.JSONDecodeError:  # being written
                    pass
            if self._processes[0].poll() is not None:
                break
            time.sleep(0.2)
        raise EngineUnavailable(f"the Dask scheduler did not start (log: {self._folder})")
