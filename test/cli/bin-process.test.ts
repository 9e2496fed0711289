import { execFileSync, spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { mkdtemp, open, rm, symlink, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import test from 'ava';
import sharp from 'sharp';

const sleep = (ms: number): Promise<undefined> => new Promise((resolve) => setTimeout(() => resolve(undefined), ms));
const bin = fileURLToPath(new URL('../../bin/rxtrain.cjs', import.meta.url));

interface Ended {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Starts the CLI; `ended` resolves when it exits, or after `limitMs` with the process killed and `code` null. */
function start(args: readonly string[], limitMs: number) {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
  const ended = new Promise<Ended>((resolve) => {
    const limit = setTimeout(() => child.kill('SIGKILL'), limitMs);
    child.on('exit', (code, signal) => {
      clearTimeout(limit);
      resolve({ code, signal, stdout, stderr });
    });
  });
  return { child, ended };
}

async function catDogFolder(t: { teardown(fn: () => Promise<void>): void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'rxtrain-bin-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  for (let i = 0; i < 6; i++) {
    await sharp({ create: { width: 70, height: 66, channels: 3, background: i % 2 ? '#c03030' : '#3030c0' } }).jpeg().toFile(join(dir, `${i % 2 ? 'dog' : 'cat'}.${i}.jpg`));
  }
  return dir;
}

const tiny = (split = '0.7', epochs = '1') => ['--backend', 'cpu', '--width-divisor', '16', '--image-size', '64', '--batch-size', '1', '--split', split, '--epochs', epochs];

test('train … | head -1: a closed standard output ends the run quietly with status 141', async (t) => {
  const data = await catDogFolder(t);
  const { child, ended } = start(['train', '--data', data, '--out', join(data, 'run'), ...tiny('0.7', '50')], 120_000);
  child.stdout.once('data', () => child.stdout.destroy());
  const { code, stderr } = await ended;
  t.is(code, 141);
  t.notRegex(stderr, /EPIPE|Error|\n    at /);
});

test('Ctrl-C ends the process even while a read is blocked (weights from a FIFO no writer fills)', async (t) => {
  const data = await catDogFolder(t);
  const fifo = join(data, 'weights.pth');
  execFileSync('mkfifo', [fifo]);
  const { child, ended } = start(['train', '--data', data, '--out', join(data, 'run'), '--weights', fifo, ...tiny()], 60_000);
  let writer: FileHandle | undefined;
  for (let tries = 0; writer === undefined && tries < 600 && child.exitCode === null; tries++) {
    // Opening a FIFO's write end without blocking succeeds only once a reader has it open.
    writer = await open(fifo, constants.O_WRONLY | constants.O_NONBLOCK).catch(() => sleep(100));
  }
  t.truthy(writer, 'the run opened the weights file');
  child.kill('SIGINT');
  const interrupted = performance.now();
  const { code, signal, stderr } = await ended;
  await writer?.close();
  t.true(performance.now() - interrupted < 10_000, `ended ${Math.round(performance.now() - interrupted)} ms after the interrupt: ${code} ${signal} ${stderr}`);
  t.deepEqual([code, signal], [130, null], stderr);
  t.regex(stderr, /^rxtrain: interrupted/m);
});

test('a training folder holding a symlink to a FIFO named .jpg skips it and trains, instead of hanging', async (t) => {
  const data = await catDogFolder(t);
  const fifo = join(data, 'pipe');
  execFileSync('mkfifo', [fifo]);
  await symlink(fifo, join(data, 'cat.9.jpg'));
  const { ended } = start(['train', '--data', data, '--out', join(data, 'run'), ...tiny('1')], 120_000);
  const { code, stdout, stderr } = await ended;
  t.is(code, 0, stderr);
  t.regex(stdout, /^Skipped: .*cat\.9\.jpg: a FIFO \(named pipe\), expected a regular file$/m);
  t.regex(stdout, /^Notice: validation skipped/m);
});
