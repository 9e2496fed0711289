"""Writes label-smoothing.json: nn.CrossEntropyLoss(label_smoothing=...) on integer labels and on class probabilities, the reference for test/train/loss.test.ts.

Float64 inputs and results. Run with a PyTorch install: /usr/bin/python3 label-smoothing.py
"""
import json
from pathlib import Path

import torch

torch.manual_seed(24)
logits = torch.randn(7, 5, dtype=torch.float64) * 3
labels = torch.tensor([0, 4, 2, 2, 1, 3, 0])
soft = torch.softmax(torch.randn(7, 5, dtype=torch.float64), dim=1)
cases = []
for smoothing in [0.0, 0.1, 0.25, 1.0]:
    loss = torch.nn.CrossEntropyLoss(label_smoothing=smoothing)
    cases.append({
        "labelSmoothing": smoothing,
        "hard": loss(logits, labels).item(),
        "soft": loss(logits, soft).item(),
    })
reference = {"torch": torch.__version__, "logits": logits.tolist(), "labels": labels.tolist(), "soft": soft.tolist(), "cases": cases}
Path(__file__).with_suffix(".json").write_text(json.dumps(reference) + "\n")
