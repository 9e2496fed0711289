"""Writes sgd-trajectory.json: PyTorch's SGD on a tiny perceptron, the reference for test/train/sgd-torch.test.ts.

Run with a PyTorch install (Debian: apt-get install python3-torch): /usr/bin/python3 sgd-trajectory.py
"""
import json
from pathlib import Path

import torch

torch.manual_seed(620)
features = torch.nn.Linear(5, 4)
classifier = torch.nn.Linear(4, 3)
model = torch.nn.Sequential(features, torch.nn.Tanh(), classifier).double()
initial = {name: p.detach().clone() for name, p in model.named_parameters()}
x = torch.randn(6, 5, dtype=torch.float64)
y = torch.tensor([0, 1, 2, 1, 0, 2])

optimizer = torch.optim.SGD(
    [{"params": features.parameters(), "lr": 0.01}, {"params": classifier.parameters(), "lr": 0.1}],
    lr=0.1, momentum=0.9, weight_decay=5e-4,
)
losses = []
for _ in range(5):
    optimizer.zero_grad()
    loss = torch.nn.functional.cross_entropy(model(x), y)
    loss.backward()
    optimizer.step()
    losses.append(loss.item())

as_lists = lambda params: {name: p.tolist() for name, p in params.items()}
reference = {
    "torch": torch.__version__,
    "groups": [{"lr": 0.01}, {"lr": 0.1}],
    "momentum": 0.9,
    "weightDecay": 5e-4,
    "x": x.tolist(),
    "y": y.tolist(),
    "initial": as_lists(initial),
    "losses": losses,
    "final": as_lists({name: p.detach() for name, p in model.named_parameters()}),
}
Path(__file__).with_suffix(".json").write_text(json.dumps(reference, indent=1) + "\n")
