/**
 * The `train.py` that `exportTorchrun` writes: plain PyTorch, readable, reading its settings from
 * `run.json` beside it, so the same file continues any exported run.
 */
export const TRAIN_PY = String.raw`#!/usr/bin/env python3
"""Continue an rxtrain run with torch.distributed (written by rxtrain export --format torchrun).

    torchrun --nproc_per_node N [--nnodes M --node_rank R --master_addr HOST] train.py \
        [--data FOLDER_OR_SHARDS] [--epochs E] [--out DIR] [--backend gloo|nccl]

Beside this file: model.pth (the weights, torchvision's keys), optimizer.pth (torch.optim's
state_dict: momentum buffers per parameter, param groups with their lr) and run.json (epoch, step,
seed, classes, split, transforms, schedule). Each epoch, rank 0 writes
DIR/checkpoint-epoch-NNNN.pth, which "rxtrain train --resume" continues from.
--data is a Kaggle folder (cat.1.jpg ...), an ImageFolder, or a shard set written by
"rxtrain shard" (its folder or http(s):// URL, holding index.json).
"""
import argparse
import io
import json
import math
import os
import random
import tarfile
import urllib.request

import torch
import torch.distributed as dist
import torch.nn as nn
import torchvision
import torchvision.transforms as T
from PIL import Image
from torch.nn.parallel import DistributedDataParallel as DDP
from torch.utils.data import DataLoader, Dataset, IterableDataset, get_worker_info
from torch.utils.data.distributed import DistributedSampler

HERE = os.path.dirname(os.path.abspath(__file__))
IMAGE_EXTENSIONS = ('.jpg', '.jpeg', '.png', '.webp', '.gif', '.tif', '.tiff')
CHECK_SAMPLES = 8  # the first validation samples, on which both sides of a hand-off report the loss


def alexnet(num_classes, width_divisor, dropout):
    """torchvision's AlexNet with every width divided by width_divisor, as rxtrain builds it."""
    model = torchvision.models.alexnet(num_classes=num_classes, dropout=dropout)
    if width_divisor > 1:
        c1, c2, c3, c4, c5, hidden = (w // width_divisor for w in (64, 192, 384, 256, 256, 4096))
        for i, conv in [(0, nn.Conv2d(3, c1, 11, 4, 2)), (3, nn.Conv2d(c1, c2, 5, padding=2)), (6, nn.Conv2d(c2, c3, 3, padding=1)),
                        (8, nn.Conv2d(c3, c4, 3, padding=1)), (10, nn.Conv2d(c4, c5, 3, padding=1))]:
            model.features[i] = conv
        model.classifier[1] = nn.Linear(c5 * 36, hidden)
        model.classifier[4] = nn.Linear(hidden, hidden)
        model.classifier[6] = nn.Linear(hidden, num_classes)
    return model


def transform(steps):
    """run.json's transforms, e.g. [["Resize", 73], ["ToTensor"]], as torchvision's."""
    made = []
    for name, *args in steps:
        args = [tuple(a) if isinstance(a, list) and name != 'Normalize' else a for a in args]
        made.append(getattr(T, name)(*args))
    return T.Compose(made)


# ---- the data: a folder split as rxtrain splits it, or shards ----

def is_shard_set(data):
    return data.startswith(('http://', 'https://')) or os.path.exists(os.path.join(data, 'index.json'))


def list_folder(data, split, seed, mode):
    """(path, label) of the 'train' or 'valid' part, and the classes, as rxtrain lists them."""
    entries = sorted(os.listdir(data))
    if any(e.lower().endswith(IMAGE_EXTENSIONS) for e in entries):  # Kaggle: <class>.<id>.<ext>
        names = sorted(e for e in entries if e.lower().endswith(IMAGE_EXTENSIONS))
        classes = sorted({n.split('.')[0] for n in names})
        random.seed(seed)
        random.shuffle(names)
        files = [(os.path.join(data, n), classes.index(n.split('.')[0])) for n in names]
    elif 'train' in entries and ('val' in entries or 'valid' in entries):  # already split
        sub = 'train' if mode == 'train' else ('val' if 'val' in entries else 'valid')
        return list_folder(os.path.join(data, sub), None, seed, 'all')
    else:  # ImageFolder: <class>/**/<file>
        classes = sorted(e for e in entries if os.path.isdir(os.path.join(data, e)))
        files = []
        for label, name in enumerate(classes):
            for root, dirs, found in sorted(os.walk(os.path.join(data, name))):
                dirs.sort()
                files += [(os.path.join(root, f), label) for f in sorted(found) if f.lower().endswith(IMAGE_EXTENSIONS)]
        if split is not None:
            random.seed(seed)
            random.shuffle(files)
    if split is None or mode == 'all':
        return files, classes
    k = math.floor(len(files) * split)
    return (files[:k] if mode == 'train' else files[k:]), classes


class FolderDataset(Dataset):
    def __init__(self, files, tf):
        self.files, self.tf = files, tf

    def __len__(self):
        return len(self.files)

    def __getitem__(self, i):
        path, label = self.files[i]
        with Image.open(path) as image:
            return self.tf(image.convert('RGB')), label


def open_url(url):
    return urllib.request.urlopen(url) if url.startswith(('http://', 'https://')) else open(url, 'rb')


def shard_samples(url):
    """(image bytes, label) of a WebDataset shard, streamed member by member."""
    with open_url(url) as stream, tarfile.open(fileobj=stream, mode='r|') as tar:
        key, sample = None, {}
        for member in tar:
            if not member.isfile():
                continue
            base = member.name.rsplit('/', 1)[-1]
            this, ext = member.name[:len(member.name) - len(base)] + base.split('.', 1)[0], base.split('.', 1)[-1].lower()
            if this != key and sample:
                yield sample
                sample = {}
            key = this
            sample[ext] = tar.extractfile(member).read()
        if sample:
            yield sample


class ShardDataset(IterableDataset):
    """A split's shards: every world-th from rank on, dealt to the loader workers; shard order and a sample buffer shuffled by (seed, epoch)."""

    def __init__(self, data, split, tf, rank, world, seed, shuffle, buffer=1000):
        with open_url(data.rstrip('/') + '/index.json') as f:
            index = json.load(f)
        shards = [data.rstrip('/') + '/' + s['name'] for s in index['splits'][split]]
        self.shards, self.classes = shards[rank::world], index['classes']
        self.count = sum(s['count'] for s in index['splits'][split][rank::world])
        self.tf, self.seed, self.shuffle, self.buffer, self.rank, self.epoch = tf, seed, shuffle, buffer, rank, 0

    def set_epoch(self, epoch):
        self.epoch = epoch

    def __iter__(self):
        info = get_worker_info()
        worker, workers = (info.id, info.num_workers) if info else (0, 1)
        shards = list(self.shards)
        if self.shuffle:
            random.Random(self.seed * 1000 + self.epoch).shuffle(shards)
        rng, held = random.Random(hash((self.seed, self.epoch, self.rank, worker))), []
        for shard in shards[worker::workers]:
            for sample in shard_samples(shard):
                image = next(v for k, v in sample.items() if '.' + k in IMAGE_EXTENSIONS)
                with Image.open(io.BytesIO(image)) as decoded:
                    item = (self.tf(decoded.convert('RGB')), int(sample['cls']))
                if not self.shuffle:
                    yield item
                    continue
                held.append(item)
                if len(held) > self.buffer:
                    yield held.pop(rng.randrange(len(held)))
        rng.shuffle(held)
        yield from held


def datasets(data, run, rank, world):
    """The training set (split across ranks), the check samples, and the classes."""
    tfs = {name: transform(steps) for name, steps in run['transforms'].items()}
    split = run['split']
    if is_shard_set(data):
        train = ShardDataset(data, 'train', tfs['train'], rank, world, run['seed'], shuffle=True)
        check = ShardDataset(data, 'valid', tfs['check'], 0, 1, run['seed'], shuffle=False)
        check_items = [item for item, _ in zip(check, range(CHECK_SAMPLES))]
        return train, None, check_items, train.classes
    files, classes = list_folder(data, split['fraction'], split['seed'], 'train')
    valid, _ = list_folder(data, split['fraction'], split['seed'], 'valid')
    train = FolderDataset(files, tfs['train'])
    sampler = DistributedSampler(train, num_replicas=world, rank=rank, shuffle=True, seed=run['seed'])
    check = FolderDataset(valid[:CHECK_SAMPLES], tfs['check'])
    return train, sampler, [check[i] for i in range(len(check))], classes


def check_loss(model, items):
    """Mean cross-entropy on the check samples, in eval mode (no dropout): what rxtrain reports on its side."""
    model.eval()
    with torch.no_grad():
        x = torch.stack([x for x, _ in items])
        y = torch.tensor([y for _, y in items])
        loss = nn.functional.cross_entropy(model(x), y).item()
    model.train()
    return loss


def main():
    run = json.load(open(os.path.join(HERE, 'run.json')))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--data', default=run['data'], help='the folder or shard set (default: the run\'s)')
    parser.add_argument('--epochs', type=int, default=run['epochs'], help='train until this many epochs in all')
    parser.add_argument('--out', default=os.path.join(HERE, 'checkpoints'))
    parser.add_argument('--backend', default='nccl' if torch.cuda.is_available() else 'gloo')
    parser.add_argument('--workers', type=int, default=2, help='DataLoader workers per process')
    parser.add_argument('--batch-size', type=int, default=run['batchSize'], help='per process')
    args = parser.parse_args()

    dist.init_process_group(args.backend)
    rank, world = dist.get_rank(), dist.get_world_size()
    device = torch.device('cuda', int(os.environ.get('LOCAL_RANK', 0))) if args.backend == 'nccl' else torch.device('cpu')
    torch.manual_seed(run['seed'] + rank)

    spec = run['model']
    model = alexnet(len(run['classes']), spec['widthDivisor'], spec['dropout'])
    model.load_state_dict(torch.load(os.path.join(HERE, 'model.pth')))
    model.to(device)
    opt = run['optimizer']
    groups = [{'params': getattr(model, name).parameters()} for name in opt['groups']]
    optimizer = torch.optim.SGD(groups, lr=opt['lr'], momentum=opt['momentum'], weight_decay=opt['weightDecay'])
    schedule = run['schedule']
    scheduler = torch.optim.lr_scheduler.StepLR(optimizer, schedule['stepSize'], schedule['gamma']) if schedule else None
    optimizer.load_state_dict(torch.load(os.path.join(HERE, 'optimizer.pth')))  # after the scheduler, which would set the lr
    if scheduler:
        scheduler.last_epoch = run['epoch']

    train, sampler, check, classes = datasets(args.data, run, rank, world)
    if list(classes) != list(run['classes']):
        raise SystemExit(f'{args.data}: classes {classes}, the run has {run["classes"]}')
    loader = DataLoader(train, batch_size=args.batch_size, sampler=sampler, num_workers=args.workers)
    ddp = DDP(model, device_ids=[device.index] if device.type == 'cuda' else None)
    if rank == 0:
        print(json.dumps({'event': 'handoff', 'epoch': run['epoch'], 'check_loss': check_loss(model, check)}), flush=True)

    step = run['step']
    os.makedirs(args.out, exist_ok=True)
    for epoch in range(run['epoch'], args.epochs):
        (sampler or train).set_epoch(epoch)
        steps = 0
        with ddp.join():  # shards may give the ranks different numbers of batches
            for x, y in loader:
                x, y = x.to(device), y.to(device)
                optimizer.zero_grad()
                loss = nn.functional.cross_entropy(ddp(x), y)
                loss.backward()
                optimizer.step()
                steps += 1
                if rank == 0:
                    print(json.dumps({'event': 'step', 'epoch': epoch, 'iteration': steps, 'loss': loss.item()}), flush=True)
        most = torch.tensor([steps])
        dist.all_reduce(most, op=dist.ReduceOp.MAX)
        step += int(most.item())
        if scheduler:
            scheduler.step()
        if rank == 0:
            state = dict(run, epoch=epoch + 1, step=step, data=args.data)
            path = os.path.join(args.out, f'checkpoint-epoch-{epoch + 1:04d}.pth')
            torch.save({'model': model.state_dict(), 'optimizer': optimizer.state_dict(), 'epoch': epoch + 1, 'step': step,
                        'seed': run['seed'], 'check_loss': check_loss(model, check), 'run': json.dumps(state)}, path)
            print(json.dumps({'event': 'checkpoint', 'epoch': epoch, 'path': path}), flush=True)
    dist.destroy_process_group()


if __name__ == '__main__':
    main()
`;
