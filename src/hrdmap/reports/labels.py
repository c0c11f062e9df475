"""Names of labels as readers expect them: "A. Dialogue between Governments and defenders", "Kenya", "OHCHR".

Tags store ids ("hrd-areas" / "A", "countries" / "KEN"); everything shown to a person goes through here. The
vocabularies are the framework files (:mod:`hrdmap.analyse.frameworks.loader`) and the gazetteer's reference data
(:mod:`hrdmap.analyse.reference.data`): countries by their UN short name, UN entities by acronym, mechanisms by
name.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from hrdmap.analyse.frameworks.loader import load_frameworks
from hrdmap.analyse.reference import data as gazetteer_data
from hrdmap.domain.framework import Framework

#: Frameworks whose labels read best with their id in front ("A. Dialogue …").
LETTERED = frozenset({"hrd-areas"})


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """A framework or gazetteer vocabulary, for display and checks.

    Attributes:
        id: The framework id used in tags.
        name: Its display name.
        labels: Label id → display name, in display order.
        titles: Label id → a longer name where the display name is an acronym.
    """

    id: str
    name: str
    labels: dict[str, str]
    titles: dict[str, str]

    def name_of(self, label: str) -> str:
        """The display name of ``label`` (the id itself when unknown)."""
        return self.labels.get(label, label)


def _from_framework(framework: Framework) -> Vocabulary:
    lettered = framework.id in LETTERED
    labels = {lb.id: f"{lb.id}. {lb.name('en')}" if lettered else lb.name("en") for lb in framework.labels}
    return Vocabulary(framework.id, framework.name, labels, {})


class Labels:
    """The names of every label of a set of frameworks and of the gazetteer, for display and checks.

    Built from the frameworks a workspace loaded (built-in and the user's), so nothing here reads the
    environment; :func:`builtin_labels` gives those of the built-in frameworks alone.

    Args:
        frameworks: Frameworks by id.
    """

    def __init__(self, frameworks: Mapping[str, Framework]) -> None:
        found = {fid: _from_framework(fw) for fid, fw in frameworks.items()}
        self.vocabularies: dict[str, Vocabulary] = {**found, **_gazetteer_vocabularies()}

    def name(self, framework: str, label: str) -> str:
        """How a person reads ``label`` of ``framework``: "A. Dialogue …", "Kenya", "OHCHR"."""
        vocabulary = self.vocabularies.get(framework)
        return vocabulary.name_of(label) if vocabulary else label

    def check(self, framework: str, label: str) -> str | None:
        """Why ``framework`` / ``label`` cannot be used, or ``None`` when it can."""
        vocabulary = self.vocabularies.get(framework)
        if vocabulary is None:
            return f"unknown framework {framework!r} (known: {', '.join(sorted(self.vocabularies))})"
        if label not in vocabulary.labels:
            return f"framework {framework!r} has no label {label!r}"
        return None


@cache
def builtin_labels() -> Labels:
    """The labels of the built-in frameworks and the gazetteer (no user frameworks)."""
    return Labels(load_frameworks(()))


@cache
def _gazetteer_vocabularies() -> dict[str, Vocabulary]:
    found: dict[str, Vocabulary] = {}
    countries = sorted(gazetteer_data.country_names("en").items(), key=lambda item: item[1])
    found["countries"] = Vocabulary("countries", "Countries and territories", dict(countries), {})
    regions = {r.id: r.names.get("en") or r.id for r in gazetteer_data.regions()}
    found["regions"] = Vocabulary("regions", "Regions", regions, {})
    entities = gazetteer_data.un_entities()
    found["un-entities"] = Vocabulary(
        "un-entities", "UN entities", {e.id: e.id for e in entities}, {e.id: e.name for e in entities}
    )
    mechanisms = gazetteer_data.mechanisms()
    found["mechanisms"] = Vocabulary("mechanisms", "Human rights mechanisms", {m.id: m.name for m in mechanisms}, {})
    return found
