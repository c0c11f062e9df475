"""Styles that inherit from a parent (Word's ``w:basedOn``, ODF's ``style:parent-style-name``): a question about
a paragraph's style is answered by the first style up the chain that says something."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TypeVar

#: The most styles a chain follows: a loop of parents (found in the wild) ends there.
MAX_CHAIN = 20

S = TypeVar("S")
V = TypeVar("V")


def style_chain(styles: Mapping[str, S], name: str | None, parent: Callable[[S], str | None]) -> list[tuple[str, S]]:
    """The style ``name`` and its ancestors, nearest first, by name; a name not in ``styles`` ends the chain.

    Args:
        styles: The styles by name.
        name: Where to start (``None``: an empty chain).
        parent: The name of a style's parent, or ``None``.
    """
    chain: list[tuple[str, S]] = []
    while name is not None and name in styles and len(chain) < MAX_CHAIN:
        chain.append((name, styles[name]))
        name = parent(styles[name])
    return chain


def first_said(chain: Sequence[tuple[str, S]], value: Callable[[S], V | None]) -> V | None:
    """The first value a style of ``chain`` gives, nearest first; ``None`` and empty values say nothing.

    Args:
        chain: A style and its ancestors, as :func:`style_chain` returns them.
        value: What a style says (its language, its numbering), or ``None``.
    """
    for _, style in chain:
        said = value(style)
        if said:
            return said
    return None
