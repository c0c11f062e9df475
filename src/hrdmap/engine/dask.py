"""The Dask distributed engine: tasks go to the scheduler at ``tcp://host:8786``, which hands them to workers.

Start the scheduler and the workers with Dask's own commands (docs/scale.md)::

    dask scheduler --host 0.0.0.0 --port 8786
    DASK_DISTRIBUTED__WORKER__DAEMON=False dask worker tcp://scheduler:8786 --nworkers 4 --nthreads 1

``--nthreads 1``: a worker process parses one file at a time, in its own sandboxed parser process
(:mod:`hrdmap.ingest.sandbox`), so run one worker process per core. ``DASK_DISTRIBUTED__WORKER__DAEMON=False``
lets a worker start that sandboxed process (a daemonic process may have no children); ``--no-nanny`` does too.

A task's key is the digest hrdmap gives it: the scheduler runs a key once however many runs ask for it. When a
worker dies (killed, out of memory), the scheduler gives its tasks to another worker; a task that kills
``distributed.scheduler.allowed-failures`` workers (3 by default) fails with :class:`~hrdmap.engine.TaskFailed`.
"""

from __future__ import annotations

import concurrent.futures
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from distributed import CancelledError, Client, Future
from distributed.scheduler import KilledWorker

from hrdmap.engine import EngineUnavailable, Executor, TaskFailed

T = TypeVar("T")


class DaskPending(Generic[T]):
    """A task on the Dask cluster (wraps its future, so the engine's own errors become hrdmap's)."""

    def __init__(self, future: Future[T]) -> None:
        self.future = future

    def result(self) -> T:
        """The task's result, or what it raised (see :meth:`hrdmap.engine.Pending.result`)."""
        try:
            return self.future.result()
        except KilledWorker as error:
            raise TaskFailed(f"the engine's workers died running it, {_tries(error)}") from None
        except (CancelledError, concurrent.futures.CancelledError, OSError) as error:
            raise EngineUnavailable(f"the engine's scheduler was lost ({type(error).__name__}: {error})") from None


class DaskExecutor:
    """A client of a Dask distributed scheduler (see the module docstring).

    Args:
        address: The scheduler's address, ``tcp://host:8786``.
        timeout: Seconds to wait for the scheduler to answer.

    Raises:
        EngineUnavailable: The scheduler does not answer.
    """

    def __init__(self, address: str, *, timeout: float = 60.0) -> None:
        self.address = address
        try:
            self._client = Client(address, timeout=timeout, set_as_default=False)  # type: ignore[no-untyped-call]
        except (OSError, TimeoutError) as error:
            raise EngineUnavailable(f"no Dask scheduler answers at {address} ({error})") from None

    def submit(self, key: str, function: Callable[..., T], *args: Any) -> DaskPending[T]:
        """Run ``function(*args)`` under ``key`` (a :class:`DaskPending` argument becomes its result)."""
        plain = [arg.future if isinstance(arg, DaskPending) else arg for arg in args]
        return DaskPending(self._client.submit(function, *plain, key=key, pure=False))

    def workers(self) -> int:
        """Threads of work over all workers now connected."""
        info = self._client.scheduler_info()
        return sum(int(worker.get("nthreads", 1)) for worker in info.get("workers", {}).values())

    def close(self) -> None:
        """Disconnect (the scheduler and workers go on)."""
        self._client.close()  # type: ignore[no-untyped-call]

    def __enter__(self) -> Executor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _tries(error: KilledWorker) -> str:
    text = str(error)
    return text.split(". ", 1)[0] if text else "too many times"
