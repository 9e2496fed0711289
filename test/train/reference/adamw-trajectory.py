"""Writes adamw-trajectory.json: PyTorch's AdamW and Adam on a tiny perceptron for 20 steps, the reference for test/train/optim/adam.test.ts.

Parameter groups as the no-decay option makes them from two per-layer groups: each layer's weight
with the layer's learning rate and weight decay, its bias with the layer's learning rate and no decay. Float32, as the TensorFlow.js side runs.
Run with a PyTorch install (Debian: apt-get install python3-torch): /usr/bin/python3 adamw-trajectory.py
"""
import json
from pathlib import Path

import torch

STEPS = 20


def run(optimizer_class, **options):
    torch.manual_seed(620)
    features = torch.nn.Linear(5, 4)
    classifier = torch.nn.Linear(4, 3)
    model = torch.nn.Sequential(features, torch.nn.Tanh(), classifier)
    initial = {name: p.detach().clone() for name, p in model.named_parameters()}
    x = torch.randn(6, 5)
    y = torch.tensor([0, 1, 2, 1, 0, 2])
    groups = [
        {"params": [features.weight], "lr": 0.01, "weight_decay": 0.05},
        {"params": [features.bias], "lr": 0.01, "weight_decay": 0.0},
        {"params": [classifier.weight], "lr": 0.03},
        {"params": [classifier.bias], "lr": 0.03, "weight_decay": 0.0},
    ]
    optimizer = optimizer_class(groups, **options)
    losses = []
    for _ in range(STEPS):
        optimizer.zero_grad()
        loss = torch.nn.functional.cross_entropy(model(x), y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    as_lists = lambda params: {name: p.tolist() for name, p in params.items()}
    return {
        "x": x.tolist(),
        "y": y.tolist(),
        "initial": as_lists(initial),
        "losses": losses,
        "final": as_lists({name: p.detach() for name, p in model.named_parameters()}),
    }


adamw_options = {"lr": 0.02, "betas": (0.8, 0.99), "eps": 1e-6, "weight_decay": 0.1}
adam_options = {"lr": 0.02, "weight_decay": 0.01}
reference = {
    "torch": torch.__version__,
    "steps": STEPS,
    "layers": [{"lr": 0.01, "weightDecay": 0.05}, {"lr": 0.03}],
    "adamw": {"options": {**adamw_options, "betas": list(adamw_options["betas"])}, **run(torch.optim.AdamW, **adamw_options)},
    "adam": {"options": adam_options, **run(torch.optim.Adam, **adam_options)},
}
Path(__file__).with_suffix(".json").write_text(json.dumps(reference) + "\n")
