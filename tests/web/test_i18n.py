"""The interface in the six UN languages: every message has a translation, Arabic reads right to left, dates and
numbers follow the language."""

from __future__ import annotations

import re
from importlib.resources import files
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from fastapi import FastAPI

from hrdmap.domain.actor import FixedClock
from hrdmap.web import i18n
from hrdmap.web.render import NAVIGATION

from .conftest import client, sign_in

WEB = Path(str(files("hrdmap.web")))
_CALL = re.compile(r"""_\((?:'([^']+)'|"([^"]+)")\)""")


def _messages() -> set[str]:
    found = set()
    for path in [*WEB.glob("templates/*.html"), *WEB.glob("routes/*.py")]:
        found |= {a or b for a, b in _CALL.findall(path.read_text(encoding="utf-8"))}
    return found | {label for _, label, _ in NAVIGATION}


@pytest.mark.parametrize("lang", sorted(set(i18n.LANGUAGES) - {"en"}))
def test_every_message_of_the_interface_is_translated(lang: str) -> None:
    with (WEB / "locale" / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    translated = {m.id for m in catalog if m.id and m.string}
    assert sorted(_messages() - translated) == []


def test_the_language_switch_gives_an_arabic_page_right_to_left(app: FastAPI) -> None:
    browser = client(app)
    browser.get("/language/ar?next=/login")
    page = browser.get("/login").text
    assert '<html lang="ar" dir="rtl">' in page and "تسجيل الدخول" in page


def test_the_browser_language_is_used_until_one_is_chosen(app: FastAPI) -> None:
    page = client(app).get("/login", headers={"accept-language": "zh-CN,zh;q=0.9,en;q=0.5"}).text
    assert '<html lang="zh" dir="ltr">' in page and "登录" in page


def test_dates_and_numbers_follow_the_language(app: FastAPI, clock: FixedClock) -> None:
    browser = sign_in(app, "officer", clock)
    browser.get("/language/fr?next=/calls")
    assert "Appels à contributions" in browser.get("/calls").text
    assert re.search(r"\d{1,2} \w+\.? 2026", browser.get("/calls").text)
