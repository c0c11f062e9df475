"""Parse untrusted files in a worker process with hard limits, so that one file costs one file, not the batch.

Parsers are big C and C++ libraries (pdfium, libxml2) and Python code reading hostile input. A file can make
them allocate without end, loop, or crash; in the ingesting process that would kill the whole run with no trace
of which file did it. Here the parsing runs in a long-lived worker process (one at a time; a new one is started
after a death), which the caller sends one job at a time: a function, its arguments and the file's bytes.

What holds the worker, and where (see also docs/threat-model.md):

==============================  ===========================================  ==========================
limit                           how                                          where it holds
==============================  ===========================================  ==========================
memory                          ``RLIMIT_AS`` = ``worker_memory_bytes``      Linux (macOS ignores it)
CPU time                        ``RLIMIT_CPU`` = ``parse_seconds`` per job   Linux, macOS
wall-clock time                 the caller stops waiting and kills it        everywhere
open files                      ``RLIMIT_NOFILE`` = ``worker_open_files``    Linux, macOS
no core dumps                   ``RLIMIT_CORE`` = 0 (they would hold text)   Linux, macOS
no network                      a new, empty network namespace               Linux with user namespaces
no sockets from Python code     an audit hook refuses socket creation        everywhere
dies with hrdmap                ``PR_SET_PDEATHSIG``; EOF on its pipe        Linux; elsewhere at EOF
==============================  ===========================================  ==========================

A job that raises an :class:`~hrdmap.ingest.errors.IngestError` returns it to the caller unchanged; any other
exception becomes a :class:`ParserError` naming it; ``MemoryError`` becomes
:class:`~hrdmap.ingest.errors.OverBudget` and the worker is replaced, since its heap may stay large. A worker
that dies is reported as :class:`~hrdmap.ingest.errors.WorkerKilled` (or
:class:`~hrdmap.ingest.errors.ParseTimeout` when the CPU limit killed it), one that does not answer in time is
killed and reported as :class:`~hrdmap.ingest.errors.ParseTimeout`; the next job starts a new worker.

On Linux the worker is forked from a *forkserver* that has imported the parsing modules once (``preload``), so
starting one costs milliseconds; elsewhere it is spawned.
"""

from __future__ import annotations

import atexit
import ctypes
import math
import multiprocessing
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess
from typing import Any, TypeVar

from hrdmap.ingest.base import Limits
from hrdmap.ingest.errors import IngestError, OverBudget, ParseTimeout, WorkerKilled

try:
    import resource
except ImportError:  # Windows
    resource = None  # type: ignore[assignment]

T = TypeVar("T")
MIB = 1024 * 1024
GRACE_SECONDS = 5.0
"""How long past ``parse_seconds`` the caller waits before it kills a worker (the CPU limit fires first)."""
_CLONE_NEWUSER = 0x10000000
_CLONE_NEWNET = 0x40000000
_PR_SET_PDEATHSIG = 1
_SOCKET_EVENTS = frozenset({"socket.__new__", "socket.connect", "socket.bind", "socket.getaddrinfo"})
_CRASHES = {signal.SIGSEGV, signal.SIGABRT, signal.SIGBUS, signal.SIGILL, signal.SIGFPE}
_SIGXCPU = getattr(signal, "SIGXCPU", None)


class ParserError(IngestError):
    """A parser raised something other than an ingest error: a bug to report, with the exception's name."""

    code = "internal"


