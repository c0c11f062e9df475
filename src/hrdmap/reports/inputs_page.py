"""The public inputs page of a call: a static HTML page listing the contributions that may be published.

The page is one self-contained HTML file (inline CSS, no script, nothing fetched from elsewhere) and an
``inputs/`` folder beside it holding a copy of each published file under a safe name made from the
stakeholder's key (``norway-1.docx``), linked by relative paths, so the folder can be put on any web server.

Only what :class:`InputsPage` holds is written, and the builder (:mod:`hrdmap.services.calls.page`) puts no
confidential contribution in it: those are only counted ("In addition, two contributions are confidential and
on file with the Secretariat."). Rewriting a page removes the files of the previous run that are no longer
published (a contribution made confidential since), using the list kept in ``inputs/.hrdmap-inputs``; a
folder that holds other files is refused rather than mixed with.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from hrdmap.domain.calls import StakeholderType
from hrdmap.domain.errors import HrdmapError
from hrdmap.reports.draft.stakeholder_counts import alphabetical, confidential_sentence
from hrdmap.reports.wording import language_name, un_date

FOLDER = "inputs"
MANIFEST = ".hrdmap-inputs"
TEMPLATE = "inputs_page.html.jinja"

#: Page sections in the order OHCHR pages list them: (types, heading, anchor).
PAGE_GROUPS: tuple[tuple[StakeholderType, str, str], ...] = (
    (StakeholderType.MEMBER_STATE, "Member States", "member-states"),
    (StakeholderType.OBSERVER_STATE, "Observer States", "observer-states"),
    (StakeholderType.NHRI, "National human rights institutions", "nhris"),
    (StakeholderType.REGIONAL_ORGANISATION, "Regional organizations", "regional-organizations"),
    (StakeholderType.UN_ENTITY, "United Nations entities", "un-entities"),
    (StakeholderType.SPECIAL_PROCEDURE, "Special procedures", "special-procedures"),
    (StakeholderType.TREATY_BODY, "Treaty bodies", "treaty-bodies"),
    (StakeholderType.NGO, "Civil society organizations", "civil-society"),
    (StakeholderType.ACADEMIC, "Academic institutions", "academia"),
    (StakeholderType.OTHER, "Other stakeholders", "others"),
)


class PageError(HrdmapError):
    """The page cannot be written where asked; ``str()`` says why."""


@dataclass(frozen=True, slots=True)
class PublishedFile:
    """A file to copy next to the page.

    Attributes:
        suffix: Its extension with the dot (``.docx``), from the original name.
        data: Its bytes.
    """

    suffix: str
    data: bytes = field(repr=False)


@dataclass(frozen=True, slots=True)
class PageEntry:
    """One public contribution.

    Attributes:
        slug: The stakeholder's key, which names the copied files.
        name: The stakeholder's published name.
        type: Its type, which picks the page section.
        language: ISO 639-1 code of the contribution's main language, when known.
        files: The files to publish (several for an e-mail with attachments, none when unavailable).
    """

    slug: str
    name: str
    type: StakeholderType
    language: str | None
    files: tuple[PublishedFile, ...]


@dataclass(frozen=True, slots=True)
class InputsPage:
    """What the page shows: nothing else is written.

    Attributes:
        title: The call's title.
        deadline: Its deadline.
        entries: The public contributions.
        confidential: How many contributions are confidential.
        issued_by: Who issued the call.
        mandate: How the mandate is cited.
        fictional: Whether the call is a made-up example.
    """

    title: str
    deadline: dt.date
    entries: tuple[PageEntry, ...]
    confidential: int = 0
    issued_by: str | None = None
    mandate: str | None = None
    fictional: bool = False


def _safe(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")[:60] or "input"


def _suffix(suffix: str) -> str:
    cleaned = re.sub(r"[^a-z0-9]", "", suffix.casefold())[:8]
    return f".{cleaned}" if cleaned else ""


def file_names(entries: tuple[PageEntry, ...]) -> list[list[str]]:
    """Safe, unique names for each entry's files: ``<stakeholder>-<n><suffix>``, n counting per stakeholder."""
    counts: dict[str, int] = {}
    names = []
    for entry in entries:
        slug = _safe(entry.slug)
        own = []
        for file in entry.files:
            counts[slug] = counts.get(slug, 0) + 1
            own.append(f"{slug}-{counts[slug]}{_suffix(file.suffix)}")
        names.append(own)
    return names


