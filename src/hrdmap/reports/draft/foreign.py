"""The sentence that stands, in the report's language, for a passage received in another language.

When no offline translator covers a passage's language, the body does not paste the passage: it says, in the
report's language, what the passage is and what it is about, from the passage's own labels: its kind, its area,
the countries and groups of defenders it names. "Côte d'Ivoire described a practice concerning laws and policies
at country level, in Côte d'Ivoire, in particular women human rights defenders." The original is quoted in the
footnote that credits it. Every word comes from the phrases and the labels: nothing is invented.
"""

from __future__ import annotations

from collections.abc import Mapping

from hrdmap.domain.tags import StatementKind
from hrdmap.reports.draft.credits import display_name, join_names
from hrdmap.reports.draft.inputs import DraftInput
from hrdmap.reports.draft.selection import Pick
from hrdmap.reports.wording import lower_first

#: The group every passage about defenders carries: it says nothing in "in particular …".
_EVERY_DEFENDER = "human rights defenders"
_KEYS: dict[str, str] = {kind: f"stand_in_{kind}" for kind in StatementKind}


def stand_in(pick: Pick, contributor: str, data: DraftInput, phrases: Mapping[str, str]) -> str:
    """The sentence for ``pick``, naming ``contributor`` (already capitalised, or the confidential phrase)."""
    candidate = pick.candidate
    if pick.area is not None:
        topic = lower_first(_area_name(data, pick.area))
    else:
        topic = phrases["stand_in_topic"]
    places = join_names([display_name(c, "member_state") for c in candidate.countries[:4]])
    where = phrases["stand_in_where"].format(places=places) if places else ""
    named = [lower_first(g) for g in candidate.groups if g.lower() != _EVERY_DEFENDER][:3]
    groups = phrases["stand_in_groups"].format(groups=join_names(named)) if named else ""
    key = _KEYS.get(pick.kind or "", "stand_in_other")
    return phrases[key].format(contributor=contributor, topic=topic, where=where, groups=groups)


def _area_name(data: DraftInput, area: str) -> str:
    try:
        return data.areas.label(area).name(data.language)
    except KeyError:
        return area
