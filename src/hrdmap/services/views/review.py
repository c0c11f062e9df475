"""Views of the review queue: the tags waiting for a person's decision."""

from __future__ import annotations

from hrdmap.services.review import QueueItem
from hrdmap.services.views.corpus import document_view
from hrdmap.services.views.tags import tag_view


def queue_item_view(item: QueueItem) -> dict[str, object]:
    """A tag waiting for review (``hrdmap review --list --json``): the tag, its label's name, its distance to
    the threshold, the document and the paragraph a reviewer reads."""
    block = item.block
    return {
        **tag_view(item.tag),
        "name": item.name,
        "margin": round(item.tag.margin, 4),
        "document": document_view(item.document),
        "paragraph": {
            "label": block.label,
            "heading_path": list(block.heading_path),
            "text": block.text,
            "language": block.language,
        },
    }
