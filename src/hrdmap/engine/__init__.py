"""Run the heavy steps (parsing files, tagging paragraphs) as tasks on a cluster: the distributed engine.

The services hand the engine *tasks*: a module-level function, its arguments, and a key that names the result
(a digest of everything the result depends on: a file's bytes, its name and limits; a chunk's texts and the
taggers). The engine runs them on its workers and hands back the results; the services store them through the
repositories, in the coordinating process, in the same order as without an engine, so the store ends up the
same. Two tasks with the same key are one task (it runs once), and a task whose worker dies is run again on
another worker: nothing is lost, nothing is stored twice.

One engine is built in: Dask distributed (:mod:`hrdmap.engine.dask`), chosen by measurement (docs/scale.md), at
the address ``tcp://host:8786`` of its scheduler. The setting ``HRDMAP_EXECUTOR`` (or ``--executor``) names it;
``local`` (the default) runs everything in this process as before and imports no engine at all.

Errors::

    HrdmapError
     └── Unavailable
          └── EngineUnavailable      the scheduler cannot be reached, or is lost during a run
     └── TaskFailed                  workers died running the task, too many times (it may kill them)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from hrdmap.domain.errors import HrdmapError, InvalidInput, Unavailable

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)

LOCAL = "local"
#: Schemes of executor addresses, with the engine that serves them.
SCHEMES = {"tcp": "dask", "tls": "dask"}


class EngineUnavailable(Unavailable):
    """The engine's scheduler cannot be reached, or was lost: the run stops, what was stored stays."""


class TaskFailed(HrdmapError):
    """Workers died running a task, as often as the engine allows: the task itself may be what kills them."""


class ExecutorError(InvalidInput):
    """An executor address hrdmap cannot use; the message says why."""


class Pending(Protocol[T_co]):
    """A task handed to an engine: its result, when it is ready."""

    def result(self) -> T_co:
        """Wait for the task and return its result (or raise what the task raised).

        Raises:
            TaskFailed: Workers died running it too often.
            EngineUnavailable: The engine was lost.
        """
        ...


class Executor(Protocol):
    """Runs keyed tasks on workers.

    Example::

        with open_executor("tcp://127.0.0.1:8786") as engine:
            pending = engine.submit("double-21", double, 21)
            assert pending.result() == 42
    """

    address: str

    def submit(self, key: str, function: Callable[..., T], *args: Any) -> Pending[T]:
        """Run ``function(*args)`` on a worker under ``key``; arguments may be other tasks' :class:`Pending`."""
        ...

    def workers(self) -> int:
        """How many workers (threads of work) the engine has now."""
        ...

    def close(self) -> None:
        """Let go of the engine (its scheduler and workers keep running)."""
        ...

    def __enter__(self) -> Executor: ...

    def __exit__(self, *exc: object) -> None: ...


def check_executor(address: str) -> str:
    """``address`` when it names an executor hrdmap can use (``local``, or ``tcp://host:port``).

    Raises:
        ExecutorError: It does not (the message names what is accepted; ``ray://`` says why Dask was chosen).
    """
    value = address.strip()
    if value == LOCAL:
        return value
    scheme, sep, rest = value.partition("://")
    if scheme == "ray":
        raise ExecutorError(
            f"{value!r}: hrdmap runs on Dask distributed, not Ray (measured: docs/scale.md); "
            "start a Dask scheduler and give its address, tcp://host:8786"
        )
    if not sep or scheme not in SCHEMES or not rest:
        raise ExecutorError(f"{value!r} is not an executor: 'local', or a Dask scheduler's tcp://host:8786")
    return value


def open_executor(address: str, *, timeout: float = 60.0) -> Executor:
    """Connect to the engine at ``address`` (not ``local``: the callers run locally themselves).

    Raises:
        ExecutorError: The address is not an engine's.
        EngineUnavailable: The engine's package is not installed, or its scheduler does not answer.
    """
    value = check_executor(address)
    if value == LOCAL:
        raise ExecutorError("'local' runs in this process: there is no engine to open")
    try:
        from hrdmap.engine.dask import DaskExecutor
    except ImportError as error:  # pragma: no cover - the extra is in dev
        raise EngineUnavailable(
            f"the executor {value} needs Dask distributed: pip install 'hrdmap[dask]' ({error})"
        ) from None
    return DaskExecutor(value, timeout=timeout)
