"""The web app's own settings: the secret key (from a file), development mode, TLS, and the server's limits.

The secret key signs nothing a client could forge into access (sessions are random values looked up in the
store) but keys the CSRF tokens; it comes from a file, never from the command line or the environment (both
leak into process lists and logs). Outside development mode a short key or a placeholder is refused.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path

from hrdmap.domain.errors import InvalidInput

#: The file in the data folder that holds the secret key unless another is named.
SECRET_FILE = "web-secret.key"  # noqa: S105 - a file name
#: Keys that are obviously not secret: refused outside development mode.
PLACEHOLDERS = frozenset({"changeme", "change-me", "secret", "dev", "development", "password", "xxx", "todo"})
MIN_SECRET = 32


class UnsafeSetting(InvalidInput):
    """A setting the web app refuses to start with outside development mode."""


@dataclass(frozen=True, slots=True)
class WebSettings:
    """How the web app runs.

    Attributes:
        secret_key: Keys the CSRF tokens (bytes from the secret file).
        dev: Development mode: placeholders allowed; never on a server others reach.
        behind_tls: The app is served over HTTPS (directly or by a reverse proxy): cookies are ``Secure`` and
            responses carry HSTS.
        max_upload_bytes: The largest file a form may upload.
        login_attempts_per_minute: Sign-in attempts one client address may make a minute.
    """

    secret_key: bytes
    dev: bool = False
    behind_tls: bool = False
    max_upload_bytes: int = 100 * 1024 * 1024
    login_attempts_per_minute: int = 10


def load_secret(path: Path, *, dev: bool) -> bytes:
    """The secret key in ``path``; a new random one is written there (private) when the file does not exist.

    Raises:
        UnsafeSetting: Outside development mode, the key is a placeholder or shorter than 32 characters.
    """
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(secrets.token_urlsafe(48) + "\n", encoding="utf-8")
    key = path.read_text(encoding="utf-8").strip()
    if not dev and (key.lower() in PLACEHOLDERS or len(key) < MIN_SECRET):
        raise UnsafeSetting(
            f"secret key file {path}: a placeholder or shorter than {MIN_SECRET} characters; delete it to have a "
            "random one made, or start with --dev on a machine no one else reaches"
        )
    return key.encode()
