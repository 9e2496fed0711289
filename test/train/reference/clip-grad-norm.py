"""Writes clip-grad-norm.json: torch.nn.utils.clip_grad_norm_ over three gradients (L2 and infinity norms; clipped and not), the reference for test/train/optim/clip-grad-norm.test.ts.

Float32, as the TensorFlow.js side runs. Run with a PyTorch install: /usr/bin/python3 clip-grad-norm.py
"""
import json
from pathlib import Path

import torch

torch.manual_seed(7)
shapes = {"a": [3, 4], "b": [4], "c": [2, 2, 3]}
grads = {name: torch.randn(shape) for name, shape in shapes.items()}
cases = []
for max_norm, norm_type in [(1.0, 2.0), (100.0, 2.0), (0.5, float("inf")), (2.5, 2.0)]:
    params = {name: torch.nn.Parameter(torch.zeros(shape)) for name, shape in shapes.items()}
    for name, p in params.items():
        p.grad = grads[name].clone()
    total = torch.nn.utils.clip_grad_norm_(list(params.values()), max_norm, norm_type)
    cases.append({
        "maxNorm": max_norm,
        "normType": "inf" if norm_type == float("inf") else norm_type,
        "totalNorm": total.item(),
        "clipped": {name: p.grad.flatten().tolist() for name, p in params.items()},
    })
reference = {
    "torch": torch.__version__,
    "grads": {name: {"shape": shapes[name], "values": g.flatten().tolist()} for name, g in grads.items()},
    "cases": cases,
}
Path(__file__).with_suffix(".json").write_text(json.dumps(reference) + "\n")
