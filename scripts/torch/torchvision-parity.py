"""PyTorch references for rxtrain's torchvision model families (ResNet, MobileNet). Needs PyTorch
and torchvision (Debian's python3-torch and python3-torchvision). Writes into a folder the tests
make at test time, so no full-size weights live in the repository.

  python3 scripts/torch/torchvision-parity.py keys NAME CLASSES
      prints the state dict's keys and shapes of torchvision.models.NAME(num_classes=CLASSES) as JSON.

  python3 scripts/torch/torchvision-parity.py reference NAME OUT [--classes K] [--batch N] [--size S] [--seed SEED]
      builds torchvision.models.NAME(num_classes=K) with seeded random weights, its BatchNorms given
      random affine weights and running statistics (so that eval mode depends on them), and writes:
        OUT/model.pth    the state dict (torch.save)
        OUT/input.f32    N×3×S×S float32 images, NCHW; OUT/labels.json their labels
        OUT/logits.f32   the eval-mode logits
        OUT/grads.pth    the gradient of each parameter after one train-mode forward and backward
                         (dropout off) of the mean cross-entropy
        OUT/after.pth    the state dict after that step and torch.optim.SGD(lr, momentum, weight_decay).step()
        OUT/step.json    { loss, lr, momentum, weightDecay }

  python3 scripts/torch/torchvision-parity.py logits NAME MODEL.pth INPUT.f32 N S
      loads MODEL.pth with torch.load(weights_only=True) into torchvision.models.NAME and prints the
      eval-mode logits of the NCHW input as JSON.

  python3 scripts/torch/torchvision-parity.py serve
      reads one of the commands above per line from stdin (PyTorch is imported once) and answers each
      with one JSON line: {"ok": true, "stdout": what the command printed} or {"ok": false, "error": ...}.
"""
import argparse
import contextlib
import io
import json
import pathlib
import shlex
import sys
import traceback

import torch
import torch.nn as nn
import torchvision

LR, MOMENTUM, WEIGHT_DECAY = 0.05, 0.9, 1e-4


def build(name, num_classes):
    return getattr(torchvision.models, name)(num_classes=num_classes)


@torch.no_grad()
def randomise_batch_norms(model, generator):
    for module in model.modules():
        if isinstance(module, nn.BatchNorm2d):
            c = module.num_features
            module.weight.copy_(torch.rand(c, generator=generator) + 0.5)
            module.bias.copy_(torch.rand(c, generator=generator) * 0.4 - 0.2)
            module.running_mean.copy_(torch.rand(c, generator=generator) * 0.4 - 0.2)
            module.running_var.copy_(torch.rand(c, generator=generator) + 0.5)
            module.num_batches_tracked.fill_(int(torch.randint(0, 1000, (1,), generator=generator)))


def reference(args):
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(args.seed)
    model = build(args.name, args.classes)
    generator = torch.Generator().manual_seed(args.seed + 1)
    randomise_batch_norms(model, generator)
    torch.save(model.state_dict(), out / "model.pth")
    x = torch.randn(args.batch, 3, args.size, args.size, generator=generator)
    labels = torch.randint(0, args.classes, (args.batch,), generator=generator)
    (out / "input.f32").write_bytes(x.numpy().astype("<f4").tobytes())
    (out / "labels.json").write_text(json.dumps(labels.tolist()))
    model.eval()
    with torch.no_grad():
        (out / "logits.f32").write_bytes(model(x).numpy().astype("<f4").tobytes())
    model.train()
    for module in model.modules():
        if isinstance(module, nn.Dropout):
            module.p = 0.0
    optimizer = torch.optim.SGD(model.parameters(), lr=LR, momentum=MOMENTUM, weight_decay=WEIGHT_DECAY)
    loss = nn.functional.cross_entropy(model(x), labels)
    loss.backward()
    torch.save({name: p.grad for name, p in model.named_parameters()}, out / "grads.pth")
    optimizer.step()
    torch.save(model.state_dict(), out / "after.pth")
    (out / "step.json").write_text(json.dumps({"loss": loss.item(), "lr": LR, "momentum": MOMENTUM, "weightDecay": WEIGHT_DECAY}))


def keys(args):
    model = build(args.name, args.classes)
    print(json.dumps([[k, list(v.shape)] for k, v in model.state_dict().items()]))


def logits(args):
    state = torch.load(args.model, weights_only=True)
    model = build(args.name, state[[k for k in state if k.endswith(".weight")][-1]].shape[0])
    model.load_state_dict(state)
    model.eval()
    raw = pathlib.Path(args.input).read_bytes()
    x = torch.frombuffer(bytearray(raw), dtype=torch.float32).reshape(args.n, 3, args.s, args.s)
    with torch.no_grad():
        print(json.dumps(model(x).tolist()))


def serve(parser):
    for line in sys.stdin:
        printed = io.StringIO()
        try:
            with contextlib.redirect_stdout(printed):
                run(parser.parse_args(shlex.split(line)))
            answer = {"ok": True, "stdout": printed.getvalue()}
        except BaseException:  # argparse exits on a bad line; the process keeps serving
            answer = {"ok": False, "error": traceback.format_exc()}
        print(json.dumps(answer), flush=True)


def run(args):
    {"keys": keys, "reference": reference, "logits": logits}[args.command](args)


def main():
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers(dest="command", required=True)
    k = commands.add_parser("keys")
    k.add_argument("name")
    k.add_argument("classes", type=int)
    r = commands.add_parser("reference")
    r.add_argument("name")
    r.add_argument("out")
    r.add_argument("--classes", type=int, default=10)
    r.add_argument("--batch", type=int, default=2)
    r.add_argument("--size", type=int, default=64)
    r.add_argument("--seed", type=int, default=0)
    g = commands.add_parser("logits")
    g.add_argument("name")
    g.add_argument("model")
    g.add_argument("input")
    g.add_argument("n", type=int)
    g.add_argument("s", type=int)
    commands.add_parser("serve")
    args = parser.parse_args()
    if args.command == "serve":
        serve(parser)
    else:
        run(args)


if __name__ == "__main__":
    main()
