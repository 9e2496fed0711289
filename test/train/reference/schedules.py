"""Writes schedules.json: the learning rate (and momentum or beta1) each step uses under PyTorch's schedulers, for 3 epochs of 10 steps, the reference for test/train/schedules/schedules.test.ts.

Two parameter groups (lr 0.1 and 0.01); `scheduler.step()` after every optimiser step ("step") or
after every epoch ("epoch"). Run with a PyTorch install: /usr/bin/python3 schedules.py
"""
import json
from pathlib import Path

import torch
from torch.optim import lr_scheduler as S

EPOCHS, STEPS_PER_EPOCH, TOTAL = 3, 10, 30
LRS = [0.1, 0.01]

CASES = {
    "linear warm-up, per step": ("step", "sgd", lambda o: S.LinearLR(o, start_factor=0.1, total_iters=8)),
    "cosine, per step": ("step", "sgd", lambda o: S.CosineAnnealingLR(o, T_max=TOTAL, eta_min=1e-4)),
    "cosine with warm restarts, per step": ("step", "sgd", lambda o: S.CosineAnnealingWarmRestarts(o, T_0=7, T_mult=2, eta_min=1e-5)),
    "one-cycle, per step (SGD momentum)": ("step", "sgd", lambda o: S.OneCycleLR(o, max_lr=LRS, total_steps=TOTAL)),
    "one-cycle three-phase linear, per step (Adam beta1)": (
        "step", "adam", lambda o: S.OneCycleLR(o, max_lr=LRS, total_steps=TOTAL, pct_start=0.25, anneal_strategy="linear", three_phase=True)),
    "warm-up then cosine, per step": ("step", "adam", lambda o: S.SequentialLR(
        o, [S.LinearLR(o, start_factor=0.01, total_iters=5), S.CosineAnnealingLR(o, T_max=TOTAL - 5)], milestones=[5])),
    "cosine, per epoch": ("epoch", "sgd", lambda o: S.CosineAnnealingLR(o, T_max=EPOCHS, eta_min=1e-3)),
    "linear warm-up, per epoch": ("epoch", "sgd", lambda o: S.LinearLR(o, start_factor=0.5, total_iters=2)),
    "warm-up then cosine, per epoch": ("epoch", "sgd", lambda o: S.SequentialLR(
        o, [S.LinearLR(o, start_factor=0.25, total_iters=1), S.CosineAnnealingLR(o, T_max=EPOCHS - 1)], milestones=[1])),
    "cosine with warm restarts, per epoch": ("epoch", "sgd", lambda o: S.CosineAnnealingWarmRestarts(o, T_0=2, eta_min=0.0)),
}


def run(interval, kind, make):
    weights = [torch.nn.Parameter(torch.zeros(1)), torch.nn.Parameter(torch.zeros(1))]
    groups = [{"params": [w], "lr": lr} for w, lr in zip(weights, LRS)]
    optimizer = torch.optim.SGD(groups, lr=0.1, momentum=0.9) if kind == "sgd" else torch.optim.Adam(groups, lr=0.1)
    scheduler = make(optimizer)
    lrs, momenta = [], []
    for _ in range(EPOCHS):
        for _ in range(STEPS_PER_EPOCH):
            lrs.append([g["lr"] for g in optimizer.param_groups])
            momenta.append([g["momentum"] if kind == "sgd" else g["betas"][0] for g in optimizer.param_groups])
            for w in weights:
                w.grad = torch.ones(1)
            optimizer.step()
            if interval == "step":
                scheduler.step()
        if interval == "epoch":
            scheduler.step()
    return {"interval": interval, "optimizer": kind, "lrs": lrs, "momenta": momenta}


reference = {
    "torch": torch.__version__,
    "epochs": EPOCHS,
    "stepsPerEpoch": STEPS_PER_EPOCH,
    "groupLrs": LRS,
    "cases": {name: run(*case) for name, case in CASES.items()},
}
Path(__file__).with_suffix(".json").write_text(json.dumps(reference) + "\n")
