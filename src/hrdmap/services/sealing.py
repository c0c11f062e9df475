"""Encryption at rest of personal data: envelope encryption with AES-256-GCM (the ``cryptography`` package).

::

    master key  ── from the key file HRDMAP_KEY_FILE names: 32 random bytes (``hrdmap keys init``), or a
      │            passphrase stretched with scrypt (n=2^17, r=8, p=1) and a salt kept in the data folder
      └─ wraps ─▶ data keys (random, AES-256-GCM), stored wrapped in the store (``data_keys``)
                    └─ seal ─▶ each protected value: ``enc:v1:<key id>:<base64(nonce ‖ ciphertext ‖ tag)>``

What is sealed, once a key file is set: the text of documents that confidential contributions bring (their
paragraphs, headings, table cells, footnotes, title and metadata such as an e-mail's sender and subject),
stakeholders' contact addresses, users' TOTP seeds, and the identities in incidents (victims' names and
organisations, sources' names, references and evidence, perpetrators' names, cases' subjects, the values kept from
imported lists, and the title and description of incidents that are not public). :class:`SealedStore` wraps the
store so the services write sealed values and read them opened, whatever the adapter; the search index never holds
the text of a sealed document (it is found by listing and reading, not by search). Each value is bound to its kind
by the GCM associated data, so a sealed contact cannot be passed off as a paragraph.

Rotation: ``hrdmap keys rotate`` rewraps every data key under a new master key (the values stay as they are)
and starts a new data key for new writes.
"""

from __future__ import annotations

import base64
import secrets
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from hrdmap.domain.actor import Actor, Permission, SystemClock
from hrdmap.domain.document import Block, Document, Footnote, StoredDocument
from hrdmap.domain.errors import InvalidInput, Unavailable
from hrdmap.domain.monitoring.cases import Case
from hrdmap.domain.monitoring.incidents import Incident, Source, Victim
from hrdmap.domain.monitoring.vocabulary import Sensitivity as IncidentSensitivity
from hrdmap.storage.accounts import UserRecord
from hrdmap.storage.documents import LocatedBlock, StoredBlock
from hrdmap.storage.repository import Store

if TYPE_CHECKING:
    from hrdmap.services.workspace import Workspace

PREFIX = "enc:v1:"
KEY_FILE_PREFIX = "hrdmap-key-v1:"
SALT_FILE = "keyring.salt"
_WRAP_AAD = b"hrdmap data key"


class KeyError_(Unavailable):  # noqa: N801 - "KeyError" is a builtin
    """The key file is missing, unreadable, or not the one the data keys were wrapped with."""


def new_key_file_text() -> str:
    """The content of a new key file: 32 random bytes, base64, with a marker."""
    return KEY_FILE_PREFIX + base64.b64encode(secrets.token_bytes(32)).decode() + "\n"


def master_key(key_file: Path, home: Path) -> bytes:
    """The master key from ``key_file``: a key made by ``hrdmap keys init``, or a passphrase stretched with
    scrypt and the salt in ``home`` (made on first use).

    Raises:
        KeyError_: The file cannot be read, or holds a passphrase shorter than 16 characters.
    """
    try:
        text = key_file.read_text(encoding="utf-8").strip()
    except OSError as error:
        raise KeyError_(f"key file {key_file}: cannot be read ({error.strerror or error})") from None
    if text.startswith(KEY_FILE_PREFIX):
        raw = base64.b64decode(text.removeprefix(KEY_FILE_PREFIX))
        if len(raw) != 32:
            raise KeyError_(f"key file {key_file}: damaged (not 32 bytes)")
        return raw
    if len(text) < 16:
        raise KeyError_(f"key file {key_file}: a passphrase needs at least 16 characters")
    salt_file = home / SALT_FILE
    if not salt_file.exists():
        salt_file.write_bytes(secrets.token_bytes(16))
        salt_file.chmod(0o600)
    return Scrypt(salt=salt_file.read_bytes(), length=32, n=2**17, r=8, p=1).derive(text.encode())


