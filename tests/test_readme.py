"""Every block of commands in the README works when pasted into a fresh shell at the root of a fresh clone.

A fresh shell has no ``hrdmap`` on its PATH and a fresh clone has no ``.venv``: a block that runs ``hrdmap``
must make the virtual environment and activate it (or call ``.venv/bin/hrdmap``) itself, and every file it
names must be in the repository. The blocks were also pasted for real in a fresh clone (docs/cli.md says how);
this test keeps later edits from breaking them.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
_BLOCK = re.compile(r"```(?:sh|bash|console)\n(.*?)```", re.DOTALL)


def _blocks() -> list[str]:
    return _BLOCK.findall((REPO / "README.md").read_text("utf-8"))


def _commands(line: str) -> list[list[str]]:
    """The simple commands of a line, split at ``&&``, ``||``, ``;`` and ``|``, comments dropped."""
    line = re.sub(r"\s#.*$", "", line)
    return [shlex.split(part) for part in re.split(r"&&|\|\||;|\|", line) if part.strip()]


def test_the_readme_has_blocks_of_commands() -> None:
    assert len(_blocks()) >= 3


def test_every_block_finds_hrdmap_in_a_fresh_shell() -> None:
    for block in _blocks():
        made = activated = False
        for line in block.splitlines():
            for words in _commands(line.strip()):
                words = [w.strip("()") for w in words if not re.fullmatch(r"\w+=\S*", w)]  # VAR=value prefixes
                if not words:
                    continue
                program, command = words[0], " ".join(words)
                if program == "hrdmap":
                    assert activated, f"'hrdmap' before the virtual environment is activated in:\n{block}"
                if program.startswith(".venv/bin/"):
                    assert made, f"{program} before the virtual environment is made in:\n{block}"
                made = made or command.startswith("python3 -m venv .venv")
                activated = activated or (made and program in (".", "source") and words[1:2] == [".venv/bin/activate"])


def test_the_files_the_blocks_name_exist() -> None:
    for block in _blocks():
        for name in re.findall(r"\bexamples/[\w./-]+", block):
            assert (REPO / name).exists(), name
