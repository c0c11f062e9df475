"""``hrdmap serve`` (the web app and API) and ``hrdmap users`` (accounts of the web app)."""

from __future__ import annotations

import ipaddress
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

import click

from hrdmap.cli.output import Refused, echo, local_actor, settings, workspace
from hrdmap.config import Settings
from hrdmap.domain.actor import Actor, Role, Scope, Sensitivity
from hrdmap.services import accounts
from hrdmap.services.workspace import Workspace

#: Where ``serve`` hands its web settings to each worker process (read back by :func:`factory`).
SERVE_VAR = "HRDMAP_WEB_SERVE"


def _web_settings(options: dict[str, object]) -> object:
    from hrdmap.web.settings import WebSettings, load_secret

    secret = load_secret(Path(str(options["secret_key_file"])), dev=bool(options["dev"]))
    return WebSettings(secret, dev=bool(options["dev"]), behind_tls=bool(options["behind_tls"]))


def factory() -> object:
    """The app for one worker process of ``hrdmap serve`` (uvicorn's ``--factory``): settings from the
    environment the command set."""
    from hrdmap.web.app import create_app
    from hrdmap.web.settings import WebSettings

    options = json.loads(os.environ[SERVE_VAR])
    web = _web_settings(options)
    assert isinstance(web, WebSettings)  # noqa: S101
    return create_app(Settings.from_env(home=Path(options["home"])), web)


def _loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64), help="Worker processes.")
@click.option(
    "--secret-key-file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File holding the secret key (default: web-secret.key in the data folder, made on first start).",
)
@click.option("--behind-tls", is_flag=True, help="Served over HTTPS (by a reverse proxy): Secure cookies and HSTS.")
@click.option(
    "--forwarded-allow-ips",
    default="127.0.0.1",
    show_default=True,
    help="Proxies whose X-Forwarded-For/-Proto headers are trusted (the client's address in the audit trail).",
)
@click.option("--dev", is_flag=True, help="Development mode: placeholder keys allowed; never on a shared server.")
@click.pass_context
def serve(
    ctx: click.Context,
    host: str,
    port: int,
    workers: int,
    secret_key_file: Path | None,
    behind_tls: bool,
    forwarded_allow_ips: str,
    dev: bool,
) -> None:
    """Start the web app and the JSON API (http://127.0.0.1:8000 by default)."""
    import uvicorn

    chosen = settings(ctx)
    if not _loopback(host) and not behind_tls and not dev:
        raise Refused(
            f"--host {host} reaches other machines: serve over TLS (a reverse proxy, then --behind-tls) so "
            "passwords and cookies never travel in clear"
        )
    os.umask(0o077)  # everything the server writes (uploads, drafts, the secret key) is private
    with workspace(ctx, create=True):  # creates and migrates the store before workers start
        pass
    options = {
        "home": str(chosen.home),
        "secret_key_file": str(secret_key_file or chosen.home / "web-secret.key"),
        "dev": dev,
        "behind_tls": behind_tls,
    }
    _web_settings(options)  # refuse a bad key before starting
    os.environ[SERVE_VAR] = json.dumps(options)
    echo(f"hrdmap: serving {chosen.home} on http://{host}:{port} (Ctrl+C stops)", err=True)
    uvicorn.run(
        "hrdmap.cli.serve:factory",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        server_header=False,
        proxy_headers=True,
        forwarded_allow_ips=forwarded_allow_ips,
        log_level="info",
        access_log=False,
    )


@click.group()
def users() -> None:
    """Accounts of the web app: add, list, disable, enable, reset MFA, set a password."""


def _password(password_stdin: bool) -> str:
    if password_stdin:
        return sys.stdin.readline().rstrip("\n")
    return str(click.prompt("Password", hide_input=True, confirmation_prompt=True))


def _keys(values: tuple[str, ...]) -> frozenset[str] | None:
    return frozenset(values) if values else None


@users.command("add")
@click.argument("name")
@click.option("--role", "roles", multiple=True, required=True, type=click.Choice([r.value for r in Role]),
              help="A role (repeat for several).")
@click.option("--call", "calls", multiple=True, help="Limit to this call (repeat; default every call).")
@click.option("--country", "countries", multiple=True, help="Limit to this ISO alpha-3 country (repeat).")
@click.option("--sensitivity", type=click.Choice([s.name.lower() for s in Sensitivity]), default="confidential",
              show_default=True, help="Highest sensitivity the user may read.")
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of standard input.")
@click.pass_context
def users_add(
    ctx: click.Context,
    name: str,
    roles: tuple[str, ...],
    calls: tuple[str, ...],
    countries: tuple[str, ...],
    sensitivity: str,
    password_stdin: bool,
) -> None:
    """Add a user (the first administrator too: hrdmap users add NAME --role administrator)."""
    scope = Scope(_keys(calls), _keys(tuple(c.upper() for c in countries)), Sensitivity[sensitivity.upper()])
    password = _password(password_stdin)
    with workspace(ctx, create=True) as ws:
        user = accounts.add_user(ws, local_actor(), name, password, roles, scope)
    echo(f"added {user.name} ({', '.join(sorted(user.roles))})")


@users.command("list")
@click.pass_context
def users_list(ctx: click.Context) -> None:
    """List the users with their roles, scope and state."""
    with workspace(ctx) as ws:
        found = accounts.list_users(ws, local_actor())
    for u in found:
        calls = ",".join(sorted(u.scope_calls)) if u.scope_calls is not None else "*"
        countries = ",".join(sorted(u.scope_countries)) if u.scope_countries is not None else "*"
        state = "disabled" if u.disabled else "active"
        mfa = "mfa" if u.totp_secret else "no-mfa"
        echo(f"{u.name}\t{','.join(sorted(u.roles))}\tcalls={calls}\tcountries={countries}\t"
             f"sensitivity={Sensitivity(u.sensitivity).name.lower()}\t{state}\t{mfa}")


def _user_switch(command: str, change: Callable[[Workspace, Actor, str], object], done: str, about: str) -> None:
    """Add ``hrdmap users COMMAND NAME``: one change to one account, then ``done`` said with the name."""

    @users.command(command, help=about)
    @click.argument("name")
    @click.pass_context
    def switch(ctx: click.Context, name: str) -> None:
        with workspace(ctx) as ws:
            change(ws, local_actor(), name)
        echo(done.format(name=name))


_user_switch("disable", accounts.disable_user, "disabled {name}",
             "Disable a user: no sign-in; sessions and API tokens stop working.")
_user_switch("enable", accounts.enable_user, "enabled {name}", "Enable a disabled or locked user again.")
_user_switch("reset-mfa", accounts.reset_mfa, "reset the second factor of {name}",
             "Forget a user's second factor and recovery codes: they enrol again at next sign-in.")


@users.command("set-password")
@click.argument("name")
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of standard input.")
@click.pass_context
def users_set_password(ctx: click.Context, name: str, password_stdin: bool) -> None:
    """Give a user a new password (their sessions end)."""
    password = _password(password_stdin)
    with workspace(ctx) as ws:
        accounts.set_password(ws, local_actor(), name, password)
    echo(f"set the password of {name}")