class Sandbox:
    """Runs jobs in a worker process under the limits of each job's :class:`Limits`.

    Example::

        sandbox = Sandbox(preload=["hrdmap.services.reading"])
        document = sandbox.run(parse_file, data, "report.pdf", limits=Limits())

    Args:
        preload: Modules the worker imports before its first job (on Linux, once, in the forkserver).
        start_method: ``forkserver`` or ``spawn``; by default forkserver where it exists, else spawn.
        grace_seconds: How long past ``parse_seconds`` to wait before killing a worker that does not answer.
    """

    def __init__(
        self, preload: Sequence[str] = (), start_method: str | None = None, grace_seconds: float = GRACE_SECONDS
    ) -> None:
        method = start_method or ("forkserver" if sys.platform.startswith("linux") else "spawn")
        self._context: BaseContext = multiprocessing.get_context(method)
        if method == "forkserver":
            self._context.set_forkserver_preload(list(preload))
        self._preload = tuple(preload)
        self._grace = grace_seconds
        self._worker: BaseProcess | None = None
        self._conn: Connection | None = None
        self._lock = threading.Lock()
        self.started = 0
        """Workers started so far (the first one, and one after each death)."""

    def run(self, function: Callable[..., T], data: bytes, *args: Any, limits: Limits) -> T:
        """Run ``function(data, *args, limits)`` in the worker and return what it returns.

        ``function`` must be importable by name (a module-level function) and its result picklable.

        Raises:
            IngestError: What the function raised, or :class:`ParserError` for another exception.
            OverBudget: It ran out of memory.
            ParseTimeout: It ran past ``limits.parse_seconds`` of CPU or of wall-clock time (plus a grace).
            WorkerKilled: The worker died.
        """
        with self._lock:
            conn = self._send(function, data, args, limits)
            if not conn.poll(limits.parse_seconds + self._grace):
                self._stop()
                raise ParseTimeout(
                    f"still parsing after {limits.parse_seconds:.0f} s: stopped (HRDMAP_PARSE_SECONDS)"
                )
            try:
                status, value = conn.recv()
            except (EOFError, OSError):
                raise self._death(limits) from None
            if status == "exit":  # answered, then left: its heap may stay large after a MemoryError
                self._stop()
                status = "error"
            if status == "error":
                raise value
            return value  # type: ignore[no-any-return]

    def close(self) -> None:
        """Stop the worker (the next job starts a new one)."""
        with self._lock:
            self._stop()

    def _send(self, function: Callable[..., Any], data: bytes, args: tuple[Any, ...], limits: Limits) -> Connection:
        """Send a job, starting a worker when there is none or the one there died while idle."""
        for attempt in (1, 2):
            conn = self._ensure()
            try:
                conn.send((function, args, limits))
                conn.send_bytes(data)
                return conn
            except (BrokenPipeError, ConnectionResetError, EOFError):
                self._stop()
                if attempt == 2:
                    raise WorkerKilled("the worker process could not be started or died at once") from None
        raise AssertionError("unreachable")  # pragma: no cover

    def _ensure(self) -> Connection:
        if self._worker is not None and self._conn is not None and self._worker.is_alive():
            return self._conn
        self._stop()
        ours, theirs = self._context.Pipe(duplex=True)
        worker = self._context.Process(  # type: ignore[attr-defined]
            target=serve, args=(theirs, self._preload), name="hrdmap-parser", daemon=True
        )
        worker.start()
        theirs.close()
        self._worker, self._conn = worker, ours
        self.started += 1
        return ours

    def _stop(self) -> None:
        """Kill the worker, if any, and forget it."""
        worker, conn = self._worker, self._conn
        self._worker = self._conn = None
        if conn is not None:
            conn.close()
        if worker is not None:
            if worker.is_alive():
                worker.kill()
            worker.join(5)

    def _death(self, limits: Limits) -> IngestError:
        """The error for a worker that died during a job."""
        worker = self._worker
        if worker is not None:
            worker.join(5)
        code = worker.exitcode if worker is not None else None
        self._stop()
        return death_error(code, limits)


def death_error(exitcode: int | None, limits: Limits) -> IngestError:
    """What a worker's exit code says about the file it was parsing."""
    if exitcode is not None and exitcode < 0:
        number = -exitcode
        name = _signal_name(number)
        if _SIGXCPU is not None and number == _SIGXCPU:
            return ParseTimeout(
                f"used more than {limits.parse_seconds:.0f} s of CPU time: stopped (HRDMAP_PARSE_SECONDS)"
            )
        if number == signal.SIGKILL:
            return WorkerKilled(
                f"the worker parsing it was killed ({name}), most likely for memory: the file may be a "
                "decompression bomb"
            )
        if number in _CRASHES:
            return WorkerKilled(
                f"the parser crashed ({name}), often for lack of memory (limit "
                f"{limits.worker_memory_bytes / MIB:.0f} MiB, HRDMAP_WORKER_MEMORY_MB): the file may be a "
                "decompression bomb or damaged to crash it"
            )
        return WorkerKilled(f"the worker parsing it died ({name})")
    return WorkerKilled(f"the worker parsing it stopped (exit status {exitcode})")


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


