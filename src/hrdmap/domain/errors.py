"""The errors hrdmap raises for people to read, under one root.

Every error that reaches a user derives from :class:`HrdmapError`: its ``str()`` is one line (or one line per
problem) that names the file, field or thing and the reason, and its ``exit_code`` is what the command line
exits with. The edges map the root in one place (the CLI in :mod:`hrdmap.cli.main`; the web app to an HTTP
status), so no command lists the errors of its services.

::

    HrdmapError                      exit 2
    ├── InvalidInput (ValueError)    a file, field, option or setting that cannot be used
    ├── NotFound (LookupError)       nothing by that name, or nothing this actor may see (no existence leaks)
    ├── Conflict                     ambiguous reference, or another process holds the data folder
    ├── Forbidden                    this actor may not do that (writes only; reads answer NotFound)
    └── Unavailable (RuntimeError)   a part is missing here: a tool, a model, a damaged index

Errors of one file in a batch (:class:`hrdmap.ingest.errors.IngestError`) are kept as that file's outcome and
never stop the batch; they derive from the root itself, so a command that reads a single file can let one through.
Errors that were a ``ValueError`` or a ``LookupError`` before the root existed keep that base (through
:class:`InvalidInput` and :class:`NotFound`); the others derive from :class:`HrdmapError` alone, so no
``except ValueError`` meant for a library's error swallows one of ours.
"""

from __future__ import annotations

from typing import ClassVar


class HrdmapError(Exception):
    """An error a person can act on; ``str()`` is the message and ``exit_code`` the command line's exit status."""

    exit_code: ClassVar[int] = 2

    @property
    def message(self) -> str:
        """The message shown to users (a ``KeyError``-style argument without the quotes ``str()`` would add)."""
        return str(self.args[0]) if len(self.args) == 1 else str(self)


class InvalidInput(HrdmapError, ValueError):
    """A file, field, option or setting cannot be used; the message names it and the reason."""


class NotFound(HrdmapError, LookupError):
    """Nothing matches, or nothing this actor may see: both answer the same, so existence does not leak."""


class Conflict(HrdmapError):
    """The request is ambiguous, or the data folder is busy with another process."""


class Forbidden(HrdmapError):
    """The actor may not make this change. Reads of things an actor may not see answer :class:`NotFound`."""


class Unavailable(HrdmapError, RuntimeError):
    """A part hrdmap needs is missing or damaged here: an optional package, a tool, the search index."""
