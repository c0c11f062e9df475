"""Run ``hrdmap`` on a data folder that it cannot write.

Permission bits do not stop root, so as root the folder is made read-only the way a backup on a read-only disk
is: a read-only bind mount, in a private mount namespace of a user namespace (``unshare -rm``), which only the
command sees. As another user the folder and its files lose their write permission for the command's duration.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from .cli_process import RUN_CLI, Finished


def _unshare_works() -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "-rm", "true"], capture_output=True, check=False)
    return probe.returncode == 0


def skip_unless_possible() -> None:
    """Skip the test where a read-only folder cannot be made (root without user namespaces, Windows)."""
    if sys.platform == "win32":
        pytest.skip("read-only data folders are tested on POSIX systems")
    if os.geteuid() == 0 and not _unshare_works():
        pytest.skip("running as root without user namespaces: no way to make a folder read-only for root")


@contextmanager
def _without_write_permission(folder: Path) -> Iterator[None]:
    modes = {p: p.stat().st_mode for p in [folder, *folder.rglob("*")]}
    for path, mode in modes.items():
        path.chmod(mode & ~0o222)
    try:
        yield
    finally:
        for path, mode in modes.items():
            path.chmod(mode)


def run_read_only(home: Path, *args: str, timeout: float = 120) -> Finished:
    """Run ``hrdmap ARGS`` with ``HRDMAP_HOME=home`` while ``home`` cannot be written."""
    env = {**os.environ, "HRDMAP_HOME": str(home)}
    command = [sys.executable, "-c", RUN_CLI, *args]
    if os.geteuid() == 0:
        folder = shlex.quote(str(home))
        script = f"mount --bind {folder} {folder} && mount -o remount,bind,ro {folder} && exec {shlex.join(command)}"
        done = subprocess.run(["unshare", "-rm", "sh", "-c", script], env=env, capture_output=True, timeout=timeout)
    else:
        with _without_write_permission(home):
            done = subprocess.run(command, env=env, capture_output=True, timeout=timeout, check=False)
    return Finished(done.returncode, done.stdout.decode(errors="replace"), done.stderr.decode(errors="replace"))
