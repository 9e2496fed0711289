import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import test from 'ava';
import { EXIT } from '../../src/cli/index.js';
import { readCheckpoint } from '../../src/train/index.js';
import { tempFolder } from '../temp-folder.js';
import { cliRun, snapshot, trainedRun, twoColourFolder } from './tiny-run.js';

const bin = fileURLToPath(new URL('../../bin/rxtrain.cjs', import.meta.url));

const run = cliRun;

test('export --out onto its own checkpoint is refused, --force too; the checkpoint, best.ckpt and the run stay whole and resumable', async (t) => {
  const { out } = await trainedRun(t, 'nothing-lost');
  const checkpoint = join(out, 'checkpoints', 'epoch-0001.ckpt');
  const best = join(out, 'checkpoints', 'best.ckpt');
  t.true(existsSync(best));
  const before = await snapshot(out);
  for (const [source, target] of [
    [checkpoint, checkpoint],
    [checkpoint, best],
    [best, checkpoint],
  ]) {
    for (const force of [[], ['--force']]) {
      const refused = await run([
        'export',
        '--checkpoint',
        source!,
        '--format',
        'pth',
        '--out',
        target!,
        '--backend',
        'cpu',
        ...force,
      ]);
      t.is(refused.code, EXIT.failed);
      t.regex(refused.err, new RegExp(`^rxtrain: ${target}: is the model being exported`));
    }
  }
  t.deepEqual(await snapshot(out), before);
  t.is((await readCheckpoint(best)).epoch, 1);
});

test('export --format tfjs into a folder holding weights.bin is refused without --force; with it, the files are replaced whole', async (t) => {
  const { out } = await trainedRun(t, 'nothing-lost');
  const folder = join(out, 'tfjs');
  await mkdir(folder);
  await writeFile(join(folder, 'weights.bin'), 'earlier weights');
  const args = [
    'export',
    '--checkpoint',
    join(out, 'checkpoints', 'best.ckpt'),
    '--format',
    'tfjs',
    '--out',
    folder,
    '--backend',
    'cpu',
  ];
  const refused = await run(args);
  t.is(refused.code, EXIT.failed);
  t.regex(
    refused.err,
    new RegExp(`${join(folder, 'weights.bin')}: already exists: choose another --out, or pass --force`),
  );
  t.is(await readFile(join(folder, 'weights.bin'), 'utf8'), 'earlier weights');
  t.false(existsSync(join(folder, 'model.json')));
  const forced = await run([...args, '--force']);
  t.is(forced.code, EXIT.ok, forced.err);
  t.deepEqual((await readdir(folder)).sort(), ['model.json', 'weights.bin']);
  const manifest = JSON.parse(await readFile(join(folder, 'model.json'), 'utf8')) as {
    weightsManifest: Array<{ weights: Array<{ shape: number[] }> }>;
  };
  const floats = manifest.weightsManifest[0]!.weights.reduce((sum, w) => sum + w.shape.reduce((a, b) => a * b, 1), 0);
  t.is((await stat(join(folder, 'weights.bin'))).size, floats * 4);
  const again = await run([
    'export',
    '--checkpoint',
    join(out, 'checkpoints', 'best.ckpt'),
    '--format',
    'pth',
    '--out',
    join(out, 'model.pth'),
    '--backend',
    'cpu',
  ]);
  t.is(again.code, EXIT.ok, again.err);
  const second = await run([
    'export',
    '--checkpoint',
    join(out, 'checkpoints', 'best.ckpt'),
    '--format',
    'pth',
    '--out',
    join(out, 'model.pth'),
    '--backend',
    'cpu',
  ]);
  t.is(second.code, EXIT.failed);
  t.regex(second.err, /model\.pth: already exists/);
});

test('demo --out a training run is refused without --force, before writing anything; every file of the run is kept', async (t) => {
  const { out } = await trainedRun(t, 'nothing-lost');
  const before = await snapshot(out);
  t.true(Object.keys(before).some((name) => name.startsWith('events.out.tfevents.')));
  const refused = await run([
    'demo',
    '--out',
    out,
    '--epochs',
    '1',
    '--per-class',
    '3',
    '--max-iterations',
    '1',
    '--backend',
    'cpu',
  ]);
  t.is(refused.code, EXIT.failed);
  t.regex(
    refused.err,
    new RegExp(`^rxtrain: ${out}: holds an earlier run \\(events\\.jsonl\\): start over with --force`),
  );
  t.deepEqual(await snapshot(out), before);
  t.false(existsSync(join(out, 'data')));
});

