"""Format extractors: bytes in, :class:`hrdmap.domain.raw.RawDocument` out.

Each format lives in a module of its own and declares the media types and file-name suffixes it reads; the
:mod:`hrdmap.ingest.registry` picks one by sniffing the content first and the name second.
"""
