import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { torchPython } from '../../bench/torch-python.js';

export const PARITY_SCRIPT = fileURLToPath(new URL('../../scripts/torch/torchvision-parity.py', import.meta.url));
export const parityPython = torchPython('torch, torchvision');
export const NO_TORCH = 'skipped: neither python3 nor /usr/bin/python3 can import torch and torchvision';

export interface TorchvisionReference {
  readonly dir: string;
  readonly batch: number;
  readonly size: number;
  readonly classes: number;
  /** NCHW images as PyTorch saw them. */
  readonly input: Float32Array;
  readonly labels: number[];
  readonly logits: Float32Array;
  readonly step: { loss: number; lr: number; momentum: number; weightDecay: number };
  dispose(): Promise<void>;
}

/**
 * One `torchvision-parity.py serve` process: PyTorch is imported once for every command. Commands
 * run one after another in the order sent; each resolves to what it printed.
 */
export class ParityServer {
  private readonly process = spawn(parityPython!, [PARITY_SCRIPT, 'serve'], { stdio: ['pipe', 'pipe', 'inherit'] });
  private readonly waiting: { resolve: (printed: string) => void; reject: (error: Error) => void; command: string }[] =
    [];

  constructor() {
    createInterface({ input: this.process.stdout }).on('line', (line) => {
      const answer = JSON.parse(line) as { ok: boolean; stdout?: string; error?: string };
      const next = this.waiting.shift()!;
      if (answer.ok) next.resolve(answer.stdout!);
      else next.reject(new Error(`${PARITY_SCRIPT} ${next.command} failed: ${answer.error}`));
    });
    this.process.on('exit', (code) => {
      for (const next of this.waiting.splice(0))
        next.reject(new Error(`${PARITY_SCRIPT} serve exited (${code}) before ${next.command}`));
    });
  }

  run(args: readonly string[]): Promise<string> {
    const command = args.map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject, command });
      this.process.stdin.write(`${command}\n`);
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.process.exitCode !== null) return resolve();
      this.process.once('exit', () => resolve());
      this.process.stdin.end();
    });
  }
}

/** Runs `torchvision-parity.py reference` for `name` into a temporary folder and reads what it wrote. */
export async function torchvisionReference(
  server: ParityServer,
  name: string,
  { batch = 2, size = 64, classes = 10, seed = 0 } = {},
): Promise<TorchvisionReference> {
  const dir = await mkdtemp(join(tmpdir(), `rxtrain-${name}-`));
  try {
    await server.run([
      'reference',
      name,
      dir,
      '--batch',
      String(batch),
      '--size',
      String(size),
      '--classes',
      String(classes),
      '--seed',
      String(seed),
    ]);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  const f32 = async (file: string) => new Float32Array((await readFile(join(dir, file))).buffer.slice(0));
  return {
    dir,
    batch,
    size,
    classes,
    input: await f32('input.f32'),
    labels: JSON.parse(await readFile(join(dir, 'labels.json'), 'utf8')) as number[],
    logits: await f32('logits.f32'),
    step: JSON.parse(await readFile(join(dir, 'step.json'), 'utf8')) as TorchvisionReference['step'],
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}

/** The reference's NCHW input as the model's NHWC batch. */
export const nhwcInput = (reference: TorchvisionReference): tf.Tensor4D =>
  tf.tidy(() =>
    tf.tensor4d(reference.input, [reference.batch, 3, reference.size, reference.size]).transpose([0, 2, 3, 1]),
  );

/**
 * Largest |actual − expected| over the largest |expected| (or over `floor`, when that is larger):
 * the relative error the parity tests bound.
 */
export function relativeError(actual: ArrayLike<number>, expected: ArrayLike<number>, floor = 0): number {
  let error = 0;
  let scale = floor;
  for (let i = 0; i < expected.length; i++) {
    error = Math.max(error, Math.abs(actual[i]! - expected[i]!));
    scale = Math.max(scale, Math.abs(expected[i]!));
  }
  return scale === 0 ? error : error / scale;
}
