"""The JSON shapes of the domain: what ``--json`` prints and scripts read.

Every view turns a domain record or a service result into plain JSON data: dicts, lists, strings, numbers,
booleans and ``None``; dates and datetimes as ISO 8601 strings, enums as their values, tuples as lists. Views
are pure: they take what a service returned and read nothing else (no store, no file, no clock), so an edge
prints one as it is (``echo_json(views.document_view(d))``) and ``json.loads(json.dumps(view)) == view``.
Scripts read these keys: renaming one breaks them, so a field is added, never renamed. (The web API answers
pydantic models of its own, :mod:`hrdmap.web.api_models`; they are not made from these views yet.)

Why a package: together the views pass the ~500 lines a module should stay under, and each subject's views
change with that subject's services, so each subject has its module (corpus, ingest, tags, review, calls,
mandates, recommendations, drafts). This package re-exports them all, so an edge imports one name:
``from hrdmap.services import views``.

Not here, on purpose: files that are formats of their own, written by their writers from the same service
results. The map's JSON (``hrdmap map --format json``) is a report format: :func:`hrdmap.reports.map.data.map_json`
renders it beside the map's CSV files, and the HTML page embeds the same document, so the reports layer (which
may not import the services) must own its shape. Likewise the corpus export's rows
(:class:`hrdmap.services.export.ExportRow`), the tracker's CSV and XLSX (:mod:`hrdmap.reports.tracker`) and a
draft's ``draft-sources.json`` (:mod:`hrdmap.reports.draft.sidecar`). Incidents, indicators and warnings
(``hrdmap incidents``, ``indicators``, ``warnings``) are printed from shapes of their own: not views yet.
"""

from hrdmap.services.views.calls import call_import_view, call_status_view, call_view, stakeholder_view
from hrdmap.services.views.corpus import (
    block_view,
    document_view,
    footnote_view,
    loaded_document_view,
    search_result_view,
)
from hrdmap.services.views.drafts import draft_view
from hrdmap.services.views.ingest import batch_item_view, failed_file_view, ingest_report_view, status_counts
from hrdmap.services.views.mandates import (
    added_files_view,
    added_resolution_view,
    added_resolutions_view,
    new_link_view,
    request_view,
    resolution_view,
)
from hrdmap.services.views.recommendations import (
    extraction_view,
    recommendation_import_view,
    recommendation_imports_view,
    recommendation_view,
    tracker_group_view,
)
from hrdmap.services.views.review import queue_item_view
from hrdmap.services.views.tags import (
    effective_tag_view,
    evaluation_view,
    evidence_view,
    review_view,
    tag_view,
    tagging_report_view,
)

__all__ = [
    "added_resolution_view",
    "added_files_view",
    "added_resolutions_view",
    "batch_item_view",
    "block_view",
    "call_import_view",
    "call_status_view",
    "call_view",
    "document_view",
    "draft_view",
    "effective_tag_view",
    "evaluation_view",
    "evidence_view",
    "extraction_view",
    "failed_file_view",
    "footnote_view",
    "ingest_report_view",
    "loaded_document_view",
    "new_link_view",
    "queue_item_view",
    "recommendation_import_view",
    "recommendation_imports_view",
    "recommendation_view",
    "request_view",
    "resolution_view",
    "review_view",
    "search_result_view",
    "stakeholder_view",
    "status_counts",
    "tag_view",
    "tagging_report_view",
    "tracker_group_view",
]
