"""The tagger registry: built-in taggers come through the hrdmap.taggers entry points."""

from __future__ import annotations

import pytest

from hrdmap.analyse.taggers.base import Passage, Tagger
from hrdmap.analyse.taggers.registry import tagger, tagger_names

RULE_BASED = ("gazetteer", "statement-kind", "framework-keywords")


def test_the_rule_based_taggers_are_registered() -> None:
    assert set(RULE_BASED) <= set(tagger_names())
    for name in RULE_BASED:
        built = tagger(name)
        assert isinstance(built, Tagger)
        assert built.name == name


def test_a_tagger_by_name_tags_passages() -> None:
    [tags] = tagger("gazetteer").tag([Passage(1, "OHCHR in Kenya")])
    assert {(t.framework, t.label) for t in tags} == {("countries", "KEN"), ("un-entities", "OHCHR")}


def test_an_unknown_name_is_refused() -> None:
    with pytest.raises(KeyError, match="no tagger named 'nope'"):
        tagger("nope")
