"""Paragraph search behind one protocol (:mod:`hrdmap.search.base`)."""
