"""Find footnotes in HTML: the reference marks in the text and the notes they point to.

HTML has no footnote element; exporters link a mark to a note elsewhere in the page. The common patterns:

* ``<sup><a href="#fn1">1</a></sup>`` pointing to an element with ``id="fn1"`` in a notes section or list;
* pandoc and many CMSs: ``<a class="footnote-ref" href="#fn1" role="doc-noteref">``;
* Word's "Save as web page": ``<a href="#_ftn1" name="_ftnref1">[1]</a>`` pointing to ``<a name="_ftn1">``
  inside the note's paragraph (endnotes: ``#_edn1``).

A note's element is the target itself when it is a block (a list item, a paragraph, a div), else the nearest
block around the target. Its text leaves out the target's own mark and the links back to the reference.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import html as lxml_html

from hrdmap.domain.raw import RawFootnote

_NOTE_BLOCKS = frozenset({"li", "p", "div", "aside", "section", "dd", "td", "footer"})
_REF_CLASSES = ("footnote-ref", "noteref", "footnote", "fnref", "endnote-ref")
_WORD_PREFIXES = ("#_ftn", "#_edn")
_WORD_BACKLINKS = ("#_ftnref", "#_ednref")
_MAX_LABEL = 8


@dataclass(slots=True)
class HtmlNotes:
    """The notes of a page: which anchors are references (with their labels) and which elements are notes."""

    refs: dict[lxml_html.HtmlElement, str] = field(default_factory=dict)
    bodies: set[lxml_html.HtmlElement] = field(default_factory=set)
    footnotes: list[RawFootnote] = field(default_factory=list)


def find_notes(root: lxml_html.HtmlElement) -> HtmlNotes:
    """Pair reference anchors with their notes, in the order the references appear."""
    notes = HtmlNotes()
    targets = _targets(root)
    for anchor in root.iter("a"):
        href = (anchor.get("href") or "").strip()
        target = targets.get(href[1:]) if href.startswith("#") and len(href) > 1 else None
        if target is None or _is_backlink(anchor) or not _is_reference(anchor, href) or target in notes.refs:
            continue
        body = _note_block(target)
        if body is None or _contains(body, anchor):
            continue
        label = _label(anchor) or str(len(notes.footnotes) + 1)
        notes.refs[anchor] = label
        if body not in notes.bodies:
            notes.bodies.add(body)
            notes.footnotes.append(RawFootnote(label, _note_text(body, target)))
    return notes


def _targets(root: lxml_html.HtmlElement) -> dict[str, lxml_html.HtmlElement]:
    found: dict[str, lxml_html.HtmlElement] = {}
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        for key in (element.get("id"), element.get("name") if element.tag == "a" else None):
            if key and key not in found:
                found[key] = element
    return found


def _is_reference(anchor: lxml_html.HtmlElement, href: str) -> bool:
    if href.startswith(_WORD_BACKLINKS):
        return False
    if len(_label(anchor)) > _MAX_LABEL:
        return False
    classes = (anchor.get("class") or "").lower()
    if any(name in classes for name in _REF_CLASSES) or anchor.get("role") == "doc-noteref":
        return True
    if href.startswith(_WORD_PREFIXES):
        return True
    in_sup = any(a.tag == "sup" for a in anchor.iterancestors()) or anchor.find(".//sup") is not None
    return in_sup


def _label(anchor: lxml_html.HtmlElement) -> str:
    return str(anchor.text_content()).strip().strip("[]()").strip()


def _note_block(target: lxml_html.HtmlElement) -> lxml_html.HtmlElement | None:
    if target.tag in _NOTE_BLOCKS:
        return target
    for ancestor in target.iterancestors():
        if ancestor.tag in _NOTE_BLOCKS:
            return ancestor
    return None


def _contains(outer: lxml_html.HtmlElement, inner: lxml_html.HtmlElement) -> bool:
    return any(ancestor is outer for ancestor in inner.iterancestors())


def _note_text(body: lxml_html.HtmlElement, target: lxml_html.HtmlElement) -> str:
    """The note's text without its own mark (an inline target) or its links back to the reference."""
    parts: list[str] = []

    def visit(element: lxml_html.HtmlElement) -> None:
        if element is not body and (element is target or _is_backlink(element)):
            parts.append(element.tail or "")
            return
        parts.append(element.text or "" if isinstance(element.tag, str) else "")
        for child in element:
            visit(child)
        if element is not body:
            parts.append(element.tail or "")

    visit(body)
    return " ".join("".join(parts).split())


def _is_backlink(element: lxml_html.HtmlElement) -> bool:
    if element.tag != "a":
        return False
    href = element.get("href") or ""
    classes = (element.get("class") or "").lower()
    return (
        href.startswith(_WORD_BACKLINKS)
        or "footnote-back" in classes
        or element.get("role") == "doc-backlink"
        or (href.startswith("#") and element.text_content().strip() in ("↩", "↩︎", "^", "↑"))
    )
