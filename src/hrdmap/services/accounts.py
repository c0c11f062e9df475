"""Users of the web app: add, list, disable, enable, reset their second factor; the first administrator.

Only administrators manage users (:attr:`~hrdmap.domain.actor.Permission.ADMINISTER`); the command line acts as
the local administrator, which is how the first administrator is made (``hrdmap users add NAME --role
administrator``). Every change is audited, without the password.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from hrdmap.domain.actor import Actor, Permission, Role, Scope
from hrdmap.domain.errors import Conflict, InvalidInput, NotFound
from hrdmap.services import audit_trail
from hrdmap.services.passwords import check_strength, hash_secret
from hrdmap.services.workspace import Workspace
from hrdmap.storage.accounts import UserRecord

#: Roles that can see confidential data: they must enrol a second factor before they see anything.
MFA_ROLES = frozenset({Role.ADMINISTRATOR, Role.OFFICER})


class UnknownUser(NotFound):
    """No user has that name."""


def _name(name: str) -> str:
    cleaned = name.strip()
    if not cleaned or len(cleaned) > 64 or not all(c.isalnum() or c in "._-@" for c in cleaned):
        raise InvalidInput(f"user name {name!r}: 1 to 64 letters, digits, '.', '_', '-' or '@'")
    return cleaned


def _roles(names: Iterable[str]) -> frozenset[str]:
    found = set()
    for name in names:
        try:
            found.add(Role(name).value)
        except ValueError:
            known = ", ".join(r.value for r in Role)
            raise InvalidInput(f"role {name!r} is not one of {known}") from None
    if not found:
        raise InvalidInput("a user needs at least one role")
    return frozenset(found)


def add_user(
    workspace: Workspace,
    actor: Actor,
    name: str,
    password: str,
    roles: Iterable[str],
    scope: Scope | None = None,
) -> UserRecord:
    """Add a user with a password, roles and a scope.

    Raises:
        hrdmap.domain.errors.InvalidInput: A bad name, role or a weak password.
        hrdmap.domain.errors.Conflict: The name is taken.
        hrdmap.domain.errors.Forbidden: The actor may not administer.
    """
    actor.require(Permission.ADMINISTER)
    scope = scope or Scope()
    user = UserRecord(
        id=0,
        name=_name(name),
        password_hash="",
        roles=_roles(roles),
        scope_calls=scope.calls,
        scope_countries=scope.countries,
        sensitivity=int(scope.sensitivity),
        created_at=actor.now(),
    )
    check_strength(password)
    user = replace(user, password_hash=hash_secret(workspace.settings.argon2_memory_kib, password))
    store = workspace.store
    with store.transaction():
        if store.accounts.user_by_name(user.name) is not None:
            raise Conflict(f"a user '{user.name}' exists already")
        user = replace(user, id=store.accounts.add_user(user))
        audit_trail.record(
            workspace, actor, "user.added", subject=f"user:{user.name}", detail={"roles": sorted(user.roles)}
        )
    return user


def list_users(workspace: Workspace, actor: Actor) -> list[UserRecord]:
    """Every user, by name.

    Raises:
        hrdmap.domain.errors.Forbidden: The actor may not administer.
    """
    actor.require(Permission.ADMINISTER)
    return workspace.store.accounts.users()


def _change(workspace: Workspace, actor: Actor, name: str, action: str, **changes: object) -> UserRecord:
    actor.require(Permission.ADMINISTER)
    store = workspace.store
    with store.transaction():
        user = store.accounts.user_by_name(name)
        if user is None:
            raise UnknownUser(f"no user '{name}'")
        changed = replace(user, **changes)  # type: ignore[arg-type]
        store.accounts.save_user(changed)
        if changed.disabled or action == "user.mfa_reset":
            store.accounts.end_sessions(user_id=user.id)
        audit_trail.record(workspace, actor, action, subject=f"user:{name}")
    return changed


def disable_user(workspace: Workspace, actor: Actor, name: str) -> UserRecord:
    """Disable a user: no sign-in, their sessions end, their API tokens stop working.

    Raises:
        UnknownUser: No such user.
    """
    return _change(workspace, actor, name, "user.disabled", disabled=True)


def enable_user(workspace: Workspace, actor: Actor, name: str) -> UserRecord:
    """Enable a disabled user again, and unlock them.

    Raises:
        UnknownUser: No such user.
    """
    return _change(workspace, actor, name, "user.enabled", disabled=False, failed_logins=0, locked_until=None)


def reset_mfa(workspace: Workspace, actor: Actor, name: str) -> UserRecord:
    """Forget a user's second factor and recovery codes (a lost phone): they enrol again at next sign-in.

    Raises:
        UnknownUser: No such user.
    """
    return _change(workspace, actor, name, "user.mfa_reset", totp_secret=None, recovery_codes=())


def set_password(workspace: Workspace, actor: Actor, name: str, password: str) -> UserRecord:
    """Give a user a new password (their sessions end).

    Raises:
        UnknownUser: No such user.
        hrdmap.services.passwords.WeakPassword: The password is too short or too long.
    """
    check_strength(password)
    digest = hash_secret(workspace.settings.argon2_memory_kib, password)
    user = _change(workspace, actor, name, "user.password_set", password_hash=digest, failed_logins=0)
    with workspace.store.transaction():
        workspace.store.accounts.end_sessions(user_id=user.id)
    return user


def needs_mfa(user: UserRecord) -> bool:
    """Whether the user's roles require a second factor."""
    return any(Role(r) in MFA_ROLES for r in user.roles)
