import test from 'ava';
import * as tf from '@tensorflow/tfjs';
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { lastValueFrom, toArray } from 'rxjs';
import { torchPython } from '../../bench/torch-python.js';
import { ensureDemoData } from '../../src/cli/demo/demo-data.js';
import { writeShards } from '../../src/data/shards/index.js';
import { listDataFolder } from '../../src/data/sources/index.js';
import { loadClassifier } from '../../src/infer/load-classifier.js';
import { loadTorchCheckpoint } from '../../src/models/torch/torch-checkpoint.js';
import { alexnet } from '../../src/models/alexnet.js';
import { parameterGroups } from '../../src/models/parameter-groups.js';
import { decodeTorchObject } from '../../src/models/torch/torch-object.js';
import { CHECK_SAMPLES, checkLoss, exportTorchrun } from '../../src/torchrun/index.js';
import { readTorchRun } from '../../src/train/checkpoint/torchrun-resume.js';
import { optimizerStateFromTorch } from '../../src/train/optim/torch-optimizer-state.js';
import { readCheckpoint } from '../../src/train/checkpoint/checkpoint-file.js';
import { restoreRun } from '../../src/train/checkpoint/resume.js';
import { runContext, sgd, trainStream, type TrainEvent } from '../../src/train/index.js';
import { tempFolder } from '../temp-folder.js';

const python = torchPython('torch, torchvision');
const tiny = {
  widthDivisor: 32,
  imageSize: 64,
  batchSize: 4,
  validBatchSize: 2,
  backend: 'cpu' as const,
  lr: 0.05,
  lrDecay: { stepSize: 1, gamma: 0.5 },
};
const agree = (a: number, b: number) => Math.abs(a - b) <= 1e-4 * Math.abs(b);

async function firstRun(t: import('ava').ExecutionContext) {
  const dir = await tempFolder(t, 'handoff');
  const data = join(dir, 'data');
  await ensureDemoData(data, { perClass: 10 });
  const runs = join(dir, 'runs');
  await lastValueFrom(trainStream({ ...tiny, data, epochs: 1, outDir: join(runs, 'first') }).pipe(toArray()));
  const checkpoint = join(runs, 'first', 'checkpoints', 'epoch-0001.ckpt');
  const check = (await listDataFolder(data, { mode: 'valid', split: 0.9, seed: 620, shuffle: 'python' })).entries.slice(
    0,
    CHECK_SAMPLES,
  );
  return { dir, data, runs, checkpoint, check };
}

test.serial(
  'the exported optimizer.pth holds the momentum buffers and lrs the checkpoint has, bit for bit',
  async (t) => {
    const { dir, checkpoint } = await firstRun(t);
    const out = join(dir, 'torchrun');
    await exportTorchrun(checkpoint, out);
    const state = await readCheckpoint(checkpoint);
    const model = alexnet({ numClasses: 2, widthDivisor: 32, seed: 0 });
    const names = parameterGroups(model).map((g) => g.variables.map((v) => v.originalName));
    const back = optimizerStateFromTorch(
      model,
      names,
      decodeTorchObject(await readFile(join(out, 'optimizer.pth'))),
      { kind: 'sgd', momentum: 0.9, weightDecay: 0 },
      'optimizer.pth',
    );
    model.dispose();
    t.deepEqual(back.lrs, state.optimizer.lrs);
    t.deepEqual(Object.keys(back.momentum).sort(), Object.keys(state.optimizer.momentum).sort());
    for (const [name, buffer] of Object.entries(state.optimizer.momentum))
      t.deepEqual(back.momentum[name]!.values, buffer.values, name);
    const run = JSON.parse(await readFile(join(out, 'run.json'), 'utf8'));
    t.like(run, {
      epoch: 1,
      seed: 620,
      classes: ['cat', 'dog'],
      optimizer: { kind: 'sgd', momentum: 0.9, groups: ['features', 'classifier'] },
      schedule: { kind: 'step', stepSize: 1, gamma: 0.5 },
    });
  },
);