_shared: Sandbox | None = None
_shared_lock = threading.Lock()


def shared_sandbox(preload: Sequence[str] = ()) -> Sandbox:
    """The sandbox of this process, created on first use and stopped when the process exits.

    One worker serves every ingest of a process (a command, a test session), so its start and the parsers'
    warm-up (language models, fonts) are paid once.
    """
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = Sandbox(preload=preload)
            atexit.register(_shared.close)
        return _shared


# The worker side.


def serve(conn: Connection, preload: Sequence[str] = ()) -> None:
    """The worker's loop: isolate the process, then run jobs until the pipe closes."""
    isolate()
    for module in preload:  # already imported when forked from a preloaded forkserver
        __import__(module)
    while True:
        try:
            function, args, limits = conn.recv()
            data = conn.recv_bytes()
        except (EOFError, OSError):
            return
        apply_limits(limits)
        status, value = _job(function, data, args, limits)
        try:
            conn.send((status, value))
        except Exception as error:  # noqa: BLE001 - an unpicklable result or exception must still answer
            conn.send(("error", ParserError(f"the parser's answer could not be sent back ({error!r})")))
        if status == "exit":
            return


def _job(function: Callable[..., Any], data: bytes, args: tuple[Any, ...], limits: Limits) -> tuple[str, Any]:
    try:
        return "ok", function(data, *args, limits)
    except MemoryError:
        return "exit", OverBudget(
            f"needs more than the worker's {limits.worker_memory_bytes / MIB:.0f} MiB of memory "
            "(HRDMAP_WORKER_MEMORY_MB)"
        )
    except IngestError as error:
        return "error", error
    except RecursionError:
        return "error", OverBudget("nested too deeply to parse")
    except Exception as error:  # noqa: BLE001 - any parser bug is this file's failure, reported by name
        return "error", ParserError(f"{type(error).__name__}: {error}")


def isolate() -> list[str]:
    """Cut the worker off: no core dumps, no network, death with its parent. Returns what held.

    Called first thing in the worker (a fresh fork has one thread, which a user namespace requires).
    """
    held = []
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for hrdmap, which stops the worker itself
    if resource is not None:
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        held.append("no core dumps")
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0:
            held.append("dies with its parent")
        if libc.unshare(_CLONE_NEWUSER | _CLONE_NEWNET) == 0 or libc.unshare(_CLONE_NEWNET) == 0:
            held.append("network namespace")
    sys.addaudithook(_refuse_sockets)
    held.append("no sockets from Python")
    return held


def _refuse_sockets(event: str, args: tuple[Any, ...]) -> None:
    if event in _SOCKET_EVENTS:
        raise PermissionError(f"the parsing worker has no network ({event})")


def apply_limits(limits: Limits) -> None:
    """Set the worker's memory, CPU (this job's share on top of what it used) and open-file limits."""
    if resource is None:
        return
    usage = resource.getrusage(resource.RUSAGE_SELF)
    used = usage.ru_utime + usage.ru_stime
    _soft_limit(resource.RLIMIT_AS, limits.worker_memory_bytes)
    _soft_limit(resource.RLIMIT_CPU, math.ceil(used + limits.parse_seconds))
    _soft_limit(resource.RLIMIT_NOFILE, limits.worker_open_files)


def _soft_limit(kind: int, value: int) -> None:
    """Set a soft limit, never above the hard one (which stays, so the next job may raise the soft one again)."""
    assert resource is not None  # noqa: S101 - callers check
    _, hard = resource.getrlimit(kind)
    if hard != resource.RLIM_INFINITY:
        value = min(value, hard)
    try:
        resource.setrlimit(kind, (value, hard))
    except (ValueError, OSError):  # a platform that refuses this limit: the others still hold
        return


def worker_pid(sandbox: Sandbox) -> int | None:
    """The process id of the sandbox's worker, when one is running (for tests and diagnostics)."""
    worker = sandbox._worker
    return worker.pid if worker is not None and worker.is_alive() else None
