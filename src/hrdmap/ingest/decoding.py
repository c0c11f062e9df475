"""Turn the bytes of a text-like file (plain text, Markdown, HTML) into a string.

The order is the one that is right most often for UN contributions: a byte-order mark is certain; a
charset the file declares comes next; then strict UTF-8, which almost never decodes text in another
encoding by accident; then charset-normalizer's guess; and cp1252 last, since Windows Western European
files are the commonest leftover and cp1252 decodes nearly any byte.
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def bom_encoding(data: bytes) -> str | None:
    """The encoding a byte-order mark at the start of ``data`` names, if any."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def decode_text(data: bytes, declared: str | None = None) -> str:
    """Decode ``data`` (see the module docstring for the order of attempts).

    Args:
        data: The bytes.
        declared: An encoding the file declares (an HTML ``<meta charset>``), tried after the BOM.

    Returns:
        The text, without a byte-order mark.
    """
    for encoding in (bom_encoding(data), _known(declared), "utf-8"):
        if encoding is None:
            continue
        try:
            return data.decode(encoding).lstrip("\ufeff")
        except (UnicodeDecodeError, LookupError):
            continue
    best = from_bytes(data[:65536]).best()
    if best is not None:
        try:
            return data.decode(best.encoding).lstrip("\ufeff")
        except (UnicodeDecodeError, LookupError):
            pass
    return data.decode("cp1252", errors="replace")


def _known(encoding: str | None) -> str | None:
    if not encoding:
        return None
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return None
    # Browsers read latin-1 and ascii declarations as windows-1252 (WHATWG encoding standard).
    return "cp1252" if name in ("latin-1", "iso8859-1", "ascii") else name
