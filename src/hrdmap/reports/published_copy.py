"""Published copies of contributions, scrubbed: what a file says about its authors stays with the Secretariat.

A contribution published on the inputs page is copied from the file received, and files carry more than their
text: a Word or ODT file its author, "last modified by", comments, tracked changes (deleted text included),
revision ids and custom properties; a PDF its information dictionary, XMP metadata, annotations and scripts; an
HTML page its scripts and event handlers. :func:`scrub` returns the copy to publish:

- **DOCX**: core properties emptied (title kept), custom properties and comments (with their anchors and the
  people list) removed, tracked changes accepted (insertions kept, deletions and formatting changes dropped),
  revision ids (``w:rsid*``) and the application's company and manager removed;
- **ODT**: ``meta.xml`` rewritten with the title only, annotations and tracked changes removed;
- **PDF**: re-rendered by pdfium into a new document with the pages only: no information dictionary, no XMP
  metadata, no document scripts or open action, no annotations but links;
- **HTML**: scripts, event handlers, ``javascript:`` URLs, frames, objects, forms, ``<base>``, refreshes and
  external resources removed, and a Content-Security-Policy that forbids scripts added;
- anything else that can carry metadata it cannot scrub (``.doc``, ``.rtf``, images) raises :class:`NotScrubbable`:
  the page lists the contribution without a file. Plain text and Markdown are published as received.
"""

from __future__ import annotations

import io
import re
import zipfile

import pypdfium2
import pypdfium2.raw as pdfium_c
from lxml import etree, html

from hrdmap.domain.errors import HrdmapError

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".csv"})
_DOCX_DROPPED = re.compile(r"^(docProps/custom\.xml|word/comments[A-Za-z]*\.xml|word/people\.xml)$")
_RELATIONSHIP = re.compile(r"<Relationship\b[^>]*?Target=\"([^\"]+)\"[^>]*/>")


class NotScrubbable(HrdmapError):
    """A file whose metadata cannot be removed, so it is not published; ``str()`` says why."""


def scrub(data: bytes, suffix: str) -> bytes:
    """The copy of a contribution's file (bytes ``data``, extension ``suffix``) that may be published.

    Raises:
        NotScrubbable: The format can carry metadata this module cannot remove, or the file is damaged.
    """
    kind = suffix.casefold()
    try:
        if kind == ".docx":
            return _docx(data)
        if kind == ".odt":
            return _odt(data)
        if kind == ".pdf":
            return _pdf(data)
        if kind in (".html", ".htm"):
            return _html(data)
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, pypdfium2.PdfiumError, ValueError) as error:
        raise NotScrubbable(f"a damaged {kind} file cannot be scrubbed ({type(error).__name__})") from None
    if kind in _TEXT_SUFFIXES:
        return data
    raise NotScrubbable(f"a {kind or 'file without extension'} cannot be scrubbed of its metadata")


def _rewrite(data: bytes, change: dict[str, bytes | None]) -> bytes:
    """The zip package ``data`` with the members in ``change`` replaced (``None``: removed), order kept."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename in change:
                replaced = change[info.filename]
                if replaced is not None:
                    target.writestr(_stamped(info), replaced)
                continue
            target.writestr(_stamped(info), source.read(info.filename))
    return out.getvalue()


def _stamped(info: zipfile.ZipInfo) -> zipfile.ZipInfo:
    """The member's name with a fixed date (a zip records when each part was last saved), ``mimetype`` stored."""
    fresh = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
    fresh.compress_type = zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED
    return fresh


