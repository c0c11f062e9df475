"""Tests keep the docs honest: every command and option of ``hrdmap`` is described in docs/."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import click
import pytest

from hrdmap.cli.main import COMMANDS, cli

DOCS = Path(__file__).resolve().parents[2] / "docs"


def _docs_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(DOCS.glob("*.md")))


def _walk(command: click.Command, path: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], click.Command]]:
    yield path, command
    if isinstance(command, click.Group):
        ctx = click.Context(command)
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            if sub is not None and not sub.hidden:
                yield from _walk(sub, (*path, name))


def _commands() -> list[tuple[tuple[str, ...], click.Command]]:
    ctx = click.Context(cli)
    found: list[tuple[tuple[str, ...], click.Command]] = []
    for name in COMMANDS:
        command = cli.get_command(ctx, name)
        assert command is not None, name
        found.extend(_walk(command, (name,)))
    return found


@pytest.mark.parametrize("path", [p for p, _ in _commands()], ids=" ".join)
def test_every_command_is_documented(path: tuple[str, ...]) -> None:
    assert f"hrdmap {' '.join(path)}" in _docs_text(), f"`hrdmap {' '.join(path)}` is missing from docs/"


@pytest.mark.parametrize(
    ("path", "option"),
    [
        (p, opt)
        for p, command in _commands()
        for param in command.params
        if isinstance(param, click.Option)
        for opt in param.opts
        if opt.startswith("--") and opt != "--help"
    ],
    ids=lambda v: " ".join(v) if isinstance(v, tuple) else v,
)
def test_every_option_is_documented(path: tuple[str, ...], option: str) -> None:
    assert option in _docs_text(), f"option {option} of `hrdmap {' '.join(path)}` is missing from docs/"
