"""Frameworks: the vocabularies paragraphs are sorted into.

A :class:`Framework` (the eight areas of UN action, the State duties, groups at risk, types of attack …) is a
list of :class:`Label` items, each with names in the UN languages, a definition and the notes a reviewer
needs to
apply it consistently. Frameworks are data: they are written as YAML files and loaded by
``hrdmap.analyse.frameworks.loader``; this module only holds the parsed form.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Label:
    """One label of a framework.

    Attributes:
        id: The label's id, unique in its framework ("A", "women", "killing").
        names: Display names by ISO 639-1 language code ("en", "fr", "es", "ar", "ru", "zh").
        definition: What the label covers, in English.
        includes: Notes on what belongs under the label.
        excludes: Notes on what does not (and where it goes instead).
        keywords: Words and phrases that signal the label, by language; matched case-insensitively on word
            boundaries.
        patterns: Regular expressions that signal the label, by language; matched case-insensitively.
        examples: Short example passages, for reviewers and for example-based classifiers.
        parent: Id of the parent label in the same framework, or ``None``.
    """

    id: str
    names: dict[str, str]
    definition: str
    includes: str = ""
    excludes: str = ""
    keywords: dict[str, tuple[str, ...]] = field(default_factory=dict)
    patterns: dict[str, tuple[str, ...]] = field(default_factory=dict)
    examples: tuple[str, ...] = ()
    parent: str | None = None

    def name(self, language: str = "en") -> str:
        """The label's name in ``language``, falling back to English."""
        return self.names.get(language) or self.names["en"]


@dataclass(frozen=True, slots=True)
class Framework:
    """A named, versioned set of labels.

    Attributes:
        id: The framework's id, used as ``Tag.framework`` ("hrd-areas", "groups-at-risk").
        name: Display name.
        version: The framework's own version ("2018", "1.0").
        description: What the framework is for and where it comes from.
        labels: The labels, in display order.
        source: Where the framework was loaded from (a file path or package resource), for error messages.
    """

    id: str
    name: str
    version: str
    description: str
    labels: tuple[Label, ...]
    source: str = ""

    def label(self, label_id: str) -> Label:
        """The label with id ``label_id``.

        Raises:
            KeyError: The framework has no such label.
        """
        for label in self.labels:
            if label.id == label_id:
                return label
        raise KeyError(f"framework {self.id!r} has no label {label_id!r}")

    def ancestors(self, label_id: str) -> tuple[str, ...]:
        """Ids of the label's parents, nearest first."""
        found: list[str] = []
        parent = self.label(label_id).parent
        while parent is not None and parent not in found:
            found.append(parent)
            parent = self.label(parent).parent
        return tuple(found)
