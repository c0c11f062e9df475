"""Password and recovery-code hashing with Argon2id (argon2-cffi), at the cost the settings name."""

from __future__ import annotations

import functools

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError

from hrdmap.domain.errors import InvalidInput

#: The shortest password accepted (NIST SP 800-63B asks for at least 8; people at risk deserve more).
MIN_PASSWORD = 12
#: The longest password accepted (a bound on hashing work an attacker can ask for).
MAX_PASSWORD = 256


class WeakPassword(InvalidInput):
    """A password too short or too long."""


@functools.cache
def hasher(memory_kib: int) -> PasswordHasher:
    """The Argon2id hasher of ``memory_kib`` KiB: 3 passes and 4 lanes at 64 MiB and above (RFC 9106's second
    choice), 1 pass and 1 lane below (the tests' cheaper setting; still Argon2id)."""
    strong = memory_kib >= 65536
    return PasswordHasher(
        time_cost=3 if strong else 1, memory_cost=memory_kib, parallelism=4 if strong else 1, type=Type.ID
    )


def check_strength(password: str) -> None:
    """Refuse a password shorter than :data:`MIN_PASSWORD` or longer than :data:`MAX_PASSWORD` characters.

    Raises:
        WeakPassword: It is.
    """
    if len(password) < MIN_PASSWORD:
        raise WeakPassword(f"password: at least {MIN_PASSWORD} characters, please (a phrase of a few words)")
    if len(password) > MAX_PASSWORD:
        raise WeakPassword(f"password: at most {MAX_PASSWORD} characters")


def hash_secret(memory_kib: int, secret: str) -> str:
    """The Argon2id hash of ``secret`` (its parameters are written into it, so a change of cost keeps old
    hashes readable)."""
    return hasher(memory_kib).hash(secret)


def verify(memory_kib: int, digest: str, secret: str) -> bool:
    """Whether ``secret`` matches the Argon2id ``digest``."""
    try:
        return hasher(memory_kib).verify(digest, secret)
    except (VerificationError, InvalidHashError):
        return False
