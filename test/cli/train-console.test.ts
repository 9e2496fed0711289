import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import sharp from 'sharp';
import { EXIT, runCli } from '../../src/cli/index.js';
import { captureIo } from './io.js';

/** A Kaggle folder with five small JPEGs of each class, removed after the test. */
async function folderOf(t: { teardown(fn: () => Promise<void>): void }, classes: readonly string[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'rxtrain-console-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  for (const [label, name] of classes.entries()) {
    for (let i = 0; i < 5; i++) {
      const background = { r: 60 * label, g: 200 - 60 * label, b: 30 * i };
      await sharp({ create: { width: 72 + i, height: 70, channels: 3, background } })
        .jpeg()
        .toFile(join(dir, `${name}.${i}.jpg`));
    }
  }
  return dir;
}

const tinyRun = (data: string, out: string, ...extra: string[]) => [
  'train',
  '--data',
  data,
  '--out',
  out,
  '--backend',
  'cpu',
  '--width-divisor',
  '16',
  '--image-size',
  '64',
  '--batch-size',
  '2',
  '--epochs',
  '2',
  '--split',
  '0.2',
  '--init',
  'kaiming',
  ...extra,
];

test.serial(
  'a 3-class folder trains without --num-classes; the console counts epochs as checkpoint files do, with elapsed time, ETA and class names (no validation progress lines off a terminal)',
  async (t) => {
    const data = await folderOf(t, ['cat', 'dog', 'fox']);
    const out = join(data, 'run');
    const io = captureIo();
    t.is(await runCli(tinyRun(data, out), io), EXIT.ok, io.stderr.join('\n'));
    const lines = io.stdout.flatMap((text) => text.split('\n'));
    t.regex(
      lines.find((l) => l.startsWith('Training:')) ?? '',
      /^Training:Epoch\[001\/002\] Iteration\[001\/002\] .* elapsed \d+:\d\d ETA \d+:\d\d$/,
    );
    // Not a terminal: validation progress prints no line per tenth, only the Valid: line it ends with.
    t.is(
      lines.find((l) => l.startsWith('Validating:')),
      undefined,
    );
    const checkpoints = lines.flatMap((line, i) => (line.startsWith('Checkpoint:') ? [i] : []));
    t.is(checkpoints.length, 2);
    for (const at of checkpoints) {
      const fileEpoch = Number(/epoch-(\d+)\.ckpt/.exec(lines[at]!)?.[1]);
      const consoleEpoch = Number(
        /^Epoch:Epoch\[(\d+)\//.exec(
          lines
            .slice(0, at)
            .reverse()
            .find((l) => l.startsWith('Epoch:')) ?? '',
        )?.[1],
      );
      t.is(fileEpoch, consoleEpoch, lines[at]);
    }
    t.regex(lines.find((l) => l.startsWith('Valid:')) ?? '', /per class cat:\S+ dog:\S+ fox:\S+$/);
  },
);

test.serial('a wrong --num-classes is named as the flag, not as the config key, and exits 2', async (t) => {
  const data = await folderOf(t, ['cat', 'dog', 'fox']);
  const io = captureIo();
  t.is(await runCli(tinyRun(data, join(data, 'run'), '--num-classes', '2'), io), EXIT.usage);
  t.regex(
    io.stderr[0]!,
    /^rxtrain: option --num-classes is '2'; expected 3, the training data's classes \(cat, dog, fox\)\nrun 'rxtrain train --help'/,
  );
  t.notRegex(io.stderr[0]!, /config\./);
});

test.serial('a folder of one class says how many classes its names give', async (t) => {
  const data = await folderOf(t, ['cat']);
  const io = captureIo();
  t.is(await runCli(tinyRun(data, join(data, 'run')), io), EXIT.usage);
  t.regex(io.stderr[0]!, /^rxtrain: --data .*: its file names give 1 class \(cat\); training needs at least 2/);
});
