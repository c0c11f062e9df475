"""How tags and their evidence read in a terminal and in JSON (shared by ``show`` and ``review``)."""

from __future__ import annotations

from collections.abc import Mapping

from hrdmap.domain.tags import Evidence, EvidenceKind
from hrdmap.services.review import BlockTags, EffectiveTag
from hrdmap.services.views import review_json, stored_tag_json

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


def effective_json(tag: EffectiveTag) -> dict[str, object]:
    """An effective tag as JSON: the label, the machine tags behind it, and the review."""
    return {
        "framework": tag.framework,
        "label": tag.label,
        "name": tag.name,
        "score": tag.score,
        "reviewed": tag.review is not None,
        "review": review_json(tag.review) if tag.review is not None else None,
        "machine": [stored_tag_json(t) for t in tag.machine],
    }


def tag_notes(tagged: Mapping[int, BlockTags]) -> dict[int, list[str]]:
    """Lines to print under each block (by index): its effective tags and their evidence."""
    return {index: [line for t in found.tags for line in tag_lines(t)] for index, found in tagged.items() if found.tags}


def block_tags_json(tagged: Mapping[int, BlockTags], index: int) -> dict[str, object]:
    """The block id and effective tags of the block at ``index``, to merge into its JSON."""
    found = tagged.get(index)
    if found is None:
        return {}
    return {"block_id": found.block_id, "tags": [effective_json(t) for t in found.tags]}
