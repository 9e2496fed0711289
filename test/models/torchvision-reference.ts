import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

/** Runs `torchvision-parity.py reference` for `name` into a temporary folder and reads what it wrote. */
export async function torchvisionReference(name: string, { batch = 2, size = 64, classes = 10, seed = 0 } = {}): Promise<TorchvisionReference> {
  const dir = await mkdtemp(join(tmpdir(), `rxtrain-${name}-`));
  const run = spawnSync(parityPython!, [PARITY_SCRIPT, 'reference', name, dir, '--batch', String(batch), '--size', String(size), '--classes', String(classes), '--seed', String(seed)], { encoding: 'utf8' });
  if (run.status !== 0) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(`${PARITY_SCRIPT} reference ${name} failed: ${run.stderr}`);
  }
  const f32 = async (file: string) => new Float32Array((await readFile(join(dir, file))).buffer.slice(0));
  return {
    dir, batch, size, classes,
    input: await f32('input.f32'),
    labels: JSON.parse(await readFile(join(dir, 'labels.json'), 'utf8')) as number[],
    logits: await f32('logits.f32'),
    step: JSON.parse(await readFile(join(dir, 'step.json'), 'utf8')) as TorchvisionReference['step'],
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}

/** The reference's NCHW input as the model's NHWC batch. */
export const nhwcInput = (reference: TorchvisionReference): tf.Tensor4D =>
  tf.tidy(() => tf.tensor4d(reference.input, [reference.batch, 3, reference.size, reference.size]).transpose([0, 2, 3, 1]));

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
