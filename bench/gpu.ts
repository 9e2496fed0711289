/**
 * The GPU check: one JSON line on the WebGPU adapter found here, needing only the repository with
 * its installed node_modules (no network).
 *
 *   npm run bench:gpu                                   # full-width AlexNet, 224 px, batch 128 on a GPU
 *   npm run bench:gpu -- --batch 8 --width-divisor 2 --steps 2 --per-class 32
 *
 * On a software adapter (lavapipe, SwiftShader) the defaults shrink to batch 4, width divisor 8, one
 * timed step and 8 images per class, and every figure is labelled correctness-only.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { initBackend } from '../src/backend/index.js';
import { webgpuAdapter } from '../src/backend/loaders/webgpu.js';
import { isSoftwareAdapter } from '../src/backend/loaders/webgpu-adapter.js';
import { assertBatchFits } from '../src/backend/webgpu-batch-limit.js';
import { ensureDemoData } from '../src/cli/demo/demo-data.js';
import { alexnet } from '../src/models/index.js';
import { agreementWithCpu } from './gpu-agreement.js';
import { timeAlexNet, type AlexNetTimingOptions } from './gpu-alexnet-timing.js';
import { trainStreamRate } from './gpu-train-stream.js';

const FULL: AlexNetTimingOptions = { widthDivisor: 1, imageSize: 224, batch: 128, steps: 3 };
const SOFTWARE: AlexNetTimingOptions = { widthDivisor: 8, imageSize: 224, batch: 4, steps: 1 };

const { values: flags } = parseArgs({
  options: {
    batch: { type: 'string' },
    'width-divisor': { type: 'string' },
    'image-size': { type: 'string' },
    steps: { type: 'string' },
    'per-class': { type: 'string' },
  },
});

function positive(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`bench:gpu: --${name} must be a whole number ≥ 1, got '${raw}'`);
  return value;
}

const errorText = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

async function attempt<T>(work: () => Promise<T>): Promise<T | { error: string }> {
  try {
    return await work();
  } catch (error) {
    return { error: errorText(error) };
  }
}

async function main(): Promise<Record<string, unknown>> {
  const found = await webgpuAdapter();
  if (typeof found === 'string') return { adapter: null, error: `no WebGPU adapter: ${found}` };
  const software = isSoftwareAdapter(found.description);
  const defaults = software ? SOFTWARE : FULL;
  const settings: AlexNetTimingOptions = {
    widthDivisor: positive('width-divisor', flags['width-divisor'], defaults.widthDivisor),
    imageSize: positive('image-size', flags['image-size'], defaults.imageSize),
    batch: positive('batch', flags.batch, defaults.batch),
    steps: positive('steps', flags.steps, defaults.steps),
  };
  const perClass = positive('per-class', flags['per-class'], software ? 8 : 256);
  await initBackend({ backend: 'webgpu' });

  const fits = (options: AlexNetTimingOptions) => {
    const model = alexnet({ numClasses: 2, widthDivisor: options.widthDivisor });
    try {
      assertBatchFits(model, options.batch, [options.imageSize, options.imageSize, 3], found.limits);
    } finally {
      model.dispose();
    }
  };
  const isFull = JSON.stringify(settings) === JSON.stringify({ ...FULL, steps: settings.steps });
  const fullWidth = isFull ? undefined : await attempt(async () => (fits(FULL), 'fits this adapter; not run with these settings'));

  const alexnetTiming = await attempt(async () => (fits(settings), timeAlexNet(settings)));
  const agreement = await attempt(agreementWithCpu);
  const folder = await mkdtemp(join(tmpdir(), 'rxtrain-bench-gpu-'));
  const trainStream = await attempt(async () => {
    await ensureDemoData(folder, { perClass });
    return trainStreamRate(folder, settings);
  }).finally(() => rm(folder, { recursive: true, force: true }));

  return {
    label: software ? 'correctness-only: software adapter, not a GPU figure' : 'hardware adapter',
    adapter: { ...found.description, ...found.limits },
    alexnet: alexnetTiming,
    ...(fullWidth !== undefined && { fullWidth224Batch128: fullWidth }),
    agreement,
    trainStream,
  };
}

main().then(
  (result) => {
    process.stdout.write(`${JSON.stringify({ bench: 'gpu', date: new Date().toISOString(), ...result })}\n`);
  },
  (error: unknown) => {
    process.stdout.write(`${JSON.stringify({ bench: 'gpu', error: errorText(error) })}\n`);
    process.exitCode = 1;
  },
);