class KeyRing:
    """The data keys, unwrapped, and the one new values are sealed with.

    Args:
        keys: Data keys by id (32 bytes each).
        current: The id of the key new values are sealed with.
    """

    def __init__(self, keys: dict[int, bytes], current: int) -> None:
        self._keys = {i: AESGCM(k) for i, k in keys.items()}
        self.current = current

    @classmethod
    def open(cls, master: bytes, wrapped: Sequence[tuple[int, bytes]]) -> KeyRing:
        """Unwrap the data keys with ``master``.

        Raises:
            KeyError_: The master key is not the one they were wrapped with.
        """
        outer = AESGCM(master)
        try:
            keys = {i: outer.decrypt(w[:12], w[12:], _WRAP_AAD) for i, w in wrapped}
        except InvalidTag:
            raise KeyError_("the key file does not open this data folder's keys (a wrong key or passphrase)") from None
        return cls(keys, max(keys))

    def seal(self, text: str, kind: str) -> str:
        """``text`` sealed under the current key, bound to ``kind``; already sealed text is left as it is."""
        if text.startswith(PREFIX) or not text:
            return text
        nonce = secrets.token_bytes(12)
        body = self._keys[self.current].encrypt(nonce, text.encode(), kind.encode())
        return f"{PREFIX}{self.current}:{base64.b64encode(nonce + body).decode()}"

    def open_text(self, text: str, kind: str) -> str:
        """The plain text of a sealed value (plain text is returned as it is).

        Raises:
            KeyError_: The value was sealed with a key this ring lacks, or was altered.
        """
        if not text.startswith(PREFIX):
            return text
        key_id, _, body = text.removeprefix(PREFIX).partition(":")
        raw = base64.b64decode(body)
        try:
            return self._keys[int(key_id)].decrypt(raw[:12], raw[12:], kind.encode()).decode()
        except (KeyError, InvalidTag):
            raise KeyError_(f"a sealed {kind} cannot be opened with this data folder's keys") from None


def wrap(master: bytes, key: bytes) -> bytes:
    """A data key wrapped by the master key (nonce ‖ ciphertext ‖ tag)."""
    nonce = secrets.token_bytes(12)
    return nonce + AESGCM(master).encrypt(nonce, key, _WRAP_AAD)


def is_sealed(text: str | None) -> bool:
    """Whether a stored value is sealed."""
    return bool(text) and str(text).startswith(PREFIX)


# Documents


def _block(ring: KeyRing, block: Block, seal: bool) -> Block:
    do = ring.seal if seal else ring.open_text
    return replace(
        block,
        text=do(block.text, "block"),
        heading_path=tuple(do(h, "heading") for h in block.heading_path),
        rows=tuple(tuple(do(c, "cell") for c in row) for row in block.rows),
    )


def _footnote(ring: KeyRing, footnote: Footnote, seal: bool) -> Footnote:
    return replace(footnote, text=(ring.seal if seal else ring.open_text)(footnote.text, "footnote"))


def _document(ring: KeyRing, document: Document, seal: bool) -> Document:
    do = ring.seal if seal else ring.open_text
    return replace(
        document,
        blocks=[_block(ring, b, seal) for b in document.blocks],
        footnotes=[_footnote(ring, f, seal) for f in document.footnotes],
        title=do(document.title, "title") if document.title else None,
        meta={k: do(v, "meta") for k, v in document.meta.items()},
    )


def seal_document(ring: KeyRing, document: Document) -> Document:
    """A document whose text, title and metadata are sealed (its source, hash, symbol and dates are not)."""
    return _document(ring, document, True)


def _stored(ring: KeyRing, stored: StoredDocument | None) -> StoredDocument | None:
    if stored is None or not is_sealed(stored.title):
        return stored
    return replace(stored, title=ring.open_text(stored.title or "", "title"))


