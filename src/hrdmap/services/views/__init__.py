"""The JSON shapes of the domain: what ``--json`` prints and scripts read.

Every view turns a domain record or a service result into plain JSON data: dicts, lists, strings, numbers,
booleans and ``None``; dates and datetimes as ISO 8601 strings, enums as their values, tuples as lists. Views
are pure: they take what a service returned and read nothing else (no store, no file, no clock), so an edge
prints one as it is (``echo_json(views.document_view(d))``) and ``json.loads(json.dumps(view)) == view``.
Scripts read these keys: renaming one breaks them, so a field is added, never renamed. (The web API answers
pydantic models of its own, :mod:`hrdmap.web.api_models`; they are not made from these views yet.)

Why a package: together the views pass the ~500 lines a module should stay under, and each subject's views
change with that subject's services, so each subject has its module (corpus, ingest, tags, review, calls,
mandates, recommendations, drafts, monitoring, store, audit). This package re-exports them all, so an edge
imports one name: ``from hrdmap.services import views``.

Not here, on purpose: files that are formats of their own, written by their writers from the same service
results. The map's JSON (``hrdmap map --format json``) is a report format: :func:`hrdmap.reports.map.data.map_json`
renders it beside the map's CSV files, and the HTML page embeds the same document, so the reports layer (which
may not import the services) must own its shape. Likewise the corpus export's rows
(:class:`hrdmap.services.export.ExportRow`), the tracker's CSV and XLSX (:mod:`hrdmap.reports.tracker`) and a
draft's ``draft-sources.json`` (:mod:`hrdmap.reports.draft.sidecar`). The incidents' exports are written from
the views of :mod:`hrdmap.services.views.monitoring` (an event of the JSON export is an :func:`incident_view`, a
row of the CSV, HXL and XLSX exports an :func:`incident_row_view`).

Each module is imported when one of its views is first used (``views.document_view`` imports
:mod:`hrdmap.services.views.corpus` and the services it names), so that a command that prints incidents does not
load the PDF renderer that the draft's view names.
"""

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the views for type checkers; at run time :func:`__getattr__` imports them
    from hrdmap.services.views.audit import (
        audit_entry_view as audit_entry_view,
    )
    from hrdmap.services.views.audit import (
        chain_report_view as chain_report_view,
    )
    from hrdmap.services.views.calls import (
        call_import_view as call_import_view,
    )
    from hrdmap.services.views.calls import (
        call_status_view as call_status_view,
    )
    from hrdmap.services.views.calls import (
        call_view as call_view,
    )
    from hrdmap.services.views.calls import (
        stakeholder_view as stakeholder_view,
    )
    from hrdmap.services.views.corpus import (
        block_view as block_view,
    )
    from hrdmap.services.views.corpus import (
        document_view as document_view,
    )
    from hrdmap.services.views.corpus import (
        footnote_view as footnote_view,
    )
    from hrdmap.services.views.corpus import (
        loaded_document_view as loaded_document_view,
    )
    from hrdmap.services.views.corpus import (
        search_result_view as search_result_view,
    )
    from hrdmap.services.views.drafts import (
        draft_view as draft_view,
    )
    from hrdmap.services.views.ingest import (
        batch_item_view as batch_item_view,
    )
    from hrdmap.services.views.ingest import (
        failed_file_view as failed_file_view,
    )
    from hrdmap.services.views.ingest import (
        ingest_report_view as ingest_report_view,
    )
    from hrdmap.services.views.ingest import (
        status_counts as status_counts,
    )
    from hrdmap.services.views.mandates import (
        added_files_view as added_files_view,
    )
    from hrdmap.services.views.mandates import (
        added_resolution_view as added_resolution_view,
    )
    from hrdmap.services.views.mandates import (
        added_resolutions_view as added_resolutions_view,
    )
    from hrdmap.services.views.mandates import (
        new_link_view as new_link_view,
    )
    from hrdmap.services.views.mandates import (
        request_view as request_view,
    )
    from hrdmap.services.views.mandates import (
        resolution_view as resolution_view,
    )
    from hrdmap.services.views.monitoring import (
        added_incidents_view as added_incidents_view,
    )
    from hrdmap.services.views.monitoring import (
        candidate_pair_view as candidate_pair_view,
    )
    from hrdmap.services.views.monitoring import (
        case_view as case_view,
    )
    from hrdmap.services.views.monitoring import (
        cell_view as cell_view,
    )
    from hrdmap.services.views.monitoring import (
        incident_import_view as incident_import_view,
    )
    from hrdmap.services.views.monitoring import (
        incident_row_view as incident_row_view,
    )
    from hrdmap.services.views.monitoring import (
        incident_view as incident_view,
    )
    from hrdmap.services.views.monitoring import (
        warning_view as warning_view,
    )
    from hrdmap.services.views.recommendations import (
        extraction_view as extraction_view,
    )
    from hrdmap.services.views.recommendations import (
        recommendation_import_view as recommendation_import_view,
    )
    from hrdmap.services.views.recommendations import (
        recommendation_imports_view as recommendation_imports_view,
    )
    from hrdmap.services.views.recommendations import (
        recommendation_view as recommendation_view,
    )
    from hrdmap.services.views.recommendations import (
        tracker_group_view as tracker_group_view,
    )
    from hrdmap.services.views.review import (
        queue_item_view as queue_item_view,
    )
    from hrdmap.services.views.store import (
        store_copy_view as store_copy_view,
    )
    from hrdmap.services.views.tags import (
        effective_tag_view as effective_tag_view,
    )
    from hrdmap.services.views.tags import (
        evaluation_view as evaluation_view,
    )
    from hrdmap.services.views.tags import (
        evidence_view as evidence_view,
    )
    from hrdmap.services.views.tags import (
        review_view as review_view,
    )
    from hrdmap.services.views.tags import (
        tag_view as tag_view,
    )
    from hrdmap.services.views.tags import (
        tagging_report_view as tagging_report_view,
    )

#: Module of this package → the views it holds.
_MODULES: dict[str, tuple[str, ...]] = {
    "audit": ("audit_entry_view", "chain_report_view"),
    "calls": (
        "call_import_view",
        "call_status_view",
        "call_view",
        "stakeholder_view",
    ),
    "corpus": (
        "block_view",
        "document_view",
        "footnote_view",
        "loaded_document_view",
        "search_result_view",
    ),
    "drafts": ("draft_view",),
    "ingest": (
        "batch_item_view",
        "failed_file_view",
        "ingest_report_view",
        "status_counts",
    ),
    "mandates": (
        "added_files_view",
        "added_resolution_view",
        "added_resolutions_view",
        "new_link_view",
        "request_view",
        "resolution_view",
    ),
    "recommendations": (
        "extraction_view",
        "recommendation_import_view",
        "recommendation_imports_view",
        "recommendation_view",
        "tracker_group_view",
    ),
    "review": ("queue_item_view",),
    "store": ("store_copy_view",),
    "tags": (
        "effective_tag_view",
        "evaluation_view",
        "evidence_view",
        "review_view",
        "tag_view",
        "tagging_report_view",
    ),
    "monitoring": (
        "added_incidents_view",
        "candidate_pair_view",
        "case_view",
        "cell_view",
        "incident_import_view",
        "incident_row_view",
        "incident_view",
        "warning_view",
    ),
}
_WHERE = {name: module for module, names in _MODULES.items() for name in names}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> object:
    """A view, its module imported on first use."""
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    found = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = found
    return found
