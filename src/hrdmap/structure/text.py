"""Text normalisation: one canonical form of the text every later step reads.

Extractors hand over text as the file stores it: Arabic in presentation forms (what a PDF's glyphs map to),
typographic ligatures ("ﬁ"), soft hyphens, zero-width and bidi control characters, non-breaking and doubled
spaces. Search, tagging and language identification want one form of each word, so :func:`normalize_text` maps
all of these to plain, NFC-composed text with single spaces.
"""

from __future__ import annotations

import re
import unicodedata

# Arabic presentation forms A (FB50–FDFF) and B (FE70–FEFF, which holds the lam-alef ligatures FEF5–FEFC)
# and the Latin typographic ligatures (FB00–FB06: ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ). NFKC maps them to base letters; it is
# applied to these ranges only, because NFKC elsewhere would also rewrite "²", "½", full-width CJK
# punctuation and the like.
_COMPAT_RUN = re.compile("[\ufb00-\ufb06\ufb50-\ufdff\ufe70-\ufefe]+")

# Characters that carry no text: soft hyphen, Arabic tatweel (kashida, a justification stretch), zero-width
# spaces and joiners, word joiner, byte-order mark, and the bidi marks, embeddings, overrides and isolates.
_INVISIBLE = re.compile("[\u00ad\u0640\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")

_SPECIAL = re.compile(f"{_COMPAT_RUN.pattern}|{_INVISIBLE.pattern}")

_ARABIC_LETTER = re.compile("[\u0621-\u064a]")
_ALEF_LAM = "\u0627\u0644"  # the definite article "al-", which starts a word in logical order


def normalize_text(text: str) -> str:
    """Return ``text`` in the canonical form used throughout hrdmap.

    NFC composition; Arabic presentation forms, lam-alef and Latin ligatures mapped to base letters; soft
    hyphens, tatweel, zero-width and bidi control characters removed; every run of whitespace (non-breaking
    spaces and line breaks included) collapsed to one space; no leading or trailing space.

    Args:
        text: Text as extracted.

    Returns:
        The normalised text.

    Example:
        >>> normalize_text("of\u00adfi\u00adcial  \ufb01le\u200b")
        'official file'
    """
    if not text.isascii():  # ASCII text (most blocks of most documents) needs only its spaces collapsed
        if _SPECIAL.search(text):
            text = _COMPAT_RUN.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
            text = _INVISIBLE.sub("", text)
        text = unicodedata.normalize("NFC", text)
    return " ".join(text.split())


def is_probably_visual_order(text: str) -> bool:
    """Tell whether Arabic text looks stored in visual (reversed) order rather than logical order.

    Some PDFs store right-to-left text in the order the glyphs are drawn, left to right, so every word comes
    out reversed. The definite article "ال" starts a great many Arabic words in logical order; reversed, it
    shows as "لا" at the end of words instead. The test compares the two counts, so it needs a few words to
    be useful.

    Args:
        text: Normalised text.

    Returns:
        True when more words end in a reversed article than start with one.
    """
    if not _ARABIC_LETTER.search(text):
        return False
    words = [w for w in text.split() if len(w) > 2]
    logical = sum(w.startswith(_ALEF_LAM) for w in words)
    reversed_ = sum(w.endswith(_ALEF_LAM[::-1]) for w in words)
    return reversed_ > logical