class _Documents:
    """The documents repository, its sealed values opened on the way out."""

    def __init__(self, inner: Any, ring: KeyRing) -> None:
        self._inner, self._ring = inner, ring

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def _many(self, found: Iterable[StoredDocument]) -> list[StoredDocument]:
        return [d for d in (_stored(self._ring, s) for s in found) if d is not None]

    def add_version(self, document: Document, *, at: Any) -> StoredDocument | None:
        return _stored(self._ring, self._inner.add_version(document, at=at))

    def get(self, document_id: int) -> StoredDocument | None:
        return _stored(self._ring, self._inner.get(document_id))

    def version(self, version_id: int) -> StoredDocument | None:
        return _stored(self._ring, self._inner.version(version_id))

    def by_source(self, source: str) -> StoredDocument | None:
        return _stored(self._ring, self._inner.by_source(source))

    def by_sha256(self, sha256: str) -> StoredDocument | None:
        return _stored(self._ring, self._inner.by_sha256(sha256))

    def by_symbol(self, symbol: str) -> list[StoredDocument]:
        return self._many(self._inner.by_symbol(symbol))

    def current(self) -> list[StoredDocument]:
        return self._many(self._inner.current())

    def versions(self, document_id: int) -> list[StoredDocument]:
        return self._many(self._inner.versions(document_id))

    def members(self, source: str) -> list[StoredDocument]:
        return self._many(self._inner.members(source))

    def load(self, version_id: int) -> Document:
        return _document(self._ring, self._inner.load(version_id), False)

    def blocks(self, version_id: int) -> list[StoredBlock]:
        return [replace(b, block=_block(self._ring, b.block, False)) for b in self._inner.blocks(version_id)]

    def locate(self, block_ids: Sequence[int]) -> list[LocatedBlock]:
        return [
            replace(b, block=_block(self._ring, b.block, False), document=_stored(self._ring, b.document))
            for b in self._inner.locate(block_ids)
        ]

    def sealed(self, version_id: int) -> bool:
        """Whether the version's text is sealed (the search index leaves it out)."""
        found = self._inner.blocks(version_id)
        return any(is_sealed(b.block.text) for b in found[:5])


class _Calls:
    """The calls registry, contacts sealed on the way in and opened on the way out."""

    def __init__(self, inner: Any, ring: KeyRing) -> None:
        self._inner, self._ring = inner, ring

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def set_contact(self, key: str, contact: str | None) -> bool:
        current = self._inner.contacts([key]).get(key)
        if contact is not None and current is not None and self._ring.open_text(current, "contact") == contact:
            return False
        sealed = self._ring.seal(contact, "contact") if contact is not None else None
        return bool(self._inner.set_contact(key, sealed))

    def contacts(self, keys: Sequence[str]) -> dict[str, str]:
        return {k: self._ring.open_text(v, "contact") for k, v in self._inner.contacts(keys).items()}


class _Accounts:
    """The accounts repository, TOTP seeds sealed on the way in and opened on the way out."""

    def __init__(self, inner: Any, ring: KeyRing) -> None:
        self._inner, self._ring = inner, ring

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def _open(self, user: UserRecord | None) -> UserRecord | None:
        if user is None or not user.totp_secret:
            return user
        return replace(user, totp_secret=self._ring.open_text(user.totp_secret, "totp"))

    def _seal(self, user: UserRecord) -> UserRecord:
        secret = user.totp_secret
        return replace(user, totp_secret=self._ring.seal(secret, "totp")) if secret else user

    def add_user(self, user: UserRecord) -> int:
        return int(self._inner.add_user(self._seal(user)))

    def save_user(self, user: UserRecord) -> None:
        self._inner.save_user(self._seal(user))

    def user(self, user_id: int) -> UserRecord | None:
        return self._open(self._inner.user(user_id))

    def user_by_name(self, name: str) -> UserRecord | None:
        return self._open(self._inner.user_by_name(name))

    def users(self) -> list[UserRecord]:
        return [u for u in (self._open(x) for x in self._inner.users()) if u is not None]


