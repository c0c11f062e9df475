"""Views of the review queue: the tags waiting for a person's decision."""

from __future__ import annotations

from hrdmap.services.review import QueueItem
from hrdmap.services.views.corpus import document_view
from hrdmap.services.views.tags import tag_view


def queue_item_view(item: QueueItem, *, confidential: bool | None = None) -> dict[str, object]:
    """A tag waiting for review (``hrdmap review --list --json``): the tag, its label's name, its distance to
    the threshold, the document and the paragraph a reviewer reads; ``confidential`` marks a paragraph of a
    confidential contribution."""
    block = item.block
    marked = {} if confidential is None else {"confidential": confidential}
    return {
        **tag_view(item.tag),
        **marked,
        "name": item.name,
        "margin": round(item.tag.margin, 4),
        "document": document_view(item.document, confidential=confidential),
        "paragraph": {
            "label": block.label,
            "heading_path": list(block.heading_path),
            "text": block.text,
            "language": block.language,
        },
    }
