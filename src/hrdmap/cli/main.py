"""The ``hrdmap`` command.

Each command group lives in a module of its own under :mod:`hrdmap.cli` and is listed in ``COMMANDS``; the
modules are imported only when their command runs, so ``hrdmap --help`` stays fast.

Exit codes: 0 success; 1 partial failure (some files or items failed, the rest went through); 2 usage error or
nothing could be done. Every error a service raises for people derives from
:class:`hrdmap.domain.errors.HrdmapError`; :meth:`LazyGroup.invoke` turns it into one message on standard error,
in one style, with the error's exit code, so no command lists the errors of its services.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import click

from hrdmap import __version__
from hrdmap.domain.errors import HrdmapError

#: command name → "module:attribute" of the click command.
COMMANDS: dict[str, str] = {
    "ingest": "hrdmap.cli.corpus:ingest",
    "documents": "hrdmap.cli.corpus:documents",
    "show": "hrdmap.cli.corpus:show",
    "search": "hrdmap.cli.corpus:search",
    "export": "hrdmap.cli.corpus:export",
    "reindex": "hrdmap.cli.corpus:reindex",
    "migrate-store": "hrdmap.cli.store:migrate_store",
    "mandates": "hrdmap.cli.mandates:mandates",
    "tag": "hrdmap.cli.tag:tag",
    "review": "hrdmap.cli.review:review",
    "map": "hrdmap.cli.map:map_",
    "evaluate": "hrdmap.cli.evaluate:evaluate",
    "recommendations": "hrdmap.cli.recommendations:recommendations",
    "calls": "hrdmap.cli.calls:calls",
    "stakeholders": "hrdmap.cli.calls:stakeholders",
    "draft": "hrdmap.cli.draft:draft",
    "incidents": "hrdmap.cli.incidents:incidents",
    "indicators": "hrdmap.cli.indicators:indicators",
    "warnings": "hrdmap.cli.early_warning:warnings",
    "serve": "hrdmap.cli.serve:serve",
    "users": "hrdmap.cli.serve:users",
    "keys": "hrdmap.cli.keys:keys",
    "audit": "hrdmap.cli.audit:audit",
}


class LazyGroup(click.Group):
    """A group whose commands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        command = getattr(importlib.import_module(module_name), attr)
        assert isinstance(command, click.Command)  # noqa: S101 - a wrong COMMANDS entry is a programming error
        return command

    def invoke(self, ctx: click.Context) -> object:
        """Run the command; an :class:`HrdmapError` becomes ``Error: <message>`` on stderr and its exit code."""
        try:
            return super().invoke(ctx)
        except HrdmapError as error:
            from hrdmap.cli.output import terminal_safe  # imported here: ``hrdmap --help`` stays fast

            click.echo(f"Error: {terminal_safe(error.message)}", err=True)  # the style of click's usage errors
            raise click.exceptions.Exit(error.exit_code) from None


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="hrdmap")
@click.option(
    "--home",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="HRDMAP_HOME",
    default=".hrdmap",
    show_default=True,
    help="Folder holding the database and the search index.",
)
@click.pass_context
def cli(ctx: click.Context, home: Path) -> None:
    """hrdmap: map the UN's support to human rights defenders."""
    ctx.obj = {"home": home}


def main() -> None:
    """Entry point of the ``hrdmap`` script."""
    cli()
