import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import test from 'ava';
import sharp from 'sharp';

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
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
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
    await sharp({ create: { width: 70, height: 66, channels: 3, background: i % 2 ? '#c03030' : '#3030c0' } })
      .jpeg()
      .toFile(join(dir, `${i % 2 ? 'dog' : 'cat'}.${i}.jpg`));
  }
  return dir;
}

const tiny = (split = '0.7', epochs = '1') => [
  '--backend',
  'cpu',
  '--width-divisor',
  '16',
  '--image-size',
  '64',
  '--batch-size',
  '1',
  '--split',
  split,
  '--epochs',
  epochs,
];

test('train … | head -1: a closed standard output ends the run quietly with status 141', async (t) => {
  const data = await catDogFolder(t);
  const { child, ended } = start(['train', '--data', data, '--out', join(data, 'run'), ...tiny('0.7', '50')], 120_000);
  child.stdout.once('data', () => child.stdout.destroy());
  const { code, stderr } = await ended;
  t.is(code, 141);
  t.notRegex(stderr, /EPIPE|Error|\n    at /);
});

test('Ctrl-C ends the process with status 130, also in a folder holding a FIFO named .jpg', async (t) => {
  const data = await catDogFolder(t);
  execFileSync('mkfifo', [join(data, 'pipe')]);
  await symlink(join(data, 'pipe'), join(data, 'cat.9.jpg'));
  const { child, ended } = start(['train', '--data', data, '--out', join(data, 'run'), ...tiny('0.7', '50')], 90_000);
  // Interrupt once the run prints, or after 30 s if it never does (a decode blocked on the FIFO).
  const printed = new Promise<void>((resolve) => {
    child.stdout.once('data', () => resolve());
    setTimeout(resolve, 30_000);
  });
  await printed;
  child.kill('SIGINT');
  const interrupted = performance.now();
  const { code, signal, stderr } = await ended;
  t.true(
    performance.now() - interrupted < 15_000,
    `ended ${Math.round(performance.now() - interrupted)} ms after the interrupt`,
  );
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
