"""YAML read safely: PyYAML's safe loader, refusing alias bombs and nesting that would exhaust the stack.

``yaml.safe_load`` builds no objects but plain ones, yet a few hundred bytes of anchors and aliases ("billion
laughs": ``a: &a [x, x]``, ``b: &b [*a, *a]`` …) stand for a billion values: loading shares them, but whoever walks
the result (a checker, a schema validator, ``json.dumps``) walks all of them and hangs. :class:`SafeLoader`
measures the document as it would be expanded, before building anything, and refuses one of more than
:data:`MAX_VALUES` values with :class:`YamlBomb`, a ``yaml.YAMLError`` that every reader already reports as
invalid YAML, with its line. Every YAML file hrdmap reads (call files, frameworks, mappings, incident files,
phrases and styles of templates) goes through :func:`load`.
"""

from __future__ import annotations

from typing import Any

import yaml

from hrdmap.domain.errors import InvalidInput

#: Most values (scalars, sequences and mappings, aliases counted as what they stand for) a document may hold.
MAX_VALUES = 200_000


class YamlBomb(yaml.MarkedYAMLError, InvalidInput):
    """A document that stands for too many values, or nests too deeply, to be read safely.

    A ``yaml.YAMLError`` (readers report it as invalid YAML, with its line) and an
    :class:`~hrdmap.domain.errors.InvalidInput` (a caller that reads YAML itself shows it as any other bad input).
    """


def expanded_size(root: yaml.Node, limit: int = MAX_VALUES) -> int:
    """How many values ``root`` stands for once its aliases are expanded (stops counting past ``limit``)."""
    return _measure(root, limit)[0]


def oversized(root: yaml.Node, limit: int = MAX_VALUES) -> yaml.Node | None:
    """The first node (innermost, in document order) standing for more than ``limit`` values, if any."""
    return _measure(root, limit)[1]


def _measure(root: yaml.Node, limit: int) -> tuple[int, yaml.Node | None]:
    sizes: dict[int, int] = {}
    first: yaml.Node | None = None
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, ready = stack.pop()
        if id(node) in sizes:
            continue
        children = _children(node)
        if ready or not children:
            sizes[id(node)] = min(limit + 1, 1 + sum(sizes.get(id(c), 0) for c in children))
            if first is None and sizes[id(node)] > limit:
                first = node
            continue
        stack.append((node, True))
        stack.extend((c, False) for c in reversed(children) if id(c) not in sizes)
    return sizes[id(root)], first


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


class SafeLoader(yaml.SafeLoader):
    """PyYAML's safe loader that refuses a document standing for more than :data:`MAX_VALUES` values."""

    def construct_document(self, node: yaml.Node) -> object:
        found = oversized(node)
        if found is not None:
            raise YamlBomb(
                problem=f"its aliases stand for more than {MAX_VALUES:,} values (an alias bomb?); refused",
                problem_mark=found.start_mark,
            )
        return super().construct_document(node)


def load(text: str, loader: type[SafeLoader] = SafeLoader) -> Any:  # noqa: ANN401 - whatever the YAML holds
    """The value of one YAML document, read with ``loader`` (:class:`SafeLoader` or a subclass).

    Raises:
        yaml.YAMLError: The text is not valid YAML; :class:`YamlBomb` when it stands for too many values or
            nests too deeply.
    """
    try:
        return yaml.load(text, Loader=loader)  # noqa: S506 - a subclass of the safe loader
    except RecursionError:
        raise YamlBomb(problem="nested too deeply to be read safely; refused") from None


def invalid(error: yaml.YAMLError, source: str) -> str:
    """The message for a document ``source`` that ``error`` refused: where, then what it says when it says it
    ("frameworks/hrd.yaml: line 3: not valid YAML: found undefined alias")."""
    mark = getattr(error, "problem_mark", None)
    where = f"line {mark.line + 1}" if mark is not None else "(file)"
    problem = getattr(error, "problem", None)
    return f"{source}: {where}: not valid YAML" + (f": {problem}" if problem else "")