interface Ended {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function cli(args: readonly string[]): Promise<Ended> {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

test('two rxtrain train into one --out at once: one runs, the other is refused naming the folder; the log holds one run, the lock is gone', async (t) => {
  const dir = await tempFolder(t, 'two-trains');
  const data = await twoColourFolder(join(dir, 'data'));
  const out = join(dir, 'run');
  const args = [
    'train',
    '--data',
    data,
    '--out',
    out,
    '--num-classes',
    '2',
    '--width-divisor',
    '16',
    '--image-size',
    '64',
    '--batch-size',
    '1',
    '--epochs',
    '2',
    '--split',
    '0.5',
    '--backend',
    'cpu',
  ];
  const [a, b] = await Promise.all([cli(args), cli(args)]);
  const ended = [a, b].sort((x, y) => (x.code ?? 9) - (y.code ?? 9));
  t.is(ended[0]!.code, EXIT.ok, ended[0]!.stderr);
  t.is(ended[1]!.code, EXIT.failed, ended[1]!.stderr);
  t.regex(
    ended[1]!.stderr,
    new RegExp(`${out}: (another run is using this folder \\(process \\d+|holds an earlier run)`),
  );
  const events = (await readFile(join(out, 'events.jsonl'), 'utf8'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { kind: string; step?: number });
  const steps = events.filter((e) => e.kind === 'step').map((e) => e.step);
  t.deepEqual(
    steps,
    steps.map((_, i) => i + 1),
  );
  t.is(events.filter((e) => e.kind === 'done').length, 1);
  t.is((await readdir(out)).filter((name) => name.startsWith('events.out.tfevents.')).length, 1);
  t.false(existsSync(join(out, 'rxtrain.lock')));
  t.is((await readCheckpoint(join(out, 'checkpoints', 'epoch-0002.ckpt'))).step, steps.length);
});

test('a lock left by a killed run (its pid gone) is taken over; a live one is refused with RunFolderLockedError', async (t) => {
  const { lockRunFolder, RunFolderLockedError } = await import('../../src/train/index.js');
  const dir = await tempFolder(t, 'lock');
  const { hostname } = await import('node:os');
  const dead = spawn(process.execPath, ['-e', '0']);
  await new Promise((resolve) => dead.on('exit', resolve));
  await writeFile(
    join(dir, 'rxtrain.lock'),
    JSON.stringify({ pid: dead.pid, host: hostname(), started: '2026-01-01T00:00:00.000Z' }),
  );
  const lock = lockRunFolder(dir);
  t.is(JSON.parse(await readFile(lock.path, 'utf8')).pid, process.pid);
  const error = t.throws(() => lockRunFolder(dir), { instanceOf: RunFolderLockedError });
  t.is(error?.path, dir);
  t.regex(error?.message ?? '', new RegExp(`process ${process.pid}`));
  lock.release();
  t.false(existsSync(lock.path));
  lockRunFolder(dir).release();
});

test('train started on all-bad data leaves no lock, log or checkpoints folder behind', async (t) => {
  const dir = await tempFolder(t, 'bad-start');
  await mkdir(join(dir, 'data', 'cat'), { recursive: true });
  await mkdir(join(dir, 'data', 'dog'), { recursive: true });
  await writeFile(join(dir, 'data', 'cat', '0.png'), 'not a png');
  await writeFile(join(dir, 'data', 'dog', '0.png'), 'not a png');
  const out = join(dir, 'run');
  const failed = await run([
    'train',
    '--data',
    join(dir, 'data'),
    '--out',
    out,
    '--num-classes',
    '2',
    '--width-divisor',
    '16',
    '--image-size',
    '64',
    '--batch-size',
    '1',
    '--epochs',
    '1',
    '--backend',
    'cpu',
  ]);
  t.is(failed.code, EXIT.failed);
  t.false(existsSync(out), existsSync(out) ? (await readdir(out, { recursive: true })).join(', ') : '');
});

test('a resume that fails leaves the run folder as it was: no new empty TensorBoard file', async (t) => {
  const { data, out } = await trainedRun(t, 'nothing-lost');
  const before = await snapshot(out);
  const failed = await run([
    'train',
    '--data',
    data,
    '--out',
    out,
    '--resume',
    join(out, 'nope.ckpt'),
    '--num-classes',
    '2',
    '--width-divisor',
    '16',
    '--image-size',
    '64',
    '--backend',
    'cpu',
  ]);
  t.is(failed.code, EXIT.failed);
  t.regex(failed.err, /nope\.ckpt/);
  t.deepEqual(await snapshot(out), before);
});
