"""``hrdmap users`` manages the web app's accounts; ``hrdmap serve`` refuses unsafe settings before starting."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from hrdmap.cli.main import cli

PASSWORD = "correct horse battery staple\n"  # noqa: S105 - a test password


@pytest.fixture(autouse=True)
def _cheap_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HRDMAP_ARGON2_MEMORY_KIB", "8192")


def _run(home: Path, *args: str, stdin: str = "") -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--home", str(home), *args], input=stdin)
    return result.exit_code, result.output


def test_the_first_administrator_is_added_listed_disabled_and_reset(tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert _run(home, "users", "add", "ada", "--role", "administrator", "--password-stdin", stdin=PASSWORD)[0] == 0
    code, out = _run(
        home, "users", "add", "rui", "--role", "reviewer", "--call", "c1", "--country", "ken",
        "--sensitivity", "public", "--password-stdin", stdin=PASSWORD,
    )
    assert code == 0
    listed = _run(home, "users", "list")[1]
    assert "ada\tadministrator\tcalls=*" in listed
    assert "rui\treviewer\tcalls=c1\tcountries=KEN\tsensitivity=public\tactive\tno-mfa" in listed
    assert PASSWORD.strip() not in listed
    assert _run(home, "users", "disable", "rui")[0] == 0
    assert "\tdisabled\t" in _run(home, "users", "list")[1]
    assert _run(home, "users", "enable", "rui")[0] == 0
    assert _run(home, "users", "reset-mfa", "rui")[0] == 0
    assert _run(home, "users", "set-password", "rui", "--password-stdin", stdin="another long passphrase\n")[0] == 0


def test_bad_accounts_are_refused_with_a_reason(tmp_path: Path) -> None:
    home = tmp_path / "home"
    code, out = _run(home, "users", "add", "x", "--role", "officer", "--password-stdin", stdin="short\n")
    assert code == 2 and "at least 12 characters" in out
    _run(home, "users", "add", "x", "--role", "officer", "--password-stdin", stdin=PASSWORD)
    code, out = _run(home, "users", "add", "x", "--role", "officer", "--password-stdin", stdin=PASSWORD)
    assert code == 2 and "exists already" in out
    code, out = _run(home, "users", "disable", "nobody")
    assert code == 2 and "no user 'nobody'" in out


def test_serve_refuses_a_public_address_without_tls_and_a_placeholder_key(tmp_path: Path) -> None:
    home = tmp_path / "home"
    code, out = _run(home, "serve", "--host", "0.0.0.0")  # noqa: S104 - what is refused
    assert code == 2 and "--behind-tls" in out
    key = tmp_path / "key"
    key.write_text("changeme\n")
    code, out = _run(home, "serve", "--secret-key-file", str(key))
    assert code == 2 and "placeholder" in out
