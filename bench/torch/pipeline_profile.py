"""CPU time of each step of one training image's path in PyTorch's input pipeline, one thread.

The seed's train transform, step by step, on the first N files of a folder (sorted names):
read the file, decode (Image.open().convert('RGB')), Resize(256) (Pillow's bilinear),
CenterCrop(256) + RandomCrop(224) + RandomHorizontalFlip, ToTensor, Normalize, and the
DataLoader's collate (default_collate) of batches of 128. Each step's process CPU time is
summed over the images (a second pass, after a warm-up pass) and printed as ms per image in one
JSON line.

usage: python3 pipeline_profile.py DIR [N=200]
Needs Debian's python3-torch and python3-torchvision.
"""
import io, json, os, sys, time
import torch
from PIL import Image
from torch.utils.data import default_collate
from torchvision import transforms

folder = sys.argv[1]; n = int(sys.argv[2]) if len(sys.argv) > 2 else 200
torch.set_num_threads(1)
paths = [os.path.join(folder, name) for name in sorted(os.listdir(folder)) if name.endswith(".jpg")][:n]
resize = transforms.Resize(256)
crops = transforms.Compose([transforms.CenterCrop(256), transforms.RandomCrop(224), transforms.RandomHorizontalFlip(p=0.5)])
to_tensor = transforms.ToTensor()
normalize = transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])
steps = ["read", "decode", "resize", "crop_flip", "to_tensor", "normalize", "collate"]

def one_pass():
    spent = dict.fromkeys(steps, 0.0); batch = []
    def timed(step, f, *args):
        t = time.process_time(); out = f(*args); spent[step] += time.process_time() - t; return out
    for path in paths:
        data = timed("read", lambda: open(path, "rb").read())
        image = timed("decode", lambda: Image.open(io.BytesIO(data)).convert("RGB"))
        image = timed("resize", resize, image)
        image = timed("crop_flip", crops, image)
        tensor = timed("to_tensor", to_tensor, image)
        batch.append((timed("normalize", normalize, tensor), 0))
        if len(batch) == 128: timed("collate", default_collate, batch); batch = []
    if batch: timed("collate", default_collate, batch)
    return {step: 1000 * spent[step] / len(paths) for step in steps}

one_pass()
ms = one_pass()
print(json.dumps(dict(torch=torch.__version__, images=len(paths), ms_per_image=ms, total_ms_per_image=sum(ms.values()))))
