"""Joining the lines of a block: a word broken at a line end ("protec-" + "tion") or a compound ("follow-" + "up").

A PDF keeps only the hyphen it printed. pdfium marks a hyphen that ends a line between two letters (U+FFFE in
its text, U+0002 from ``FPDFText_GetUnicode``, ``FPDFText_IsHyphen`` true), but it marks a compound's hyphen
("follow-" + "up") and a word processor's hyphenation ("accom-" + "panied") alike: the glyph is the same. So the
choice is made by the words of the document (:class:`Vocabulary`): the hyphen goes when the document writes the
word whole elsewhere, or another word with the same start ("accompaniment" for "accom-panied"); it stays
otherwise, and always for known compounds, common prefixes ("non", "self", "follow") and second parts ("up",
"based"), and before a capital or a digit. UN documents are rarely hyphenated by the word processor (every
line-end hyphen of the 622 test pages is a compound's), so the rule leans to keeping.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_COMPOUND_FIRST = frozenset(
    "non anti self co ex post pre re inter intra multi socio ill well follow so mid vice cross semi sub "
    "counter cost evidence rights gender human child age community long short high low full part "
    "twenty thirty forty fifty sixty seventy eighty ninety".split()
)
_COMPOUND_SECOND = frozenset(
    "up based related making building raising speaking seeking friendly term level wide free led specific "
    "sensitive oriented owned run general governmental discrimination like wise old year time".split()
)
_CJK = re.compile("[\u3000-\u9fff\uff00-\uffef]")
_LEADING_LETTERS = re.compile(r"[^\W\d_]*")
_STEM_PAST_BREAK = 3  # letters after the break that a word of the document must share with a broken word
_CUT = "\x00"  # stands where a line break cut a word, so that neither part counts as a word


class Vocabulary:
    """The words of a document, looked up lazily in its text (most documents never need it).

    The parts of words cut at a line end ("accom-" + "panied") are not words of the document: counting them
    would make both halves of every broken word "known" and keep every hyphen.
    """

    def __init__(self, lines: Sequence[str]) -> None:
        self._lines = lines
        self._text: str | None = None

    def known(self, word: str) -> bool:
        """Whether ``word`` occurs in the document as a word of its own (a hyphen counts as a word's end)."""
        return self._occurs(word, whole=True)

    def starts_word(self, stem: str) -> bool:
        """Whether a word of the document starts with ``stem`` ("accompan" of "accompaniment")."""
        return self._occurs(stem, whole=False)

    def _occurs(self, part: str, whole: bool) -> bool:
        """Whether ``part`` starts a word of the document and, when ``whole``, also ends it."""
        if self._text is None:
            self._text = _cut_text(self._lines).lower()
        text, part = self._text, part.lower()
        at = text.find(part)
        while at >= 0:
            if not _inside_word(text, at - 1) and not (whole and _inside_word(text, at + len(part))):
                return True
            at = text.find(part, at + 1)
        return False


def _inside_word(text: str, at: int) -> bool:
    return 0 <= at < len(text) and (text[at].isalpha() or text[at] == _CUT)


def _cut_text(lines: Sequence[str]) -> str:
    """The lines joined by spaces, a word broken at a line end joined by :data:`_CUT` instead of its hyphen."""
    parts: list[str] = []
    for line in lines:
        if parts and parts[-1].endswith("-") and parts[-1][-2:-1].isalpha() and line[:1].isalpha():
            parts[-1] = parts[-1][:-1] + _CUT
        elif parts:
            parts.append(" ")
        parts.append(line)
    return "".join(parts)


def join_lines(texts: Sequence[str], words: Vocabulary) -> str:
    """Join the lines of one block: a space between lines, none after a hyphen or between CJK characters."""
    out = ""
    for text in texts:
        if not out:
            out = text
        elif out.endswith("-") and out[-2:-1].isalpha() and text[:1].isalpha():
            out = join_hyphenated(out, text, words)
        elif _CJK.match(out[-1]) and _CJK.match(text[:1]):
            out += text
        else:
            out = f"{out} {text}"
    return out


def join_hyphenated(head: str, tail: str, words: Vocabulary) -> str:
    """Join a line ending in a hyphen to the next one, keeping the hyphen only when it is a compound's.

    The hyphen stays when the document writes the compound with a hyphen elsewhere, when the next part starts
    with a capital or a digit ("non-\\nGovernmental", "mid-\\n2010"), when the first part is a common prefix
    ("non", "self", "follow") or the second a common second part ("up", "based"). Otherwise it goes when the
    document writes the word without it ("protec-\\ntion" where "protection" occurs) or a word starting like it,
    three letters past the break ("accom-\\npanied" where "accompaniment" occurs), and stays ("clear-\\ncut",
    "real-\\nestate").
    """
    first = head.rsplit(None, 1)[-1].rstrip("-").rsplit("-", 1)[-1]
    second = _LEADING_LETTERS.match(tail)
    second_word = second.group() if second else ""
    keep = (
        not second_word
        or not tail[:1].islower()
        or first.lower() in _COMPOUND_FIRST
        or second_word.lower() in _COMPOUND_SECOND
        or words.known(f"{first}-{second_word}")
    )
    if not keep:
        joined = first + second_word
        keep = not (words.known(joined) or words.starts_word(joined[: len(first) + _STEM_PAST_BREAK]))
    return head + tail if keep else head[:-1] + tail
