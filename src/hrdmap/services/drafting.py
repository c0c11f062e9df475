"""Draft a call's report: gather the call, its contributions and their labels, build the report, render it.

:func:`gather` reads everything the builder needs (the call and its requests from the calls registry, the
mandate from the mandate registry, each contribution's paragraphs and their *effective* labels: the latest
review, else a current machine tag at or above its threshold) into a
:class:`hrdmap.reports.draft.inputs.DraftInput`. :func:`draft` builds the report
(:func:`hrdmap.reports.draft.builder.build_draft`) and writes the formats asked for, with the traceability
sidecar ``draft-sources.json`` beside them. Drafting changes nothing in the store.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from itertools import groupby
from pathlib import Path

from hrdmap.analyse.resolutions.sessions import ordinal_value
from hrdmap.domain.actor import Actor, Permission
from hrdmap.domain.calls import Call, CallRequest, Consent, Stakeholder
from hrdmap.domain.citation import paragraph_citation
from hrdmap.domain.document import BlockKind
from hrdmap.domain.mandates import Request, Resolution, SubParagraph
from hrdmap.domain.report import Report
from hrdmap.domain.tags import STATEMENT_KINDS
from hrdmap.reports.draft.builder import build_draft
from hrdmap.reports.draft.inputs import (
    Candidate,
    Contributor,
    DraftInput,
    MandatedRequest,
    MandateFacts,
    Outreach,
)
from hrdmap.reports.draft.inputs import DraftOptions as DraftOptions  # for the edges, which build them
from hrdmap.reports.draft.sidecar import FILE_NAME, sidecar_json
from hrdmap.reports.draft.stakeholder_counts import contributions_sentence
from hrdmap.reports.draft.templates import Templates
from hrdmap.reports.draft.translation import translating, translators
from hrdmap.reports.render.docx import write_docx
from hrdmap.reports.render.html import write_html
from hrdmap.reports.render.pdf import write_pdf
from hrdmap.reports.wording import language_name
from hrdmap.services import mandates
from hrdmap.services.calls import manage as calls
from hrdmap.services.disclosure import Audience as Audience  # for the edges, which choose it
from hrdmap.services.disclosure import audience_for
from hrdmap.services.review import effective_tags
from hrdmap.services.workspace import Workspace
from hrdmap.storage.tags import StoredTag

AREAS = "hrd-areas"
COUNTRIES = "countries"
GROUPS = "groups-at-risk"
_TEXT_KINDS = (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM)


class DraftFormat(StrEnum):
    """The formats a draft is written in."""

    DOCX = "docx"
    PDF = "pdf"
    HTML = "html"


@dataclass(frozen=True, slots=True)
class DraftResult:
    """What :func:`draft` wrote.

    Attributes:
        report: The report built.
        files: The files written, by format, and ``"sources"`` for the sidecar.
        documents: The stored documents of the contributions it was drafted from, by id.
    """

    report: Report
    files: dict[str, Path]
    documents: tuple[int, ...] = ()


def gather(
    workspace: Workspace,
    actor: Actor,
    call_key: str,
    *,
    title: str | None = None,
    symbol: str | None = None,
    options: DraftOptions | None = None,
    framework: str = AREAS,
    audience: Audience = Audience.INTERNAL,
) -> DraftInput:
    """Everything the builder needs to draft the report of call ``call_key``.

    Raises:
        hrdmap.services.calls.manage.CallError: There is no such call.
        hrdmap.analyse.frameworks.loader.FrameworkError: A framework file is invalid.
        KeyError: ``framework`` is not a known framework.
        hrdmap.domain.errors.Forbidden: The actor may not draft.
    """
    actor.require(Permission.DRAFT)
    view = calls.get_call(workspace, actor, call_key)
    call = view.call
    contributors = _contributors(view)
    candidates = _candidates(workspace, [d for c in contributors for d in c.document_ids])
    mandate = _mandate(workspace, actor, call)
    return DraftInput(
        call_id=call.key,
        title=title or _title(call, mandate),
        issuer=_short(call.issued_by or "OHCHR"),
        mandate=mandate,
        outreach=_outreach(view.requests, view.stakeholders),
        deadline=call.deadline,
        counts_sentence=contributions_sentence(view.contributors()),
        contributors=tuple(contributors),
        candidates=tuple(candidates),
        areas=workspace.frameworks()[framework],
        languages=_languages(workspace, [d for c in contributors for d in c.document_ids]),
        symbol=symbol,
        options=options or DraftOptions(),
        translate=translating(translators()),
        audience=audience_for(actor, audience),
        withheld_names=_people(workspace, [d for c in contributors if c.confidential for d in c.document_ids]),
    )


#: Metadata of a file that names people (a Word or ODT file's author, an e-mail's sender and recipients).
_PEOPLE_KEYS = frozenset({"author", "last_modified_by", "creator", "from", "to", "cc", "reply-to", "sender"})


def _people(workspace: Workspace, document_ids: Sequence[int]) -> tuple[str, ...]:
    """The people named in the metadata of these documents, without their addresses."""
    found: dict[str, None] = {}
    for document_id in dict.fromkeys(document_ids):
        stored = workspace.store.documents.get(document_id)
        if stored is None:
            continue
        meta = workspace.store.documents.load(stored.version_id).meta
        for key, value in meta.items():
            if key.lower() in _PEOPLE_KEYS:
                for part in re.split(r"[,;]", value):
                    name = re.sub(r"<[^>]*>|\S+@\S+|[\"']", " ", part).strip()
                    if len(name) > 2:
                        found[name] = None
    return tuple(found)


def _contributors(view: calls.CallView) -> list[Contributor]:
    """One contributor per stakeholder and consent: a confidential file is never credited by name."""
    found: dict[tuple[str, bool], list[int]] = {}
    for c in view.contributions:
        found.setdefault((c.stakeholder, c.consent is Consent.CONFIDENTIAL), []).extend(c.document_ids)
    out = []
    for (key, confidential), documents in found.items():
        who = view.stakeholders[key]
        out.append(Contributor(key, who.name, who.type.value, confidential, tuple(dict.fromkeys(documents))))
    return out


def _candidates(workspace: Workspace, document_ids: Sequence[int]) -> list[Candidate]:
    """The paragraphs of the documents' current versions, with their effective areas, kinds, countries and groups,
    and how their document cites them."""
    documents = workspace.store.documents
    blocks = []
    cited: dict[int, str | None] = {}
    for document_id in dict.fromkeys(document_ids):
        stored = documents.get(document_id)
        if stored is not None:
            every = documents.blocks(stored.version_id)
            ordered = [b.block for b in every]
            cited |= {b.id: paragraph_citation(ordered, n) for n, b in enumerate(every) if b.block.kind in _TEXT_KINDS}
            blocks += [(document_id, b) for b in every if b.block.kind in _TEXT_KINDS]
    ids = [b.id for _, b in blocks]
    machine = workspace.store.tags.for_blocks(ids)
    reviews = workspace.store.tags.reviews_for_blocks(ids)
    names = workspace.labels()
    out = []
    for document_id, b in blocks:
        tags = effective_tags(machine.get(b.id, ()), reviews.get(b.id, ()), names)
        areas = {t.label: t.score if t.score is not None else 1.0 for t in tags if t.framework == AREAS}
        kinds = {t.label: t.score if t.score is not None else 1.0 for t in tags if t.framework == STATEMENT_KINDS}
        spans = _spans(t for tag in tags if tag.framework in (AREAS, STATEMENT_KINDS) for t in tag.machine)
        countries = tuple(sorted(names.name(COUNTRIES, t.label) for t in tags if t.framework == COUNTRIES))
        groups = tuple(names.name(GROUPS, t.label) for t in tags if t.framework == GROUPS)
        out.append(
            Candidate(
                b.id,
                document_id,
                b.block.index,
                b.block.text,
                b.block.language,
                b.block.label,
                areas,
                kinds,
                spans,
                citation=cited.get(b.id),
                countries=countries,
                groups=groups,
            )
        )
    return out


def _spans(tags: Iterable[StoredTag]) -> tuple[tuple[int, int], ...]:
    return tuple(
        sorted({(e.start, e.end) for t in tags for e in t.tag.evidence if e.start is not None and e.end is not None})
    )


def _mandate(workspace: Workspace, actor: Actor, call: Call) -> MandateFacts:
    reference = call.mandate
    session = ordinal_value(call.report_due.replace(" session", "")) if call.report_due else None
    if reference is None:
        return MandateFacts(symbol="", citation=call.title, session=session)
    facts = MandateFacts(reference.symbol, reference.paragraphs, citation=reference.citation, session=session)
    try:
        view = mandates.show_resolution(workspace, actor, reference.symbol)
    except mandates.UnknownResolution:
        return facts
    resolution = view.stored.resolution
    wanted = set(reference.paragraphs)
    requests = tuple(
        MandatedRequest(
            s.request.paragraph, s.request.addressee.text, s.request.action, _introduced(resolution, s.request)
        )
        for s in view.requests
        if s.request.paragraph in wanted and s.request.subparagraph is None
    )
    return MandateFacts(
        reference.symbol,
        reference.paragraphs,
        number=resolution.number,
        body=resolution.body.value,
        title=resolution.title,
        citation=reference.citation,
        requests=requests,
        session=session,
    )


def _introduced(resolution: Resolution, request: Request) -> tuple[SubParagraph, ...]:
    """The sub-paragraphs that complete a request: those of its paragraph when the action runs to the colon
    that introduces them (without them the sentence would stop mid-clause)."""
    paragraph = resolution.paragraph(request.paragraph)
    if paragraph is None or not paragraph.subparagraphs:
        return ()
    head = paragraph.text.rstrip()
    if head.endswith(":") and head[:-1].rstrip().endswith(request.action.strip().rstrip(":")):
        return paragraph.subparagraphs
    return ()


def _title(call: Call, mandate: MandateFacts) -> str:
    if mandate.title:
        return mandate.title
    title = re.sub(r"^call for inputs\s*[:\-–]\s*", "", call.title, flags=re.IGNORECASE)
    return title[0].upper() + title[1:] if title else call.title


def _short(issuer: str) -> str:
    """ "OHCHR" from "Office of the … (OHCHR)"; the name itself when it has no acronym in brackets."""
    found = re.search(r"\(([A-Z][A-Za-z-]+)\)\s*$", issuer)
    return found.group(1) if found else issuer


def _outreach(requests: Sequence[CallRequest], stakeholders: dict[str, Stakeholder]) -> tuple[Outreach, ...]:
    ordered = sorted(requests, key=lambda r: (r.date, r.reminder, r.channel.value))
    out = []
    for (date, reminder, channel), same in groupby(ordered, key=lambda r: (r.date, r.reminder, r.channel.value)):
        known = (stakeholders[r.stakeholder] for r in same if r.stakeholder in stakeholders)
        types = tuple(dict.fromkeys(s.type.value for s in known))
        out.append(Outreach(date, channel, types, reminder))
    return tuple(out)


def _languages(workspace: Workspace, document_ids: Sequence[int]) -> tuple[str, ...]:
    codes: list[str] = []
    for document_id in dict.fromkeys(document_ids):
        stored = workspace.store.documents.get(document_id)
        if stored is not None and stored.languages:
            codes.append(stored.languages[0])
    names = {language_name(c) for c in codes}
    return tuple(sorted(names))


def draft(
    workspace: Workspace,
    actor: Actor,
    call_key: str,
    output: Path,
    *,
    formats: Sequence[DraftFormat] = tuple(DraftFormat),
    templates: Path | None = None,
    name: str = "draft",
    title: str | None = None,
    symbol: str | None = None,
    options: DraftOptions | None = None,
    audience: Audience = Audience.INTERNAL,
) -> DraftResult:
    """Draft the report of call ``call_key`` into the folder ``output``.

    Writes ``NAME.docx``, ``NAME.pdf`` and ``NAME.html`` (those of ``formats``) and ``draft-sources.json``.

    Args:
        workspace: The data folder.
        actor: Who drafts (recorded in the audit trail).
        call_key: The call.
        output: The folder to write to (created when missing).
        formats: The formats to write.
        templates: A folder of templates that replace the packaged ones.
        name: The files' name, without extension.
        title: The report's title (else the resolution's, else the call's).
        symbol: The report's symbol (else a placeholder).
        options: Selection limits.
        audience: Who may read the draft (:mod:`hrdmap.services.disclosure`): an internal draft quotes
            confidential contributions, their personal data redacted, and says so under its title; a public one
            uses nothing of them but counts.

    Raises:
        hrdmap.services.calls.manage.CallError: There is no such call.
        hrdmap.reports.draft.templates.TemplateError: A template cannot be used.
        hrdmap.domain.errors.Forbidden: The actor may not draft.
    """
    chosen = Templates(templates)
    phrases = chosen.phrases()
    data = gather(workspace, actor, call_key, title=title, symbol=symbol, options=options, audience=audience)
    report = build_draft(data, phrases)
    output.mkdir(parents=True, exist_ok=True)
    files: dict[str, Path] = {}
    writers = {DraftFormat.DOCX: write_docx, DraftFormat.PDF: write_pdf, DraftFormat.HTML: write_html}
    for fmt in formats:
        path = output / f"{name}.{fmt.value}"
        writers[fmt](report, path, chosen)
        files[fmt.value] = path
    files["sources"] = output / FILE_NAME
    files["sources"].write_text(sidecar_json(report), "utf-8")
    with workspace.store.transaction():
        workspace.store.audit.record(
            "call.drafted",
            actor=actor.name,
            at=actor.now(),
            subject=f"call:{call_key}",
            detail={"output": str(output), "formats": [f.value for f in formats], "audience": data.audience.value},
        )
    return DraftResult(report, files, tuple(dict.fromkeys(d for c in data.contributors for d in c.document_ids)))