def _docx(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = package.namelist()
        parts = {n: package.read(n) for n in names if n.endswith((".xml", ".rels"))}
    change: dict[str, bytes | None] = {n: None for n in names if _DOCX_DROPPED.match(n)}
    if "docProps/core.xml" in parts:
        change["docProps/core.xml"] = _docx_core(parts["docProps/core.xml"])
    if "docProps/app.xml" in parts:
        change["docProps/app.xml"] = _strip_elements(parts["docProps/app.xml"], ("Company", "Manager", "HyperlinkBase"))
    for name, text in parts.items():
        if name.endswith(".rels"):
            change[name] = _drop_relationships(text)
        elif name == "[Content_Types].xml":
            change[name] = re.sub(rb"<Override[^>]*PartName=\"/(?:docProps/custom|word/comments[A-Za-z]*|word/people)"
                                  rb"\.xml\"[^>]*/>", b"", text)
        elif name.startswith("word/") and name not in change:
            change[name] = _docx_part(text)
    return _rewrite(data, change)


def _docx_core(text: bytes) -> bytes:
    root = etree.fromstring(text)
    for element in list(root):
        if etree.QName(element).localname != "title":
            root.remove(element)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _strip_elements(text: bytes, local_names: tuple[str, ...]) -> bytes:
    root = etree.fromstring(text)
    for element in list(root.iter()):
        parent = element.getparent()
        if parent is not None and isinstance(element.tag, str) and etree.QName(element).localname in local_names:
            parent.remove(element)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _drop_relationships(text: bytes) -> bytes:
    decoded = text.decode("utf-8")
    kept = _RELATIONSHIP.sub(
        lambda m: "" if re.search(r"(custom\.xml|comments[A-Za-z]*\.xml|people\.xml)$", m.group(1)) else m.group(0),
        decoded,
    )
    return kept.encode("utf-8")


def _docx_part(text: bytes) -> bytes:
    """A Word XML part with tracked changes accepted, comment anchors and revision ids removed."""
    root = etree.fromstring(text)
    dropped = {"del", "moveFrom", "rPrChange", "pPrChange", "sectPrChange", "tblPrChange", "trPrChange",
               "tcPrChange", "numberingChange", "commentRangeStart", "commentRangeEnd", "commentReference", "rsids"}
    unwrapped = {"ins", "moveTo"}
    for element in list(root.iter(f"{{{W}}}*")):
        local = etree.QName(element).localname
        parent = element.getparent()
        if parent is None:
            continue
        if local in dropped:
            parent.remove(element)
        elif local in unwrapped:
            index = parent.index(element)
            for child in list(element):
                parent.insert(index, child)
                index += 1
            parent.remove(element)
    for element in root.iter():
        if isinstance(element.tag, str):
            for attribute in [a for a in element.attrib if etree.QName(a).localname.startswith("rsid")]:
                del element.attrib[attribute]
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


ODF_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
ODF_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
ODF_DC = "http://purl.org/dc/elements/1.1/"


def _odt(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = set(package.namelist())
        meta = package.read("meta.xml") if "meta.xml" in names else None
        content = package.read("content.xml")
        styles = package.read("styles.xml") if "styles.xml" in names else None
    change: dict[str, bytes | None] = {"content.xml": _odt_body(content)}
    if styles is not None:
        change["styles.xml"] = _odt_body(styles)
    if meta is not None:
        change["meta.xml"] = _odt_meta(meta)
    return _rewrite(data, change)


def _odt_meta(text: bytes) -> bytes:
    root = etree.fromstring(text)
    for holder in root.iter(f"{{{ODF_OFFICE}}}meta"):
        for element in list(holder):
            if element.tag != f"{{{ODF_DC}}}title":
                holder.remove(element)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _odt_body(text: bytes) -> bytes:
    root = etree.fromstring(text)
    dropped = {
        (ODF_OFFICE, "annotation"), (ODF_OFFICE, "annotation-end"), (ODF_TEXT, "tracked-changes"),
        (ODF_TEXT, "change"), (ODF_TEXT, "change-start"), (ODF_TEXT, "change-end"),
    }
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        name = etree.QName(element)
        parent = element.getparent()
        if (name.namespace, name.localname) in dropped and parent is not None:
            tail = element.tail
            parent.remove(element)
            if tail:
                previous = parent[-1] if len(parent) else None
                if previous is not None:
                    previous.tail = (previous.tail or "") + tail
                else:
                    parent.text = (parent.text or "") + tail
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _pdf(data: bytes) -> bytes:
    """The pages of the PDF, their annotations but links removed, in a new document: nothing of the old one's
    catalog (scripts, open action), information dictionary or XMP metadata is copied."""
    source = pypdfium2.PdfDocument(data)
    for index in range(len(source)):
        page = source[index]
        for number in reversed(range(pdfium_c.FPDFPage_GetAnnotCount(page.raw))):
            annotation = pdfium_c.FPDFPage_GetAnnot(page.raw, number)
            subtype = pdfium_c.FPDFAnnot_GetSubtype(annotation)
            pdfium_c.FPDFPage_CloseAnnot(annotation)
            if subtype != pdfium_c.FPDF_ANNOT_LINK:
                pdfium_c.FPDFPage_RemoveAnnot(page.raw, number)
    copy = pypdfium2.PdfDocument.new()
    copy.import_pages(source)
    out = io.BytesIO()
    copy.save(out)
    copy.close()
    source.close()
    return out.getvalue()


_HTML_DROPPED = ("script", "noscript", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "base",
                 "link", "portal", "template")
_URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "data", "srcset", "poster", "background")
CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"


def _html(data: bytes) -> bytes:
    document = html.document_fromstring(data)
    for element in list(document.iter()):
        if not isinstance(element, html.HtmlElement):  # comments and processing instructions
            _remove(element)
            continue
        tag = str(element.tag).lower()
        if tag in _HTML_DROPPED or (tag == "meta" and _meta_dropped(element)):
            element.drop_tree()
            continue
        for attribute in list(element.attrib):
            name = str(attribute).lower()
            value = str(element.attrib[attribute])
            if name.startswith("on") or (name in _URL_ATTRIBUTES and not _safe_url(value, fetched=name != "href")):
                del element.attrib[attribute]
            elif name == "style" and re.search(r"url\s*\(|expression\s*\(|@import", value, re.IGNORECASE):
                del element.attrib[attribute]
    for style in document.iter("style"):
        style.text = re.sub(r"@import[^;]*;|url\s*\([^)]*\)", "", style.text or "", flags=re.IGNORECASE)
    head = document.find("head")
    if head is None:
        head = etree.Element("head")
        document.insert(0, head)
    head.insert(0, etree.Element("meta", {"http-equiv": "Content-Security-Policy", "content": CSP}))
    return bytes(html.tostring(document, doctype="<!DOCTYPE html>", encoding="utf-8"))


def _remove(element: etree._Element) -> None:
    parent = element.getparent()
    if parent is not None:
        tail = element.tail
        parent.remove(element)
        if tail:
            parent.text = (parent.text or "") + tail


def _meta_dropped(element: html.HtmlElement) -> bool:
    equiv = (element.get("http-equiv") or "").lower()
    name = (element.get("name") or element.get("property") or "").lower()
    return equiv in ("refresh", "set-cookie", "content-security-policy") or name in (
        "author", "generator", "creator", "publisher", "article:author", "dc.creator", "last-modified-by",
    )


def _safe_url(value: str, *, fetched: bool) -> bool:
    """Links (``fetched`` false) may be relative, http(s), mailto or fragments; what a browser fetches on its own
    (images, media) may only be relative or an inline image, so a copy cannot tell anyone it was opened.
    ``javascript:`` and every other scheme go."""
    cleaned = re.sub(r"[\x00-\x20]+", "", value).lower()
    scheme = re.match(r"^([a-z][a-z0-9+.-]*):", cleaned)
    if cleaned.startswith("//"):
        return not fetched
    if scheme is None:
        return True
    if fetched:
        return cleaned.startswith("data:image/")
    return scheme.group(1) in ("http", "https", "mailto")
