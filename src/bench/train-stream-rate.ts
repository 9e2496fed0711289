import { availableParallelism } from 'node:os';
import { lastValueFrom, tap, toArray } from 'rxjs';
import { listKaggleFolder } from '../data/index.js';
import { trainStream, type StepEvent } from '../train/index.js';
import type { AlexNetTimingOptions } from './alexnet-timing.js';
import { gpuBytesAllocated } from './gpu-memory.js';

export interface TrainStreamRate {
  readonly images: number;
  readonly steps: number;
  /** Loader worker threads decoding the JPEGs: `trainStream`'s default, the cores available. */
  readonly workers: number;
  readonly seconds: number;
  /** Training images per wall second, decoding and the first step's shader compilation included. */
  readonly imagesPerSecond: number;
  readonly finalLoss: number;
  /** The most bytes of GPU buffers TensorFlow.js held after any step; null off the GPU. */
  readonly peakGpuBytes: number | null;
}

/** One epoch of `trainStream` on webgpu over a Kaggle-style folder, without validation, end to end. */
export async function trainStreamRate(folder: string, options: AlexNetTimingOptions): Promise<TrainStreamRate> {
  let peakGpuBytes: number | null = null;
  const start = performance.now();
  const events = await lastValueFrom(
    trainStream({
      data: folder,
      backend: 'webgpu',
      widthDivisor: options.widthDivisor,
      imageSize: options.imageSize,
      batchSize: options.batch,
      epochs: 1,
      valInterval: 2,
    }).pipe(
      tap((event) => {
        const bytes = event.kind === 'step' ? gpuBytesAllocated() : null;
        if (bytes !== null) peakGpuBytes = Math.max(peakGpuBytes ?? 0, bytes);
      }),
      toArray(),
    ),
  );
  const seconds = (performance.now() - start) / 1000;
  const steps = events.filter((e): e is StepEvent => e.kind === 'step');
  const images = (await listKaggleFolder(folder, { mode: 'train' })).entries.length;
  return {
    images,
    steps: steps.length,
    workers: availableParallelism(),
    seconds,
    imagesPerSecond: images / seconds,
    finalLoss: steps.at(-1)?.loss ?? Number.NaN,
    peakGpuBytes,
  };
}
