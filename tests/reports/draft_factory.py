"""Hand-made inputs for the draft builder and renderers, and the example call prepared for drafting."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hrdmap.analyse.frameworks.loader import load_frameworks
from hrdmap.config import Settings
from hrdmap.domain.report import Report
from hrdmap.reports.draft.builder import build_draft
from hrdmap.reports.draft.inputs import (
    Candidate,
    Contributor,
    DraftInput,
    DraftOptions,
    MandatedRequest,
    MandateFacts,
    Outreach,
)
from hrdmap.reports.draft.templates import Templates
from tests.actors import TESTER

REPO = Path(__file__).resolve().parents[2]
EXAMPLE_CALL = REPO / "examples" / "call.yaml"
RULE_TAGGERS = ("statement-kind", "framework-keywords", "gazetteer")

CONTRIBUTORS = (
    Contributor("norway", "Norway", "member_state", False, (1,)),
    Contributor("undp", "United Nations Development Programme (UNDP)", "un_entity", False, (2,)),
    Contributor("shield", "Digital Shield for Defenders (fictional)", "ngo", True, (3,)),
)

PASSAGES = (
    # (block, document, text, areas, kinds)
    (11, 1, "Defenders continue to face threats when they take part in consultations. Few cases are followed up.",
     {"A": 0.9}, {"challenge": 0.8}),
    (12, 1, "In 2025, Norway funded a national dialogue between the Government and defenders on the draft law.",
     {"A": 0.8}, {"practice": 0.9}),
    (21, 2, "The United Nations Development Programme (UNDP) trained 300 defenders on the universal periodic review.",
     {"H": 0.9}, {"practice": 0.7}),
    (22, 2, "Support to defenders is often project-based and ends with the funding cycle of the donors.",
     {"G": 0.7}, {"challenge": 0.9}),
    (31, 3, "Digital Shield for Defenders documented 400 online threats against journalists in the region last year.",
     {"D": 0.9}, {"challenge": 0.9}),
    (32, 3, "United Nations entities should adopt common standards for the protection of defenders' data.",
     {"G": 0.6}, {"recommendation": 0.9}),
    (23, 2, "Integrate the protection of defenders into the common country analyses of every country team.",
     {"F": 0.8}, {"recommendation": 0.8}),
)


def candidates() -> tuple[Candidate, ...]:
    """The hand-made passages as candidates, each with an evidence span on its first word."""
    return tuple(
        Candidate(block, document, i, text, "en", f"{i + 1}.", areas, kinds, ((0, 5),))
        for i, (block, document, text, areas, kinds) in enumerate(PASSAGES)
    )


def draft_input(**changes: object) -> DraftInput:
    """A small call: a mandate, three contributors (one confidential), seven tagged passages."""
    values: dict[str, object] = {
        "call_id": "test-call",
        "title": "Support of the United Nations system to human rights defenders",
        "issuer": "OHCHR",
        "mandate": MandateFacts(
            "A/RES/72/247",
            (16, 17),
            number="72/247",
            body="General Assembly",
            requests=(
                MandatedRequest(16, "the Secretary-General", "undertake a comprehensive assessment:"),
                MandatedRequest(17, "the Secretary-General", "submit a report at its seventy-third session"),
            ),
            session=73,
        ),
        "outreach": (
            Outreach(dt.date(2018, 3, 22), "note_verbale", ("member_state",)),
            Outreach(dt.date(2018, 3, 23), "letter", ("un_entity", "ngo")),
            Outreach(dt.date(2018, 4, 20), "email", ("ngo",), reminder=True),
        ),
        "deadline": dt.date(2018, 4, 30),
        "counts_sentence": "Contributions were received from three stakeholders: one State (Norway), ...",
        "contributors": CONTRIBUTORS,
        "candidates": candidates(),
        "areas": load_frameworks()["hrd-areas"],
        "languages": ("English",),
        "options": DraftOptions(),
    }
    values.update(changes)
    return DraftInput(**values)  # type: ignore[arg-type]


def small_report(**changes: object) -> Report:
    """The report of :func:`draft_input`, worded with the packaged phrases."""
    return build_draft(draft_input(**changes), Templates().phrases())


def prepare_example(home: Path) -> Settings:
    """A data folder holding the example call imported and tagged by the rule taggers."""
    from hrdmap.services.calls.importing import import_call
    from hrdmap.services.tagging import tag_documents
    from hrdmap.services.workspace import open_workspace

    settings = Settings(home=home)
    with open_workspace(settings) as workspace:
        import_call(workspace, TESTER, EXAMPLE_CALL)
        tag_documents(workspace, TESTER, taggers=RULE_TAGGERS)
    return settings
