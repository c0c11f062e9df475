"""The parts of the draft written from the call's data: the summary, I. Introduction and II. Framework.

Every sentence here is a phrase of ``phrases.yaml`` filled with facts of the call (the mandate, the requests
sent, the counts of contributions) or of the framework file (its areas and their definitions).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from itertools import groupby

from hrdmap.domain import mandates
from hrdmap.domain.report import Paragraph, Section, Span, SubParagraph
from hrdmap.reports.draft.credits import join_names
from hrdmap.reports.draft.inputs import DraftInput, MandatedRequest, MandateFacts
from hrdmap.reports.draft.numbering import Numbering
from hrdmap.reports.wording import number_words, paragraph_reference, un_date

Phrases = Mapping[str, str]


def citation(mandate: MandateFacts) -> str:
    """How the report names its mandate: the call's citation, else "General Assembly resolution 72/247"."""
    if mandate.citation:
        return mandate.citation
    if mandate.number and mandate.body:
        return f"{mandate.body} resolution {mandate.number}"
    return mandate.symbol


def coverage(covered: int, total: int, phrases: Phrases) -> str:
    """ "all eight areas" or "five of the eight areas"."""
    if covered == total:
        return phrases["coverage_all"].format(areas=number_words(total))
    return phrases["coverage_some"].format(covered=number_words(covered), areas=number_words(total))


def summary(data: DraftInput, phrases: Phrases, covered: int) -> tuple[Paragraph, ...]:
    """The unnumbered summary: the mandate, the contributions counted by type, the scope."""
    text = " ".join(
        (
            phrases["summary_mandate"].format(citation=citation(data.mandate)),
            phrases["summary_sources"].format(issuer=data.issuer, counts=data.counts_sentence),
        )
    )
    scope = phrases["summary_scope"].format(coverage=coverage(covered, len(data.areas.labels), phrases))
    return (Paragraph(None, (Span(text),)), Paragraph(None, (Span(scope),)))


def introduction(data: DraftInput, phrases: Phrases, numbering: Numbering, numeral: str) -> Section:
    """I. Introduction: the mandate, the requests for inputs sent, what was received."""
    paragraphs = [numbering.paragraph((Span(_mandate(data.mandate, phrases)),))]
    method = _outreach(data, phrases)
    if method:
        paragraphs.append(numbering.paragraph((Span(method),)))
    paragraphs.append(numbering.paragraph((Span(_received(data, phrases)),)))
    return Section(numeral, phrases["introduction"], tuple(paragraphs))


def _mandate(mandate: MandateFacts, phrases: Phrases) -> str:
    if not (mandate.requests and mandate.number and mandate.body):
        return phrases["mandate_fallback"].format(citation=citation(mandate))
    return phrases["mandate"].format(
        number=mandate.number,
        body=mandate.body,
        requests=_requests(mandate.requests, phrases),
        paragraphs=paragraph_reference(sorted({r.paragraph for r in mandate.requests})),
    )


def _requests(requests: Sequence[MandatedRequest], phrases: Phrases) -> str:
    """ "the Secretary-General to do X, and to do Y; and the Office to do Z".

    A request completed by its sub-paragraphs ends with them inline ("…: (a) do A; (b) do B; and (c) do C"),
    so the requests after it start a sentence of their own (``mandate_also``: "It also requested …").
    """
    runs: list[list[MandatedRequest]] = [[]]
    for request in requests:
        runs[-1].append(request)
        if request.subparagraphs:
            runs.append([])
    first, *more = [_run(run, phrases) for run in runs if run]
    return ". ".join([first, *(phrases["mandate_also"].format(requests=text) for text in more)])


def _run(requests: Sequence[MandatedRequest], phrases: Phrases) -> str:
    groups = []
    for addressee, same in groupby(requests, key=lambda r: r.addressee):
        actions = [_action(r) for r in same]
        first = phrases["mandate_request"].format(addressee=addressee, action=actions[0])
        groups.append(first + "".join(f", and to {a}" for a in actions[1:]))
    return "; and ".join(groups)


def _action(request: MandatedRequest) -> str:
    """The action as written, with the sub-paragraphs that complete it inline."""
    action = request.action.strip().rstrip(":;.,")
    if not request.subparagraphs:
        return action
    keep = _capitalised_inside([request.action, *_texts(request.subparagraphs)])
    return f"{action}: {_inline(request.subparagraphs, keep)}"


