"""A paragraph's text as the markup readers (HTML, ODT) gather it: piece by piece, with its footnote labels."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class InlineText:
    """The pieces of one paragraph's text in reading order, and the footnote labels it cites.

    Attributes:
        parts: Text pieces as found (element text, tails, ``"\\n"`` for a line break).
        refs: Labels of the footnotes cited, in order.
    """

    parts: list[str] = field(default_factory=list)
    refs: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The pieces joined, white space folded to one space within each line, line breaks kept."""
        lines = "".join(self.parts).split("\n")
        return "\n".join(" ".join(line.split()) for line in lines).strip()
