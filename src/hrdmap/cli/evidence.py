"""How tags and their evidence read in a terminal, for ``show`` and ``review`` (JSON: :mod:`hrdmap.services.views`)."""

from __future__ import annotations

from collections.abc import Mapping

from hrdmap.domain.tags import Evidence, EvidenceKind
from hrdmap.services.review import BlockTags, EffectiveTag

#: Longest quoted text in a line of evidence.
QUOTE = 110
#: How a decision reads in a sentence.
DECIDED = {"accept": "accepted", "reject": "rejected", "add": "added"}


def quoted(text: str, limit: int = QUOTE) -> str:
    """Text on one line, in quotes, cut with an ellipsis when long."""
    flat = " ".join(text.split())
    return f'"{flat if len(flat) <= limit else flat[: limit - 1] + "…"}"'


def evidence_text(evidence: Evidence) -> str:
    """One line: the matched span, the rule, or the nearest example."""
    detail = evidence.detail
    if evidence.kind is EvidenceKind.SPAN:
        rule = detail.get("rule") or ("pattern" if "pattern" in detail else "")
        return f"matched {quoted(evidence.text)}" + (f" ({rule})" if rule else "")
    if evidence.kind is EvidenceKind.RULE:
        named = detail.get("rule", "")
        return f"rule {named}: {evidence.text}" if named and named not in evidence.text else f"rule: {evidence.text}"
    facts = [f"block {detail['key']}"] if detail.get("key") else []
    facts += [f"similarity {detail['similarity']}"] if "similarity" in detail else []
    where = f" ({', '.join(facts)})" if facts else ""
    if detail.get("source") == "label":
        return f"closest label text{where}: {quoted(evidence.text)}"
    return f"nearest example{where}: {quoted(evidence.text)}"


def tag_lines(tag: EffectiveTag) -> list[str]:
    """The lines printed under a paragraph for one of its labels: the label, then its evidence."""
    head = f"▸ {tag.framework}: {tag.name}"
    head += f" ({', '.join(f'{t.tag.tagger} {t.tag.score:.2f}' for t in tag.machine)})" if tag.machine else ""
    if tag.review is not None:  # who decided what, when
        decided = DECIDED[tag.review.decision.value]
        head += f" ✓ {decided} by {tag.review.reviewer} on {tag.review.at.strftime('%Y-%m-%d')}"
    lines = [head]
    for stored in tag.machine:
        who = f"{stored.tag.tagger}: " if len(tag.machine) > 1 else ""
        lines += [f"    {who}{evidence_text(e)}" for e in stored.tag.evidence]
    return lines


def tag_notes(tagged: Mapping[int, BlockTags]) -> dict[int, list[str]]:
    """Lines to print under each block (by index): its effective tags and their evidence."""
    return {index: [line for t in found.tags for line in tag_lines(t)] for index, found in tagged.items() if found.tags}
