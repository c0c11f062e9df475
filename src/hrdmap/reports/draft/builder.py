"""Build a draft report from a call's tagged contributions: extractive, template-driven, traceable.

:func:`build_draft` writes, in order: the summary; I. Introduction (mandate, method, contributions received);
II. Framework (the areas and their definitions); III. one lettered sub-section per area, made of the strongest
passages filed under it, practices first, then challenges, each condensed (:mod:`hrdmap.reports.draft.condense`) and
credited in a footnote; IV. Conclusions (counts) and the recommendations, grouped by area; an annex of tables and
charts. Paragraphs are numbered continuously and keep the ``blocks.id`` of every passage they came from.

The body is drafted to fit the word limit: the fixed parts are written first, and the remaining words are
shared among the areas and the recommendations, which take turns (:mod:`hrdmap.reports.draft.selection`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from hrdmap.analyse.personal_data import Redactor
from hrdmap.domain.disclosure import Audience
from hrdmap.domain.report import (
    NoteRef,
    Paragraph,
    Report,
    Section,
    Source,
    Span,
    SubParagraph,
    Subsection,
    count_words,
)
from hrdmap.domain.tags import StatementKind
from hrdmap.reports.draft import intro as draft_intro
from hrdmap.reports.draft.annex import AreaStats, annex, area_stats
from hrdmap.reports.draft.condense import condense, reported_that
from hrdmap.reports.draft.credits import capitalised, credit, display_name, join_names, redactor
from hrdmap.reports.draft.foreign import stand_in
from hrdmap.reports.draft.inputs import Candidate, Contributor, DraftInput
from hrdmap.reports.draft.numbering import Numbering
from hrdmap.reports.draft.selection import Pick, Queue, classify, fill, queue
from hrdmap.reports.wording import language_name, lower_first, number_words

Phrases = Mapping[str, str]
#: Words kept back from the limit for the officer's own additions.
MARGIN = 0.05
#: Said under the title of an internal draft that quotes confidential contributions.
INTERNAL_NOTICE = (
    "[Internal draft: quotes confidential contributions, personal data redacted; not for publication. "
    "Draft with --audience public to share.]"
)


class _Context:
    """What the section writers share: the input, the phrases, the counters and who sent which document."""

    def __init__(self, data: DraftInput, phrases: Phrases) -> None:
        self.data = data
        self.phrases = phrases
        self.numbering = Numbering()
        self.by_document: dict[int, Contributor] = {d: c for c in data.contributors for d in c.document_ids}
        self.redact = redactor([c.name for c in data.contributors if c.confidential])
        self.personal = _personal_redactors(data)
        self._texts: dict[int, str] = {}
        self._body: dict[int, str] = {}
        self._translated: dict[int, bool] = {}

    def condensed(self, pick: Pick) -> str:
        """The pick's condensed text in its own language, confidential contributors' names removed (once)."""
        c = pick.candidate
        if c.block_id not in self._texts:
            text = condense(c.text, c.spans, self.data.options.max_paragraph_words)
            self._texts[c.block_id] = self.private(c, self.redact(text))
        return self._texts[c.block_id]

    def private(self, c: Candidate, text: str) -> str:
        """``text`` of candidate ``c`` with its personal data redacted when a confidential contribution sent it."""
        who = self.by_document[c.document_id]
        return self.personal[who.key](text) if who.key in self.personal else text

    def foreign(self, pick: Pick) -> bool:
        """Whether the pick is in another language than the report's."""
        return pick.candidate.language not in (None, self.data.language)

    def text_of(self, pick: Pick) -> str:
        """What the body says for the pick, in the report's language: its condensed text; for a passage in
        another language, its translation when a translator covers the language, else a sentence stating
        what it is (:func:`hrdmap.reports.draft.foreign.stand_in`). Computed once per passage."""
        c = pick.candidate
        if not self.foreign(pick):
            return self.condensed(pick)
        if c.block_id not in self._body:
            translated = None
            if self.data.translate is not None and c.language:
                translated = self.data.translate(self.condensed(pick), c.language, self.data.language)
            self._body[c.block_id] = (
                self.private(c, self.redact(translated))
                if translated
                else stand_in(pick, self.who(pick), self.data, self.phrases)
            )
            self._translated[c.block_id] = translated is not None
        return self._body[c.block_id]

    def who(self, pick: Pick) -> str:
        """The pick's contributor as a sentence opens with it ("One contributor" when confidential)."""
        who = self.by_document[pick.candidate.document_id]
        if who.confidential:
            return self.phrases["confidential_contributor"]
        return capitalised(display_name(who.name, who.type))

    def note(self, pick: Pick) -> NoteRef:
        """The footnote crediting the pick; for a passage in another language, it also quotes the original."""
        text = self.credit(pick)
        if not self.foreign(pick):
            return self.numbering.note(text)
        self.text_of(pick)
        language = pick.candidate.language or ""
        key = "original_translated" if self._translated.get(pick.candidate.block_id) else "original_quoted"
        lead = f"{text} {self.phrases[key].format(language=language_name(language))}"
        quote = self.phrases["original_quote"].format(text=self.condensed(pick))
        return self.numbering.note(lead, Span(quote, language))

    def sources(self, pick: Pick) -> tuple[Source, ...]:
        """The pick's passage and its duplicates as sources."""
        return tuple(self._source(c, pick) for c in (pick.candidate, *pick.duplicates))

    def _source(self, c: Candidate, pick: Pick) -> Source:
        who = self.by_document[c.document_id]
        name = None if who.confidential else display_name(who.name, who.type)
        return Source(c.block_id, c.document_id, name, who.confidential, c.citation, pick.area, pick.kind, c.language)

    def credit(self, pick: Pick) -> str:
        """The footnote text crediting the pick's contributors."""
        people = [self.by_document[c.document_id] for c in (pick.candidate, *pick.duplicates)]
        named = list(dict.fromkeys(display_name(p.name, p.type) for p in people if not p.confidential))
        return credit(named, any(p.confidential for p in people), self.phrases)


