"""Write minimal OpenDocument text files from a body of ODF XML, for the ODT tests."""

from __future__ import annotations

import io
import zipfile

NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/"'
)


def make_odt(body: str, styles: str = "", title: str | None = None, content: str | None = None) -> bytes:
    """An .odt whose ``content.xml`` holds ``body`` in ``office:text`` and ``styles`` as automatic styles.

    ``content`` replaces the whole ``content.xml`` (for corrupt samples).
    """
    xml = content or (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {NAMESPACES}>'
        f"<office:automatic-styles>{styles}</office:automatic-styles>"
        f"<office:body><office:text>{body}</office:text></office:body></office:document-content>"
    )
    meta = f"<dc:title>{title}</dc:title>" if title else ""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        package.writestr("content.xml", xml)
        package.writestr(
            "meta.xml",
            f"<office:document-meta {NAMESPACES}><office:meta>{meta}</office:meta></office:document-meta>",
        )
    return out.getvalue()
