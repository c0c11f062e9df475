"""The text-based examples: HTML pages, a plain-text and a Markdown submission, and an e-mail."""

from __future__ import annotations

import datetime as dt
import textwrap
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime
from html import escape

from examples_source import BANNER, Block, Source

_NAV = {
    "en": ("Home", "About", "Publications", "Contact"),
    "ru": ("Главная", "О нас", "Публикации", "Контакты"),
}


# -- HTML
def render_html(source: Source) -> bytes:
    """A web page with footnotes as ``<sup><a href="#fn1">`` links to a list at the end."""
    meta, lang = source.meta, source.lang
    nav = " | ".join(f'<a href="#">{escape(item)}</a>' for item in _NAV[lang])
    body = "\n".join(_html_block(block) for block in source.blocks)
    notes = "\n".join(
        f'<li id="fn{i}">{escape(text)} <a href="#fnref{i}" aria-label="back">&#8617;</a></li>'
        for i, text in enumerate(source.footnotes, start=1)
    )
    local = f'\n<p class="notice">{escape(meta["banner_local"])}</p>' if "banner_local" in meta else ""
    page = f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>{escape(meta["doc_title"])}</title>
<meta name="author" content="{escape(meta["org"])}">
<meta name="date" content="{meta["date"].isoformat()}">
<meta name="description" content="{escape(BANNER)}">
</head>
<body>
<header><p class="site">{escape(meta["org"])}</p><nav>{nav}</nav></header>
<main>
<p class="notice"><strong>{escape(BANNER)}</strong></p>{local}
{body}
<hr>
<ol class="footnotes">
{notes}
</ol>
</main>
<footer><p>&#169; 2026 {escape(meta["org"])}. Fictional example page.</p></footer>
</body>
</html>
"""
    return page.encode("utf-8")


def _html_block(block: Block) -> str:
    text = "".join(
        f'<sup><a href="#fn{r}" id="fnref{r}">{r}</a></sup>' if isinstance(r, int) else escape(r)
        for r in block.runs
    )
    if block.kind == "title":
        return f"<h1>{text}</h1>"
    if block.kind == "heading":
        return f"<h{block.level + 1}>{text}</h{block.level + 1}>"
    css = ' class="sub"' if block.kind == "sub" else ""
    label = f"{escape(block.label)} " if block.label else ""
    return f"<p{css}>{label}{text}</p>"


# -- plain text and Markdown
def render_txt(source: Source) -> bytes:
    """Plain text wrapped at 78 columns, footnotes as ``[1]`` with a list of notes at the end."""
    out = [BANNER, ""]
    for block in source.blocks:
        text = _inline(block, "[{}]")
        if block.kind == "title":
            out += [*textwrap.wrap(text.upper(), 78), ""]
        elif block.kind == "heading":
            out += [text, "-" * len(text), ""]
        else:
            label = f"{block.label} " if block.label else ""
            indent = "    " if block.kind == "sub" else ""
            out += [*textwrap.wrap(label + text, 78, initial_indent=indent, subsequent_indent=indent), ""]
    out += ["Notes", "-----", ""]
    out += [line for i, note in enumerate(source.footnotes, 1) for line in textwrap.wrap(f"[{i}] {note}", 78)]
    return ("\n".join(out) + "\n").encode("utf-8")


def render_md(source: Source) -> bytes:
    """Markdown with ``[^1]`` footnotes."""
    out = [f"> **{BANNER}**", ""]
    for block in source.blocks:
        text = _inline(block, "[^{}]")
        if block.kind == "title":
            out.append(f"# {text}")
        elif block.kind == "heading":
            out.append(f"{'#' * (block.level + 1)} {text}")
        else:
            out.append(f"{block.label} {text}" if block.label else text)
        out.append("")
    out += [f"[^{i}]: {note}" for i, note in enumerate(source.footnotes, 1)]
    return ("\n".join(out) + "\n").encode("utf-8")


def _inline(block: Block, marker: str) -> str:
    return "".join(marker.format(r) if isinstance(r, int) else r for r in block.runs)


# -- e-mail
def render_eml(source: Source, body: str, attachment: tuple[str, bytes]) -> bytes:
    """An e-mail whose body is a covering note and whose attachment is a contribution."""
    meta = source.meta
    day: dt.date = meta["date"]
    message = EmailMessage()
    message["From"] = meta["from"]
    message["To"] = meta["to"]
    message["Subject"] = meta["subject"]
    message["Date"] = format_datetime(dt.datetime(day.year, day.month, day.day, 16, 42, tzinfo=dt.UTC))
    message["Message-ID"] = f"<{meta['stakeholder']}.{day.isoformat()}@example.org>"
    message.set_content(f"{BANNER}\n{meta['banner_local']}\n\n{body.strip()}\n")
    name, data = attachment
    message.add_attachment(
        data,
        maintype="application",
        subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
        filename=name,
    )
    message.set_boundary("hrdmap-example-boundary-1")
    return message.as_bytes(policy=policy.SMTP)