def _personal_redactors(data: DraftInput) -> dict[str, Redactor]:
    """One personal-data redactor per confidential contributor, primed with every name found in any of its
    passages (so a name written in full once is redacted where a later passage gives only part of it)."""
    redactors: dict[str, Redactor] = {}
    if data.audience is Audience.PUBLIC:
        return redactors
    own = {d: c for c in data.contributors if c.confidential for d in c.document_ids}
    for candidate in data.candidates:
        who = own.get(candidate.document_id)
        if who is not None:
            redactor_ = redactors.setdefault(who.key, Redactor({who.name, *data.withheld_names}))
            redactor_.spans(candidate.text)
    return redactors


def _usable(ctx: _Context, c: Candidate) -> bool:
    """Whether the draft may use a candidate: its contributor is known, and a public draft uses nothing of a
    confidential contribution (it is only counted)."""
    who = ctx.by_document.get(c.document_id)
    return who is not None and (ctx.data.audience is Audience.INTERNAL or not who.confidential)


def build_draft(data: DraftInput, phrases: Phrases) -> Report:
    """The draft report of ``data``, worded with ``phrases`` (see ``templates/draft/phrases.yaml``)."""
    ctx = _Context(data, phrases)
    order = [label.id for label in data.areas.labels]
    picks = [p for c in data.candidates if _usable(ctx, c) for p in [classify(c, order)] if p]
    stats = area_stats(picks, ctx.by_document)
    covered = sum(1 for a in order if stats.get(a, AreaStats()).passages)
    summary = draft_intro.summary(data, phrases, covered)
    intro = draft_intro.introduction(data, phrases, ctx.numbering, "I")
    frame = draft_intro.framework(data, phrases, ctx.numbering, "II")
    fixed = sum(p.words() for p in (*summary, *intro.paragraphs, *frame.paragraphs)) + 400
    areas, recommendations = _select(ctx, picks, order, int(data.options.word_limit * (1 - MARGIN)) - fixed)
    steps = _steps(ctx, areas)
    conclusions = _conclusions(ctx, stats, recommendations)
    quoted = any(s.confidential for x in (steps, conclusions) for p in x.all_paragraphs() for s in p.all_sources())
    notice = phrases.get("internal_notice", INTERNAL_NOTICE) if quoted else ""
    return Report(
        symbol=data.symbol or phrases["symbol_placeholder"].format(session=data.mandate.session or "…"),
        title=data.title,
        subtitle=f"{phrases['subtitle']} {notice}".strip(),
        language=data.language,
        summary=summary,
        sections=(intro, frame, steps, conclusions),
        footnotes=tuple(ctx.numbering.notes),
        annex=annex(data.contributors, stats, data.areas, phrases),
        word_limit=data.options.word_limit,
        meta={"call": data.call_id, "mandate": data.mandate.symbol, "audience": data.audience.value},
    )