/** `--redirects 2 --tee 2`: torch 1.13's torchrun cannot parse its default `0` on Python ≥ 3.11 (IntFlag no longer lists NONE). */
const torchrun = (script: string, args: string[]) =>
  new Promise<string>((resolve, reject) => {
    const child = spawn(
      python!,
      [
        '-m',
        'torch.distributed.run',
        '--nproc_per_node',
        '2',
        '--redirects',
        '2',
        '--tee',
        '2',
        '--master_port',
        String(29500 + Math.floor(Math.random() * 1000)),
        script,
        ...args,
      ],
      {
        env: { ...process.env, OMP_NUM_THREADS: '1' },
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    child.on('close', (code) =>
      code === 0
        ? resolve(out)
        : reject(new Error(`torchrun exited ${code}\n${err.slice(-4000)}\n${out.slice(-2000)}`)),
    );
  });

if (python === undefined) {
  test.skip('rxtrain → torchrun (2 processes, gloo) → rxtrain — skipped: neither python3 nor /usr/bin/python3 can import torch and torchvision', () =>
    undefined);
} else {
  test.serial(
    'rxtrain 1 epoch → torchrun --nproc_per_node 2 on the shards, 1 epoch → rxtrain resumes for a third; the check loss agrees across each hand-off',
    async (t) => {
      const { dir, data, runs, checkpoint, check } = await firstRun(t);
      const tensors = tf.memory().numTensors;
      const out = join(dir, 'torchrun');
      await exportTorchrun(checkpoint, out);
      const shards = join(dir, 'shards');
      await writeShards({ data, out: shards, shardSize: 3 });

      const rxtrainSide = await loadClassifier({ checkpoint });
      const before = await checkLoss(rxtrainSide.model, check, 64);
      rxtrainSide.model.dispose();
      const lines = (
        await torchrun(join(out, 'train.py'), [
          '--data',
          shards,
          '--epochs',
          '2',
          '--out',
          join(out, 'checkpoints'),
          '--backend',
          'gloo',
          '--workers',
          '2',
        ])
      )
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line));
      const handoff = lines.find((line) => line.event === 'handoff');
      t.true(agree(handoff.check_loss, before), `torch ${handoff.check_loss} vs rxtrain ${before}`);
      t.true(lines.filter((line) => line.event === 'step' && line.epoch === 1).length > 0);

      const torchCheckpoint = join(out, 'checkpoints', 'checkpoint-epoch-0002.pth');
      const pending = await readTorchRun(torchCheckpoint);
      t.is(pending.epoch, 2);
      const model = alexnet({ numClasses: 2, widthDivisor: 32, seed: 0 });
      const context = runContext({
        model,
        optimizer: sgd({ lr: 0.05, momentum: 0.9, groups: parameterGroups(model) }),
      });
      restoreRun(context, torchCheckpoint, pending);
      const after = await checkLoss(model, check, 64);
      t.true(agree(after, pending.torch.checkLoss!), `rxtrain ${after} vs torch ${pending.torch.checkLoss}`);
      const exported = await loadTorchCheckpoint(join(out, 'model.pth'));
      const moved = Math.max(
        ...[...exported].map(([key, { data }]) =>
          Math.max(...data.map((v, i) => Math.abs(v - pending.torch.model.get(key)!.data[i]!))),
        ),
      );
      t.true(moved > 1e-3, `the torchrun epoch changed the weights (by ${moved} at most)`);
      context.dispose();
      model.dispose();

      const events: TrainEvent[] = await lastValueFrom(
        trainStream({ ...tiny, data, epochs: 3, outDir: join(runs, 'third'), resume: torchCheckpoint }).pipe(toArray()),
      );
      const epochs = events.filter((e) => e.kind === 'epoch');
      t.deepEqual(
        epochs.map((e) => e.epoch),
        [2],
      );
      t.true(epochs[0]!.step > pending.step);
      t.log(
        `check loss: rxtrain ${before} → torch ${handoff.check_loss}; torch ${pending.torch.checkLoss} → rxtrain ${after}`,
      );
      t.is(tf.memory().numTensors, tensors);
    },
  );
}
