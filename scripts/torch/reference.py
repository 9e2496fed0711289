"""PyTorch references for rxtrain's inference tests. Needs PyTorch and torchvision (Debian's
python3-torch and python3-torchvision; run with a python3 that imports both).

  python3 scripts/torch/reference.py fixtures test/fixtures/infer
      makes a small seeded 10-class AlexNet (torchvision's layout, 1/32 of its widths) and 20 small
      PNGs in an ImageFolder, then writes what torchvision computes on them: each image's top-5
      (centre crop and ten crops) and the evaluation of the folder (top-1, top-5, per class,
      confusion matrix), into reference.json, and the class names into labels.txt.

  python3 scripts/torch/reference.py logits MODEL.pth INPUT.f32 N H W
      loads MODEL.pth with torch.load(weights_only=True) into torchvision.models.alexnet (its layers
      narrowed to the state dict's shapes when it is not full width), runs the NCHW float32 input and
      prints the logits as JSON.
"""
import json
import pathlib
import sys

import numpy as np
import torch
import torch.nn as nn
import torchvision
import torchvision.transforms as T
from PIL import Image, ImageDraw

MEAN, STD = [0.485, 0.456, 0.406], [0.229, 0.224, 0.225]
CLASSES = ["apple", "bee", "cloud", "dune", "ember", "fern", "grape", "harbor", "iris", "jade"]


def torchvision_alexnet(state_dict):
    """torchvision's AlexNet whose conv and linear layers take the shapes in `state_dict`."""
    num_classes = state_dict["classifier.6.weight"].shape[0]
    model = torchvision.models.alexnet(num_classes=num_classes)
    for index, layer in enumerate(model.features):
        if isinstance(layer, nn.Conv2d):
            out_c, in_c = state_dict[f"features.{index}.weight"].shape[:2]
            model.features[index] = nn.Conv2d(in_c, out_c, layer.kernel_size, layer.stride, layer.padding)
    for index, layer in enumerate(model.classifier):
        if isinstance(layer, nn.Linear):
            out_f, in_f = state_dict[f"classifier.{index}.weight"].shape
            model.classifier[index] = nn.Linear(in_f, out_f)
    model.load_state_dict(state_dict)
    return model.eval()


def tiny_model(seed=3, divisor=32, num_classes=10):
    torch.manual_seed(seed)
    widths = [max(1, w // divisor) for w in (64, 192, 384, 256, 256, 4096)]
    c1, c2, c3, c4, c5, hidden = widths
    shapes = {
        "features.0": (c1, 3, 11, 11), "features.3": (c2, c1, 5, 5), "features.6": (c3, c2, 3, 3),
        "features.8": (c4, c3, 3, 3), "features.10": (c5, c4, 3, 3),
        "classifier.1": (hidden, c5 * 36), "classifier.4": (hidden, hidden), "classifier.6": (num_classes, hidden),
    }
    state = {}
    for name, shape in shapes.items():
        fan_in = int(np.prod(shape[1:]))
        bound = (3.0 / fan_in) ** 0.5
        state[f"{name}.weight"] = (torch.rand(shape) * 2 - 1) * bound
        state[f"{name}.bias"] = (torch.rand(shape[0]) * 2 - 1) * 0.05
    return torchvision_alexnet(state)


@torch.no_grad()
def spread_logits(model, images, std=2.0):
    """Scales the head so the logits over `images` have standard deviation `std`: top classes well apart, probabilities not all 0 or 1."""
    dataset = torchvision.datasets.ImageFolder(str(images), transform=centre_transform())
    logits = torch.cat([model(dataset[i][0].unsqueeze(0)) for i in range(len(dataset))])
    head = model.classifier[6]
    head.weight *= std / logits.std()
    head.bias *= std / logits.std()


def make_images(root):
    rng = np.random.RandomState(11)
    for label, name in enumerate(CLASSES):
        (root / name).mkdir(parents=True, exist_ok=True)
        for k in range(2):
            width, height = int(rng.randint(40, 72)), int(rng.randint(40, 72))
            base = tuple(int(v) for v in rng.randint(0, 256, 3))
            image = Image.new("RGB", (width, height), base)
            draw = ImageDraw.Draw(image)
            for _ in range(4):
                x0, y0 = int(rng.randint(0, width - 8)), int(rng.randint(0, height - 8))
                x1, y1 = x0 + int(rng.randint(6, width)), y0 + int(rng.randint(6, height))
                draw.ellipse([x0, y0, x1, y1], fill=tuple(int(v) for v in rng.randint(0, 256, 3)))
            image.save(root / name / f"{k}.png")


def centre_transform():
    return T.Compose([T.Resize(256), T.CenterCrop(224), T.ToTensor(), T.Normalize(MEAN, STD)])


def ten_crop_transform():
    to_tensor = T.Compose([T.ToTensor(), T.Normalize(MEAN, STD)])
    return T.Compose([T.Resize(256), T.TenCrop(224), T.Lambda(lambda crops: torch.stack([to_tensor(c) for c in crops]))])


@torch.no_grad()
def outputs(model, x, ten_crop):
    if ten_crop:
        n, crops = x.shape[:2]
        return model(x.view(-1, *x.shape[2:])).view(n, crops, -1).mean(1)
    return model(x)


@torch.no_grad()
def fixtures(out):
    out = pathlib.Path(out)
    model = tiny_model()
    images = out / "images"
    make_images(images)
    spread_logits(model, images)
    torch.save(model.state_dict(), out / "alexnet_div32_c10.pth")
    reference = {"generator": f"torch {torch.__version__}, torchvision {torchvision.__version__}", "model": "alexnet_div32_c10.pth", "classes": CLASSES}
    for mode, transform in (("centre", centre_transform()), ("tenCrop", ten_crop_transform())):
        dataset = torchvision.datasets.ImageFolder(str(images), transform=transform)
        assert dataset.classes == CLASSES
        predictions, confusion = [], np.zeros((10, 10), dtype=int)
        top1 = top5 = 0
        for path, label in dataset.samples:
            x = dataset.transform(Image.open(path).convert("RGB")).unsqueeze(0)
            logits = outputs(model, x, mode == "tenCrop")[0]
            probabilities = torch.softmax(logits, 0)
            values, indices = probabilities.topk(5)
            predictions.append({"path": str(pathlib.Path(path).relative_to(out)), "indices": indices.tolist(), "probabilities": values.tolist(), "logits": logits.tolist()})
            confusion[label, indices[0]] += 1
            top1 += int(indices[0] == label)
            top5 += int(label in indices.tolist())
        n = len(dataset)
        reference[mode] = {
            "predictions": predictions,
            "top1": top1 / n,
            "top5": top5 / n,
            "perClass": [float(confusion[c, c] / confusion[c].sum()) for c in range(10)],
            "confusion": confusion.tolist(),
        }
    (out / "reference.json").write_text(json.dumps(reference, indent=1))
    (out / "labels.txt").write_text("".join(f"{name}\n" for name in CLASSES))
    print(f"wrote {out}: model, {len(CLASSES) * 2} images, reference.json")


@torch.no_grad()
def logits(model_path, input_path, n, h, w):
    model = torchvision_alexnet(torch.load(model_path, weights_only=True))
    x = torch.from_numpy(np.fromfile(input_path, dtype=np.float32).reshape(int(n), 3, int(h), int(w)))
    print(json.dumps(model(x).tolist()))


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    {"fixtures": fixtures, "logits": logits}[command](*args)