def _select(
    ctx: _Context, picks: Sequence[Pick], order: Sequence[str], budget: int
) -> tuple[dict[str, Queue], dict[str | None, Queue]]:
    options = ctx.data.options
    areas = {
        a: queue([p for p in picks if p.area == a and p.kind != StatementKind.RECOMMENDATION], options.max_per_area)
        for a in order
    }
    groups: dict[str | None, Queue] = {}
    for key in [*order, None]:
        found = [p for p in picks if p.kind == StatementKind.RECOMMENDATION and p.area == key]
        if found:
            groups[key] = queue(found, options.max_recommendations)
    fill([*areas.values(), *groups.values()], budget, lambda p: _measure(ctx, p))
    return areas, groups


def _measure(ctx: _Context, pick: Pick) -> int:
    return count_words(ctx.text_of(pick)) + 5


def _steps(ctx: _Context, areas: Mapping[str, Queue]) -> Section:
    phrases = ctx.phrases
    intro = ctx.numbering.paragraph((Span(phrases["steps_intro"]),))
    subsections = []
    for label in ctx.data.areas.labels:
        kept = sorted(areas[label.id].kept, key=lambda p: p.order)
        paragraphs = [_passage(ctx, pick) for pick in kept] or [ctx.numbering.paragraph((Span(phrases["area_empty"]),))]
        subsections.append(Subsection(label.id, label.name(ctx.data.language), tuple(paragraphs), label.id))
    return Section("III", phrases["steps"], (intro,), tuple(subsections))


def _passage(ctx: _Context, pick: Pick) -> Paragraph:
    text = ctx.text_of(pick)
    if not ctx.foreign(pick):
        text = reported_that(text, ctx.who(pick), ctx.phrases["reported_that"], ctx.data.language, ctx.data.language)
    note = ctx.note(pick)
    return ctx.numbering.paragraph((Span(text), note), ctx.sources(pick))


def _conclusions(ctx: _Context, stats: Mapping[str, AreaStats], groups: Mapping[str | None, Queue]) -> Section:
    phrases, labels = ctx.phrases, ctx.data.areas.labels
    counts = {k: sum(s.kinds[k] for s in stats.values()) for k in (StatementKind.PRACTICE, StatementKind.CHALLENGE)}
    covered = sum(1 for label in labels if stats.get(label.id, AreaStats()).passages)
    words = max(counts.values()) < 10
    text = phrases["conclusions_counts"].format(
        practices=number_words(counts[StatementKind.PRACTICE]) if words else f"{counts[StatementKind.PRACTICE]:,}",
        challenges=number_words(counts[StatementKind.CHALLENGE]) if words else f"{counts[StatementKind.CHALLENGE]:,}",
        coverage=draft_intro.coverage(covered, len(labels), phrases),
    )
    least = min((stats.get(label.id, AreaStats()).passages for label in labels), default=0)
    weakest = [
        lower_first(label.name()) + f" ({label.id})"
        for label in labels
        if stats.get(label.id, AreaStats()).passages == least
    ]
    if weakest and len(weakest) < len(labels):
        text += " " + phrases["conclusions_gaps"].format(weakest=join_names(weakest[:3]))
    paragraphs = [ctx.numbering.paragraph((Span(text),))]
    paragraphs += _recommendations(ctx, groups)
    return Section("IV", phrases["conclusions"], tuple(paragraphs))


def _recommendations(ctx: _Context, groups: Mapping[str | None, Queue]) -> list[Paragraph]:
    paragraphs = []
    for key, group in groups.items():
        kept = sorted(group.kept, key=lambda p: (-p.strength, p.candidate.document_id, p.candidate.position))
        for start in range(0, len(kept), 26):
            if key is None:
                lead = ctx.phrases["recommendations_general"]
            else:
                area = lower_first(ctx.data.areas.label(key).name(ctx.data.language))
                lead = ctx.phrases["recommendations_group"].format(area=area)
            items = [_item(ctx, i, pick) for i, pick in enumerate(kept[start : start + 26])]
            paragraphs.append(ctx.numbering.paragraph((Span(lead),), items=items))
    if not paragraphs:
        paragraphs.append(ctx.numbering.paragraph((Span(ctx.phrases["recommendations_none"]),)))
    return paragraphs


def _item(ctx: _Context, index: int, pick: Pick) -> SubParagraph:
    text = Span(ctx.text_of(pick))
    return SubParagraph(draft_intro.letter(index), (text, ctx.note(pick)), ctx.sources(pick))