def _entry(entry: PageEntry, names: list[str]) -> dict[str, object]:
    files = [{"href": f"{FOLDER}/{name}", "label": f"{name.rsplit('.', 1)[-1].upper()} file"} for name in names]
    return {"name": entry.name, "language": language_name(entry.language) if entry.language else None, "files": files}


def _groups(page: InputsPage, names: list[list[str]]) -> list[dict[str, object]]:
    """The page's sections, in :data:`PAGE_GROUPS` order, entries by name; empty sections left out."""
    groups: list[dict[str, object]] = []
    for kind, heading, anchor in PAGE_GROUPS:
        members = [(e, n) for e, n in zip(page.entries, names, strict=True) if e.type is kind]
        order = {name: i for i, name in enumerate(alphabetical([e.name for e, _ in members]))}
        members.sort(key=lambda pair: order[pair[0].name])
        if members:
            groups.append({"heading": heading, "anchor": anchor, "entries": [_entry(e, n) for e, n in members]})
    return groups


def _context(page: InputsPage, names: list[list[str]]) -> dict[str, object]:
    summary = "Contributions received in answer to the call are listed below by type of stakeholder"
    return {
        "page": {
            "title": page.title,
            "issued_by": page.issued_by,
            "mandate": page.mandate,
            "deadline": un_date(page.deadline),
            "summary": summary + (", with the consent of their authors." if page.entries else ": none yet."),
            "groups": _groups(page, names),
            "confidential_note": confidential_sentence(page.confidential),
            "fictional": page.fictional,
        }
    }


def render_inputs_page(page: InputsPage) -> str:
    """The page's HTML, linking each file as ``inputs/<safe name>``."""
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("hrdmap.reports", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    return environment.get_template(TEMPLATE).render(_context(page, file_names(page.entries)))


def _clear_previous(folder: Path) -> None:
    """Remove the files a previous run wrote; refuse a folder holding anything else.

    The manifest is read as untrusted: only plain names of files directly in ``folder`` are removed (a name with a
    separator, ``..``, or leading to a link or a folder is ignored), so a tampered manifest cannot delete
    anything outside the folder.
    """
    if not folder.exists():
        return
    manifest = folder / MANIFEST
    listed = set(manifest.read_text(encoding="utf-8").split()) if manifest.is_file() else set()
    present = {p.name: p for p in folder.iterdir() if p.name != MANIFEST}
    written = {name for name in listed if name in present and _ours(present[name])}
    others = [name for name in present if name not in written]
    if others:
        raise PageError(f"{folder}: holds files hrdmap did not write ({others[0]} …); choose another output")
    for name in written:
        present[name].unlink(missing_ok=True)


def _ours(path: Path) -> bool:
    """Whether ``path`` (an entry of the inputs folder) may be one of the files a page wrote: a regular file."""
    return not path.is_symlink() and path.is_file()


def write_inputs_page(page: InputsPage, output: Path) -> list[Path]:
    """Write the page to ``output`` and its files to ``inputs/`` beside it.

    Returns:
        The paths written: the page first, then the files.

    Raises:
        PageError: ``output`` is a folder, or ``inputs/`` beside it holds files hrdmap did not write.
    """
    if output.is_dir():
        raise PageError(f"{output}: is a folder; give the path of the HTML file to write")
    folder = output.parent / FOLDER
    _clear_previous(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = [output]
    names = file_names(page.entries)
    for entry, own in zip(page.entries, names, strict=True):
        for file, name in zip(entry.files, own, strict=True):
            (folder / name).write_bytes(file.data)
            written.append(folder / name)
    (folder / MANIFEST).write_text("\n".join(p.name for p in written[1:]) + "\n", encoding="utf-8")
    output.write_text(render_inputs_page(page), encoding="utf-8")
    return written