def _inline(items: Sequence[mandates.SubParagraph], keep: set[str]) -> str:
    """ "(a) give due consideration to …; (b) take into account …; and (c) assist States …"."""
    parts = []
    for item in items:
        text = _lowered(_LIST_END.sub("", item.text.strip()), keep)
        if item.children:
            text = f"{text}: {_inline(item.children, keep)}"
        parts.append(f"{item.label} {text}")
    return parts[0] if len(parts) == 1 else "; ".join(parts[:-1]) + "; and " + parts[-1]


#: What ends a sub-paragraph as a list item ("…;", "…; and", "…, or"), dropped when it is read inline.
_LIST_END = re.compile(r"\s*[;,.:](?:\s*(?:and|or))?\s*$")
_WORD = re.compile(r"[\w'’-]+")


def _texts(items: Sequence[mandates.SubParagraph]) -> list[str]:
    return [text for item in items for text in (item.text, *_texts(item.children))]


def _capitalised_inside(texts: Sequence[str]) -> set[str]:
    """Words written with a capital inside a text (not as its first word): names such as "States"."""
    return {w for text in texts for w in _WORD.findall(text)[1:] if w[:1].isupper()}


def _lowered(text: str, keep: set[str]) -> str:
    """A sub-paragraph read inside a sentence: its first word in lower case ("Give" → "give"), unless the
    resolution writes that word with a capital elsewhere (a name) or it holds more capitals ("NGOs")."""
    first = _WORD.match(text)
    word = first[0] if first else ""
    if not word[:1].isupper() or word in keep or word[1:] != word[1:].lower():
        return text
    return text[:1].lower() + text[1:]


def _audience(types: Sequence[str], phrases: Phrases) -> str:
    names = [phrases.get(f"audience_{t}", phrases["audience_other"]) for t in types]
    return join_names(list(dict.fromkeys(names)))


def _outreach(data: DraftInput, phrases: Phrases) -> str:
    sentences = []
    deadline_said = False
    for sent in (o for o in data.outreach if not o.reminder):
        deadline = ""
        if data.deadline is not None and not deadline_said:
            deadline = phrases["outreach_deadline"].format(date=un_date(data.deadline))
            deadline_said = True
        template = phrases.get(f"outreach_{sent.channel}", phrases["outreach_letter"])
        sentences.append(
            template.format(
                date=un_date(sent.date),
                issuer=data.issuer,
                audience=_audience(sent.types, phrases),
                deadline=deadline,
            )
        )
    reminders = sorted({o.date for o in data.outreach if o.reminder})
    if reminders:
        sentences.append(phrases["reminders"].format(dates=join_names([un_date(d) for d in reminders])))
    return " ".join(sentences)


def _received(data: DraftInput, phrases: Phrases) -> str:
    sentences = [phrases["received"].format(counts=data.counts_sentence)]
    confidential = sum(1 for c in data.contributors if c.confidential)
    if confidential == 1:
        sentences.append(phrases["confidential_one"])
    elif confidential > 1:
        sentences.append(phrases["confidential_many"].format(count=number_words(confidential).capitalize()))
    if data.languages:
        sentences.append(phrases["languages"].format(languages=join_names(list(data.languages))))
    return " ".join(sentences)


def framework(data: DraftInput, phrases: Phrases, numbering: Numbering, numeral: str) -> Section:
    """II. Framework: the areas the contributions were sorted into, as the framework file defines them."""
    fw = data.areas
    intro = phrases["framework_intro"].format(
        count=number_words(len(fw.labels)), name=fw.name, description=fw.description
    )
    items = tuple(
        SubParagraph(
            letter(i),
            (Span(phrases["framework_item"].format(name=label.name(data.language), definition=label.definition)),),
        )
        for i, label in enumerate(fw.labels)
    )
    return Section(numeral, phrases["framework"], (numbering.paragraph((Span(intro),), items=items),))


def letter(index: int) -> str:
    """ "a" … "z", then "aa", "bb" … as UN documents letter long lists."""
    return chr(ord("a") + index % 26) * (index // 26 + 1)