def _victim(ring: KeyRing, victim: Victim, seal: bool) -> Victim:
    do = ring.seal if seal else ring.open_text
    return replace(victim, name=do(victim.name, "victim-name"), organisation=do(victim.organisation, "victim-org"))


def _source(ring: KeyRing, source: Source, seal: bool) -> Source:
    do = ring.seal if seal else ring.open_text
    return replace(
        source,
        name=do(source.name, "source-name"),
        reference=do(source.reference, "source-reference"),
        independence_group=do(source.independence_group, "source-group"),
        evidence=do(source.evidence, "source-evidence"),
    )


def _any_sealed(incident: Incident) -> bool:
    if incident.title.startswith(PREFIX) or any(v.startswith(PREFIX) for v in incident.attributes.values()):
        return True
    if any(v.name.startswith(PREFIX) or v.organisation.startswith(PREFIX) for v in incident.victims):
        return True
    return any(s.name.startswith(PREFIX) or s.reference.startswith(PREFIX) for s in incident.sources) or any(
        p.name.startswith(PREFIX) for p in incident.perpetrators
    )


def seal_incident(ring: KeyRing, incident: Incident, seal: bool = True) -> Incident:
    """An incident whose personal data are sealed (``seal``) or opened: victims' names and organisations,
    perpetrators' names, sources' names, references, independence groups and evidence, the values kept from the
    source list (``attributes``), and, unless the incident is public, its title and description. Its date,
    place, acts, roles, sex, age, statuses and sensitivities stay in clear: figures count them without a key."""
    if not seal and not _any_sealed(incident):
        return incident
    do = ring.seal if seal else ring.open_text
    private = incident.sensitivity is not IncidentSensitivity.PUBLIC
    if seal and not private:
        title, description = incident.title, incident.description
    else:
        title, description = do(incident.title, "incident-title"), do(incident.description, "incident-description")
    return replace(
        incident,
        title=title,
        description=description,
        victims=tuple(_victim(ring, v, seal) for v in incident.victims),
        perpetrators=tuple(replace(p, name=do(p.name, "perpetrator-name")) for p in incident.perpetrators),
        sources=tuple(_source(ring, x, seal) for x in incident.sources),
        attributes={k: do(v, "incident-attribute") for k, v in incident.attributes.items()},
    )


class _Incidents:
    """The incidents repository, victims' and sources' identities sealed on the way in and opened on the way
    out (:func:`seal_incident`); a case's subject too. Counting (``countable``) reads none of them."""

    def __init__(self, inner: Any, ring: KeyRing) -> None:
        self._inner, self._ring = inner, ring

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def _open(self, incident: Incident) -> Incident:
        return seal_incident(self._ring, incident, seal=False)

    def add(self, incident: Incident, *, at: Any) -> int:
        return int(self._inner.add(seal_incident(self._ring, incident), at=at))

    def replace(self, incident_id: int, incident: Incident, *, at: Any) -> None:
        self._inner.replace(incident_id, seal_incident(self._ring, incident), at=at)

    def add_source(self, incident_id: int, source: Source, *, at: Any, block_id: int | None = None) -> None:
        self._inner.add_source(incident_id, _source(self._ring, source, True), at=at, block_id=block_id)

    def get(self, incident_id: int) -> Incident | None:
        found = self._inner.get(incident_id)
        return None if found is None else self._open(found)

    def get_many(self, incident_ids: Sequence[int]) -> list[Incident]:
        return [self._open(i) for i in self._inner.get_many(incident_ids)]

    def iterate(self, incident_ids: Sequence[int], chunk: int = 500) -> Iterator[Incident]:
        return (self._open(i) for i in self._inner.iterate(incident_ids, chunk))

    def add_case(self, case: Case, *, at: Any) -> int:
        return int(self._inner.add_case(replace(case, subject=self._ring.seal(case.subject, "case-subject")), at=at))

    def _case(self, case: Case | None) -> Case | None:
        return None if case is None else replace(case, subject=self._ring.open_text(case.subject, "case-subject"))

    def get_case(self, case_id: int) -> Case | None:
        return self._case(self._inner.get_case(case_id))

    def cases(self) -> list[Case]:
        return [c for c in (self._case(x) for x in self._inner.cases()) if c is not None]


