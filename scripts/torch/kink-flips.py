"""How far float32 rounding in the forward pass can move one train-mode step's gradients, in PyTorch
in float64, for the references of scripts/torch/torchvision-parity.py (same seeds, weights and images).

  python3 scripts/torch/kink-flips.py NAME BATCH SIZE SEEDS DELTA
      moves every activation input within DELTA·(largest |input| of that call) of a kink (ReLU 0;
      ReLU6 0, 6; Hardswish, Hardsigmoid ±3) to the other side (the gradient passing as on that side)
      and prints how many there were and the largest relative change of a gradient, per seed (0,1,…).

  python3 scripts/torch/kink-flips.py NAME BATCH SIZE SEED --closest MODULE
      moves only the input closest to 0 of the ReLU after MODULE (e.g. layer4.2.bn1) to the other side.
"""
import argparse
import importlib.util
import pathlib

import torch
import torch.nn as nn

spec = importlib.util.spec_from_file_location("parity", pathlib.Path(__file__).with_name("torchvision-parity.py"))
parity = importlib.util.module_from_spec(spec)
spec.loader.exec_module(parity)

KINKS = {nn.ReLU: [0.0], nn.ReLU6: [0.0, 6.0], nn.Hardswish: [-3.0, 3.0], nn.Hardsigmoid: [-3.0, 3.0]}


def other_side(v, near, kink):
    """v where not near; 2·kink − v where near, with the gradient of v (as if the input had landed there)."""
    return torch.where(near, v + (2 * kink - 2 * v).detach(), v)


def step(name, batch, size, seed, install):
    torch.manual_seed(seed)
    model = parity.build(name, 10)
    generator = torch.Generator().manual_seed(seed + 1)
    parity.randomise_batch_norms(model, generator)
    x = torch.randn(batch, 3, size, size, generator=generator)
    labels = torch.randint(0, 10, (batch,), generator=generator)
    model = model.double()
    model.train()
    for module in model.modules():
        if isinstance(module, nn.Dropout):
            module.p = 0.0
    report = install(model)
    nn.functional.cross_entropy(model(x.double()), labels).backward()
    return {n: p.grad for n, p in model.named_parameters()}, report


def largest_change(a, b):
    floor = 1e-3 * max(g.abs().max().item() for g in a.values())
    return max((((b[k] - a[k]).abs().max() / max(a[k].abs().max().item(), floor)).item(), k) for k in a)


def within(delta):
    def install(model):
        moved = [0]
        def pre(kinks):
            def hook(module, inputs):
                v = inputs[0]
                scale = v.detach().abs().max()
                for kink in kinks:
                    near = (v.detach() - kink).abs() < delta * scale
                    moved[0] += int(near.sum())
                    v = other_side(v, near, kink)
                return (v,)
            return hook
        for module in model.modules():
            if type(module) in KINKS:
                module.register_forward_pre_hook(pre(KINKS[type(module)]))
        return moved
    return install


def closest(module_name):
    def install(model):
        found = {}
        def hook(module, inputs, out):
            z = out.detach().flatten()
            i = z.abs().argmin()
            found.update(input=z[i].item(), largest=z.abs().max().item())
            near = torch.zeros_like(out, dtype=torch.bool)
            near.view(-1)[i] = True
            return other_side(out, near, 0.0)
        dict(model.named_modules())[module_name].register_forward_hook(hook)
        return found
    return install


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("name")
    parser.add_argument("batch", type=int)
    parser.add_argument("size", type=int)
    parser.add_argument("seeds")
    parser.add_argument("delta", type=float, nargs="?", default=3e-6)
    parser.add_argument("--closest")
    args = parser.parse_args()
    for seed in [int(s) for s in args.seeds.split(",")]:
        as_is, _ = step(args.name, args.batch, args.size, seed, lambda model: None)
        if args.closest:
            moved, found = step(args.name, args.batch, args.size, seed, closest(args.closest))
            change, key = largest_change(as_is, moved)
            print(f"{args.name} batch {args.batch} size {args.size} seed {seed}: the input closest to 0 after {args.closest}, "
                  f"{found['input']:.3e} ({abs(found['input']) / found['largest']:.2e} of the largest), moved to the other side "
                  f"changes {key}'s gradient by {change:.2e}")
        else:
            moved, count = step(args.name, args.batch, args.size, seed, within(args.delta))
            change, key = largest_change(as_is, moved)
            print(f"{args.name} batch {args.batch} size {args.size} seed {seed}: {count[0]} activation inputs within {args.delta:g} "
                  f"of a kink; moving them changes {key}'s gradient by {change:.2e}")


if __name__ == "__main__":
    main()
