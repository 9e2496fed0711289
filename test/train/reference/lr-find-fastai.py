"""Writes lr-find-fastai.json: fastai's `lr_find` suggestions (`minimum`, `steep`) computed on the curve rxtrain's finder recorded (lr-find-recorded.json), the reference for test/train/lr-finder.test.ts.

fastai is not needed: its definitions (fastai/callback/schedule.py, v2.7) are copied below as they
are, over torch tensors, and `Learner.lr_find`'s window: the first num_it // 10 and the last 5
points dropped, then everything from the first NaN.
Run with a PyTorch install: /usr/bin/python3 lr-find-fastai.py
"""
import json
from pathlib import Path

import torch
from torch import tensor

here = Path(__file__).parent
recorded = json.loads((here / "lr-find-recorded.json").read_text())


def minimum(lrs, losses, num_it):
    "Suggests a learning rate one-tenth the minumum before divergance and marks it on the plot"
    lr_min = lrs[losses.argmin()].item()
    return lr_min / 10, (lr_min, losses[losses.argmin()])


def steep(lrs, losses, num_it):
    "Suggests a learning rate when the slope is the steepest and marks it on the plot"
    grads = (losses[1:] - losses[:-1]) / (lrs[1:].log() - lrs[:-1].log())
    lr_steep = lrs[grads.argmin()].item()
    return lr_steep, (lr_steep, losses[grads.argmin()])


num_it = recorded["numIter"]
lrs, losses = tensor(recorded["lrs"][num_it // 10:-5]), tensor(recorded["losses"][num_it // 10:-5])
nan_idxs = torch.nonzero(torch.isnan(losses.view(-1)))
if len(nan_idxs) > 0:
    drop_idx = min(nan_idxs)
    lrs = lrs[:drop_idx]
    losses = losses[:drop_idx]
reference = {
    "torch": torch.__version__,
    "minimum": minimum(lrs, losses, num_it)[0],
    "steep": steep(lrs, losses, num_it)[0],
    "window": [num_it // 10, len(recorded["lrs"]) - 5],
}
Path(__file__).with_name("lr-find-fastai.json").write_text(json.dumps(reference) + "\n")
