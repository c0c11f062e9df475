"""What a signed-in person sees first: open calls, overdue requests, the review queue, the corpus's size.

Each figure is given only when the actor's roles allow the reads behind it (``None`` otherwise).
"""

from __future__ import annotations

from dataclasses import dataclass

from hrdmap.domain.actor import Actor, Permission
from hrdmap.domain.mandates import RequestStatus
from hrdmap.services import corpus, mandates, review
from hrdmap.services.calls import manage
from hrdmap.services.workspace import Workspace
from hrdmap.storage.calls import StoredCall


@dataclass(frozen=True, slots=True)
class Overview:
    """The dashboard's figures; ``None`` where the actor may not see them.

    Attributes:
        open_calls: Calls whose deadline has not passed, in the actor's scope.
        overdue_requests: Mandate requests past due with no answer.
        review_waiting: Tags waiting for review (up to 100 counted: the page says "100+").
        documents: Documents the actor may see.
    """

    open_calls: tuple[StoredCall, ...] | None
    overdue_requests: int | None
    review_waiting: int | None
    documents: int | None


def overview(workspace: Workspace, actor: Actor) -> Overview:
    """The dashboard of ``actor``."""
    reads = actor.can(Permission.READ_CORPUS)
    today = actor.today()
    calls = tuple(c for c in manage.list_calls(workspace, actor) if c.call.deadline >= today) if reads else None
    overdue = (
        len(mandates.list_requests(workspace, actor, status=RequestStatus.OVERDUE)) if reads else None
    )
    waiting = len(review.review_queue(workspace, actor, limit=100)) if actor.can(Permission.REVIEW) else None
    documents = len(corpus.list_documents(workspace, actor)) if reads else None
    return Overview(calls, overdue, waiting, documents)
