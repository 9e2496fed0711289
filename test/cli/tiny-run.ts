import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExecutionContext } from 'ava';
import sharp from 'sharp';
import { EXIT, runCli } from '../../src/cli/index.js';
import { tempFolder } from '../temp-folder.js';
import { captureIo } from './io.js';

/** Runs one command line in this process; what it printed, joined. */
export async function cliRun(args: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo();
  const code = await runCli(args, io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

/** Every file under `dir` (relative path → SHA-256), to prove a command left them as they were. */
export async function snapshot(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    if (entry.isFile())
      files[path.slice(dir.length + 1)] = createHash('sha256').update(readFileSync(path)).digest('hex');
  }
  return files;
}

/** An ImageFolder of `perClass` blue `cat/` and red `dog/` PNGs. */
export async function twoColourFolder(dir: string, perClass = 4): Promise<string> {
  for (const [name, background] of [
    ['cat', '#2828c8'],
    ['dog', '#c82828'],
  ] as const) {
    await mkdir(join(dir, name), { recursive: true });
    for (let i = 0; i < perClass; i++)
      await sharp({ create: { width: 66, height: 66, channels: 3, background } })
        .png()
        .toFile(join(dir, name, `${i}.png`));
  }
  return dir;
}

/** `rxtrain train`'s flags for a tiny, fast run (of `twoColourFolder`'s two classes). */
export const tinyTrainFlags = [
  '--num-classes',
  '2',
  '--width-divisor',
  '16',
  '--image-size',
  '64',
  '--batch-size',
  '2',
  '--split',
  '0.5',
  '--backend',
  'cpu',
];

/** A finished one-epoch `rxtrain train` run (log, plots, TensorBoard file, checkpoints, best.ckpt). */
export async function trainedRun(
  t: ExecutionContext,
  name = 'run',
  perClass = 4,
): Promise<{ data: string; out: string }> {
  const dir = await tempFolder(t, name);
  const data = await twoColourFolder(join(dir, 'data'), perClass);
  const out = join(dir, 'run');
  const trained = await cliRun(['train', '--data', data, '--out', out, '--epochs', '1', ...tinyTrainFlags]);
  t.is(trained.code, EXIT.ok, trained.err);
  return { data, out };
}