class SealedStore:
    """A store whose personal data are sealed on the way in and opened on the way out (see the module)."""

    def __init__(self, inner: Store, ring: KeyRing) -> None:
        self.inner = inner
        self.ring = ring
        self.documents = _Documents(inner.documents, ring)
        self.calls = _Calls(inner.calls, ring)
        self.accounts = _Accounts(inner.accounts, ring)
        self.incidents = _Incidents(inner.incidents, ring)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


def keyring_for(store: Store, key_file: Path | None, home: Path) -> KeyRing | None:
    """The key ring of a store when a key file is set (``None`` when not); the first data key is made when the
    store has none.

    Raises:
        KeyError_: The key file cannot be used with this store's keys.
    """
    if key_file is None:
        return None
    master = master_key(key_file, home)
    wrapped = store.accounts.keys()
    if not wrapped:
        if store.read_only:
            raise KeyError_("the data folder is read-only and has no data key yet")
        with store.transaction():
            store.accounts.add_key(wrap(master, secrets.token_bytes(32)), at=SystemClock().now())
        wrapped = store.accounts.keys()
    return KeyRing.open(master, wrapped)


def rotate(store: Store, old_master: bytes, new_master: bytes, *, at: Any) -> int:
    """Rewrap every data key under ``new_master`` and add a new data key for new writes; returns how many
    data keys were rewrapped.

    Raises:
        KeyError_: ``old_master`` does not open the keys.
    """
    wrapped = store.accounts.keys()
    ring_keys = {i: AESGCM(old_master).decrypt(w[:12], w[12:], _WRAP_AAD) for i, w in _checked(old_master, wrapped)}
    with store.transaction():
        store.accounts.replace_keys([(i, wrap(new_master, k)) for i, k in ring_keys.items()])
        store.accounts.add_key(wrap(new_master, secrets.token_bytes(32)), at=at)
    return len(ring_keys)


def _checked(master: bytes, wrapped: Sequence[tuple[int, bytes]]) -> Sequence[tuple[int, bytes]]:
    KeyRing.open(master, wrapped)  # raises when the master key is wrong
    return wrapped


def check_passphrase_file(path: Path) -> None:
    """Refuse a key file that is readable by others.

    Raises:
        InvalidInput: It is.
    """
    if path.stat().st_mode & 0o077:
        raise InvalidInput(f"key file {path}: others can read it; chmod 600 {path}")


def rotate_keys(workspace: Workspace, actor: Actor, new_key_file: Path) -> int:
    """Rewrap the data folder's data keys under the master key of ``new_key_file`` and start a new data key;
    returns how many keys were rewrapped. Afterwards only the new key file opens the data folder.

    Raises:
        KeyError_: No key file is set, or the current one does not open the keys.
        hrdmap.domain.errors.Forbidden: The actor may not administer.
    """
    actor.require(Permission.ADMINISTER)
    settings = workspace.settings
    if settings.key_file is None:
        raise KeyError_("no key file is set (HRDMAP_KEY_FILE): there is nothing to rotate")
    store = workspace.store.inner if isinstance(workspace.store, SealedStore) else workspace.store
    old, new = master_key(settings.key_file, settings.home), master_key(new_key_file, settings.home)
    count = rotate(store, old, new, at=actor.now())
    with store.transaction():
        store.audit.record("keys.rotated", actor=actor.name, at=actor.now(), detail={"data_keys": count})
    return count
