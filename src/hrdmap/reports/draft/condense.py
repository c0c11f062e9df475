"""Condense a passage by extraction: pick whole sentences, trim their edges, never add content.

A passage is split into sentences; the first sentence (which usually names the actor and the action) and the
sentences holding the evidence of the passage's labels score highest; sentences are taken by score until the
word budget is spent and printed in their original order. Trimming removes only connectors that point to text
left out ("Furthermore,", "In addition,"), footnote markers, and a trailing colon or semicolon. A single
sentence longer than twice the budget is cut at the last clause boundary inside the budget and marked with
"[…]", the UN mark of an omission.

The only words the draft adds to a passage come from :func:`reported_that`, which puts "Norway reported that"
in front of an English sentence that opens with a word that can follow "that" unchanged ("the", "in", "since"…).
"""

from __future__ import annotations

import re

from hrdmap.domain.report import count_words

_ABBREVIATIONS = frozenset(
    "e.g i.e para paras no nos mr mrs ms dr art arts etc vol p pp op cit st inc corp cf incl approx rev add "
    "corr sect fig ibid al jr sr gen lt col prof".split()
)
_END = re.compile(r"[.!?。！？؟]+[\"'”’»)\]]*(?=\s+|$)")
_CONNECTORS = re.compile(
    r"^(?:Furthermore|Moreover|In addition|Additionally|Also|Finally|Lastly|Further|Likewise|Similarly|"
    r"However|Nevertheless|In this regard|In this context|To this end|First(?:ly)?|Second(?:ly)?|"
    r"Third(?:ly)?|De plus|En outre|Par ailleurs|Enfin|Además|Asimismo|Por otra parte|Por último),\s+",
)
_MARKERS = re.compile(r"\[\^?\d{1,3}\]|(?<=[a-z][.,;:])\d{1,3}(?=\s|$)|(?<=[a-z])\d{1,2}(?=[\s.,;:]|$)")
_CLAUSE = re.compile(r"[,;:—–]\s")
#: Opening words after which "X reported that" keeps the sentence grammatical once lower-cased.
_FOLLOWS_THAT = frozenset(
    "the a an in on at since during through with over as following between despite although while from after "
    "before this these that those its their some many most several two three four five each every there "
    "until under within without according by for".split()
)


def sentences(text: str) -> list[tuple[int, int]]:
    """The sentences of ``text`` as ``(start, end)`` offsets, whitespace excluded."""
    found: list[tuple[int, int]] = []
    start = 0
    for match in _END.finditer(text):
        if match.group().startswith(".") and _is_abbreviation(text, match.start()):
            continue
        _append(found, text, start, match.end())
        start = match.end()
    _append(found, text, start, len(text))
    return found


def _is_abbreviation(text: str, dot: int) -> bool:
    word = re.search(r"([\w.]+)$", text[:dot])
    if word is None:
        return False
    token = word.group(1).lower()
    if token in _ABBREVIATIONS or len(token) == 1:
        return True
    following = text[dot + 1 : dot + 3].lstrip()
    return bool(following) and (following[0].islower() or following[0].isdigit())


def _append(found: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        offset = start + piece.index(stripped)
        found.append((offset, offset + len(stripped)))


def trim(sentence: str) -> str:
    """A sentence without a leading connector, footnote markers, doubled spaces or a trailing colon."""
    text = _MARKERS.sub("", sentence)
    text = re.sub(r"\s+", " ", text).strip()
    stripped = _CONNECTORS.sub("", text)
    if stripped != text and stripped:
        text = stripped[0].upper() + stripped[1:]
    if text.endswith((":", ";", ",")):
        text = text[:-1].rstrip() + "."
    return text


def condense(text: str, spans: tuple[tuple[int, int], ...] = (), max_words: int = 90) -> str:
    """The passage cut down to at most about ``max_words`` words of its own sentences.

    Args:
        text: The passage.
        spans: Offsets of the evidence behind its labels; sentences holding them are preferred.
        max_words: The budget.
    """
    parts = sentences(text)
    if not parts:
        return ""
    scores = [_score(i, part, spans) for i, part in enumerate(parts)]
    chosen: set[int] = set()
    used = 0
    for i in sorted(range(len(parts)), key=lambda i: (-scores[i], i)):
        words = count_words(text[parts[i][0] : parts[i][1]])
        if chosen and used + words > max_words:
            continue
        chosen.add(i)
        used += words
    kept = [trim(text[s:e]) for i, (s, e) in enumerate(parts) if i in chosen]
    result = " ".join(k for k in kept if k)
    return _cut(result, max_words) if count_words(result) > 2 * max_words else result


def _score(index: int, part: tuple[int, int], spans: tuple[tuple[int, int], ...]) -> float:
    start, end = part
    hits = sum(1 for s, e in spans if s < end and e > start)
    return (2.0 if index == 0 else 0.0) + hits - index * 0.01


def _cut(text: str, max_words: int) -> str:
    """Cut at the last clause boundary within ``max_words`` words and mark the omission."""
    words = list(re.finditer(r"\S+", text))
    limit = words[max_words - 1].end() if len(words) >= max_words else len(text)
    boundaries = [m.start() for m in _CLAUSE.finditer(text, 0, limit)]
    end = boundaries[-1] if boundaries and boundaries[-1] > limit // 2 else limit
    return text[:end].rstrip(" ,;:—–") + " […]."


def reported_that(text: str, contributor: str, phrase: str, language: str | None, report_language: str) -> str:
    """``phrase`` ("{contributor} reported that {text}") around ``text`` when the grammar allows, else ``text``.

    The frame is used only for a passage in the report's language (English) whose first word can follow
    "that" once lower-cased and whose first sentence does not name the contributor itself; anything else is
    returned as it is.
    """
    if report_language != "en" or (language not in (None, report_language)) or not text:
        return text
    first = re.match(r"[A-Za-z]+", text)
    if first is None or first.group().lower() not in _FOLLOWS_THAT:
        return text
    bare = re.sub(r"^the\s+|\s*\([^()]*\)\s*$", "", contributor, flags=re.IGNORECASE).lower()
    first_sentence = text[: sentences(text)[0][1]].lower()
    if bare in first_sentence:
        return text
    return phrase.format(contributor=contributor, text=text[0].lower() + text[1:])
