"""``hrdmap keys``: the key file that encrypts personal data at rest, and its rotation."""

from __future__ import annotations

from pathlib import Path

import click

from hrdmap.cli.output import Refused, echo, local_actor, workspace
from hrdmap.services import sealing


@click.group()
def keys() -> None:
    """Encryption at rest: make a key file, rotate it."""


@keys.command("init")
@click.argument("output", type=click.Path(dir_okay=False, path_type=Path))
def keys_init(output: Path) -> None:
    """Write a new random key file (private); set HRDMAP_KEY_FILE to it to encrypt personal data."""
    if output.exists():
        raise Refused(f"{output} exists: a key file is never overwritten (losing it loses the data it opens)")
    output.touch(mode=0o600)
    output.write_text(sealing.new_key_file_text(), encoding="utf-8")
    echo(f"wrote {output}; keep a copy offline, then: export HRDMAP_KEY_FILE={output}")


@keys.command("rotate")
@click.argument("new_key_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_context
def keys_rotate(ctx: click.Context, new_key_file: Path) -> None:
    """Rewrap the data keys under NEW_KEY_FILE (a key file or a passphrase file) and start a new data key."""
    with workspace(ctx) as ws:
        count = sealing.rotate_keys(ws, local_actor(), new_key_file)
    echo(f"rewrapped {count} data key(s) under {new_key_file}; from now on: export HRDMAP_KEY_FILE={new_key_file}")
