"""hrdmap: map the UN's support to human rights defenders.

The package is layered (see docs/architecture.md): ``domain`` holds plain data types; ``ingest`` reads files into
raw documents; ``structure`` turns them into numbered paragraphs, headings and footnotes; ``analyse`` tags them;
``storage`` and ``search`` keep them; ``services`` are the use-cases; ``cli`` is a thin edge.
"""

__version__ = "0.1.0"
