"""PyTorch on the same device, batch and images as `rxtrain benchmark`: the anchor its figures are divided by.

- torchvision's AlexNet (2 classes), fp32: training step and forward pass in ms per image, the first
  step in seconds, peak memory; and the same with channels-last and AMP (fp16 autocast, GradScaler),
  as a PyTorch user would run it (CUDA only);
- end to end as the seed's fine-tuning script trains: *.jpg in one folder, labelled by the name's
  'cat' prefix, random.seed(620) shuffle, first 90% train, Resize(256) > CenterCrop(256) >
  RandomCrop(224) > flip > ToTensor > Normalize (scaled like rxtrain's for other sizes), DataLoader
  with num_workers = cores, SGD with momentum 0.9, one epoch: images per wall second, model
  creation included.

usage: python3 bench/torch_gpu_anchor.py --data DIR [--batch 128] [--image-size 224] [--steps 10]
                                        [--workers N] [--device cuda|cpu]
Prints one JSON line.
"""
import argparse, contextlib, json, os, random, time
import torch, torch.nn as nn, torchvision
from PIL import Image
from torch.utils.data import DataLoader, Dataset
from torchvision import transforms

ap = argparse.ArgumentParser()
ap.add_argument("--data", required=True, help="the folder `rxtrain benchmark --data DIR` made")
ap.add_argument("--batch", type=int, default=128)
ap.add_argument("--image-size", type=int, default=224)
ap.add_argument("--steps", type=int, default=10, help="timed steps and passes after the first")
ap.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)))
ap.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
a = ap.parse_args()
device = torch.device(a.device)
cuda = device.type == "cuda"


def sync():
    if cuda:
        torch.cuda.synchronize()


def timed(work):
    sync(); start = time.perf_counter(); work(); sync()
    return time.perf_counter() - start


def median(xs):
    return sorted(xs)[len(xs) // 2]


def synthetic(channels_last, amp):
    """Steps and passes on one batch of random images, uploaded once."""
    torch.manual_seed(0)
    if cuda:
        torch.cuda.empty_cache(); torch.cuda.reset_peak_memory_stats()
    fmt = torch.channels_last if channels_last else torch.contiguous_format
    model = torchvision.models.alexnet(num_classes=2).to(device, memory_format=fmt)
    x = torch.rand(a.batch, 3, a.image_size, a.image_size, device=device).to(memory_format=fmt) * 2 - 1
    y = torch.arange(a.batch, device=device) % 2
    optimizer = torch.optim.SGD(model.parameters(), lr=1e-3, momentum=0.9)
    criterion = nn.CrossEntropyLoss()
    scaler = torch.amp.GradScaler("cuda", enabled=amp) if hasattr(torch.amp, "GradScaler") else torch.cuda.amp.GradScaler(enabled=amp)
    autocast = (lambda: torch.autocast(device.type, dtype=torch.float16)) if amp else contextlib.nullcontext

    def step():
        model.train(); optimizer.zero_grad()
        with autocast():
            loss = criterion(model(x), y)
        scaler.scale(loss).backward(); scaler.step(optimizer); scaler.update()
        loss.item()

    def forward():
        model.eval()
        with torch.no_grad(), autocast():
            model(x).float().cpu()

    first = timed(step)
    steps = [timed(step) for _ in range(a.steps)]
    forward()
    passes = [timed(forward) for _ in range(a.steps)]
    return dict(first_step_s=first, train_ms_per_image=1000 * median(steps) / a.batch,
                forward_ms_per_image=1000 * median(passes) / a.batch, steps_ms=[round(1000 * s, 1) for s in steps],
                peak_bytes=torch.cuda.max_memory_allocated() if cuda else None)


class CatDogDataset(Dataset):
    def __init__(self, data_dir, transform, split_n=0.9, rng_seed=620):
        names = sorted(n for n in os.listdir(data_dir) if n.endswith(".jpg"))
        random.seed(rng_seed); random.shuffle(names)
        k = int(len(names) * split_n)
        self.info = [(os.path.join(data_dir, n), 0 if n.startswith("cat") else 1) for n in names[:k]]
        self.transform = transform

    def __getitem__(self, i):
        path, label = self.info[i]
        return self.transform(Image.open(path).convert("RGB")), label

    def __len__(self):
        return len(self.info)


def end_to_end():
    side = round(a.image_size * 256 / 224)
    train_tf = transforms.Compose([transforms.Resize(side), transforms.CenterCrop(side), transforms.RandomCrop(a.image_size),
                                   transforms.RandomHorizontalFlip(p=0.5), transforms.ToTensor(),
                                   transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])])
    dataset = CatDogDataset(a.data, train_tf)
    start = time.perf_counter()
    model = torchvision.models.alexnet(num_classes=2).to(device)
    loader = DataLoader(dataset, batch_size=a.batch, shuffle=True, num_workers=a.workers)
    optimizer = torch.optim.SGD(model.parameters(), lr=1e-3, momentum=0.9)
    criterion = nn.CrossEntropyLoss()
    model.train(); steps = 0; loss = None
    for x, y in loader:
        x, y = x.to(device), y.to(device)
        out = model(x); optimizer.zero_grad(); loss = criterion(out, y); loss.backward(); optimizer.step()
        loss = loss.item(); steps += 1
    seconds = time.perf_counter() - start
    return dict(images=len(dataset), steps=steps, workers=a.workers, seconds=seconds,
                images_per_second=len(dataset) / seconds, final_loss=loss)


def attempt(work):
    try:
        return work()
    except Exception as error:  # one failing part leaves the others' figures
        return dict(error=f"{type(error).__name__}: {error}")


result = dict(anchor="pytorch", torch=torch.__version__, torchvision=torchvision.__version__, device=str(device),
              device_name=torch.cuda.get_device_name(device) if cuda else "cpu", threads=torch.get_num_threads(),
              cudnn_allow_tf32=torch.backends.cudnn.allow_tf32, matmul_allow_tf32=torch.backends.cuda.matmul.allow_tf32,
              batch=a.batch, image_size=a.image_size, steps=a.steps)
result["fp32"] = attempt(lambda: synthetic(False, False))
result["channels_last_amp"] = attempt(lambda: synthetic(True, True)) if cuda else dict(skipped="AMP (fp16 autocast) is timed on CUDA only")
result["end_to_end"] = attempt(end_to_end)
print(json.dumps(result))
