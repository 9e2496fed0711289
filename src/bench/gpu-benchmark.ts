import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend, webgpuAdapter, isSoftwareAdapter, assertBatchFits } from '../backend/index.js';
import { alexnet } from '../models/index.js';
import { agreementWithCpu } from './agreement.js';
import { timeAlexNet, type AlexNetTimingOptions } from './alexnet-timing.js';
import { trainStreamRate } from './train-stream-rate.js';

/** Full-width AlexNet at 224 px, batch 128: the figure asked of a GPU. */
export const GPU_SETTINGS: AlexNetTimingOptions = { widthDivisor: 1, imageSize: 224, batch: 128, steps: 3 };
/** What a software adapter (lavapipe, SwiftShader) runs by default: enough to show every part works. */
export const SOFTWARE_SETTINGS: AlexNetTimingOptions = { widthDivisor: 8, imageSize: 224, batch: 4, steps: 1 };

export interface GpuBenchmarkOptions extends Partial<{
  [K in keyof AlexNetTimingOptions]: AlexNetTimingOptions[K] | undefined;
}> {
  /** Generated JPEGs of each class for the `trainStream` run; default 256 on a GPU, 8 on a software adapter. */
  readonly perClass?: number | undefined;
  /** Where the generated JPEGs go and stay (to time another framework on the same files); default a temporary folder, removed after. */
  readonly data?: string | undefined;
  /** Writes `perClass` JPEGs of each class into a folder (the CLI gives its demo images' `ensureDemoData`). */
  readonly makeImages: (folder: string, options: { perClass: number }) => Promise<unknown>;
}

const errorText = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

/** The work's result, or its error as text: one failing part leaves the others' figures. */
async function attempt<T>(work: () => Promise<T>): Promise<T | { error: string }> {
  try {
    return await work();
  } catch (error) {
    return { error: errorText(error) };
  }
}

function assertFits(options: AlexNetTimingOptions, limits: Parameters<typeof assertBatchFits>[3]): void {
  const model = alexnet({ numClasses: 2, widthDivisor: options.widthDivisor });
  try {
    assertBatchFits(model, options.batch, [options.imageSize, options.imageSize, 3], limits);
  } finally {
    model.dispose();
  }
}

/**
 * The GPU benchmark on the WebGPU adapter found here: AlexNet's training step, forward pass and
 * first step (shader compilation), `trainStream` end to end on generated JPEGs with a worker per
 * core, GPU memory, and one pass checked against the CPU backend. Figures on a software adapter
 * are labelled correctness-only.
 */
export async function gpuBenchmark(options: GpuBenchmarkOptions): Promise<Record<string, unknown>> {
  const found = await webgpuAdapter();
  if (typeof found === 'string') return { adapter: null, error: `no WebGPU adapter: ${found}` };
  const software = isSoftwareAdapter(found.description);
  const defaults = software ? SOFTWARE_SETTINGS : GPU_SETTINGS;
  const settings: AlexNetTimingOptions = {
    widthDivisor: options.widthDivisor ?? defaults.widthDivisor,
    imageSize: options.imageSize ?? defaults.imageSize,
    batch: options.batch ?? defaults.batch,
    steps: options.steps ?? defaults.steps,
  };
  const perClass = options.perClass ?? (software ? 8 : 256);
  await initBackend({ backend: 'webgpu' });

  const isFull = settings.widthDivisor === 1 && settings.imageSize === 224 && settings.batch === 128;
  const fullWidth = isFull
    ? undefined
    : await attempt(
        async () => (assertFits(GPU_SETTINGS, found.limits), 'fits this adapter; not run with these settings'),
      );
  const alexnetTiming = await attempt(async () => (assertFits(settings, found.limits), timeAlexNet(settings)));
  const agreement = await attempt(agreementWithCpu);
  const folder = options.data ?? (await mkdtemp(join(tmpdir(), 'rxtrain-benchmark-')));
  const trainStream = await attempt(async () => {
    await options.makeImages(folder, { perClass });
    return trainStreamRate(folder, settings);
  }).finally(() => (options.data === undefined ? rm(folder, { recursive: true, force: true }) : undefined));

  return {
    label: software ? 'correctness-only: software adapter, not a GPU figure' : 'hardware adapter',
    adapter: { ...found.description, ...found.limits },
    alexnet: alexnetTiming,
    ...(fullWidth !== undefined && { fullWidth224Batch128: fullWidth }),
    agreement,
    trainStream,
    ...(options.data !== undefined && { data: { folder, perClass } }),
  };
}
