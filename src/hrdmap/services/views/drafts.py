"""Views of a drafted report: the files written and the length of the draft."""

from __future__ import annotations

from hrdmap.services.drafting import DraftResult


def draft_view(result: DraftResult) -> dict[str, object]:
    """What ``hrdmap draft --json`` wrote: each file by format, the numbered paragraphs and footnotes, and the
    words of the body and of the footnotes against the word limit."""
    report = result.report
    return {
        "files": {k: str(v) for k, v in result.files.items()},
        "paragraphs": sum(1 for _ in report.numbered()),
        "footnotes": len(report.footnotes),
        "words": {"body": report.body_words(), "footnotes": report.footnote_words(), "limit": report.word_limit},
    }
