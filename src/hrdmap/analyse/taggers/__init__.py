"""Taggers behind one small protocol: gazetteer, framework keywords, statement kinds; the registry of them all."""
