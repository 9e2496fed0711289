import { lastValueFrom, toArray } from 'rxjs';
import { listKaggleFolder } from '../src/data/sources/index.js';
import { trainStream, type StepEvent } from '../src/train/index.js';
import type { AlexNetTimingOptions } from './gpu-alexnet-timing.js';

export interface TrainStreamRate {
  readonly images: number;
  readonly steps: number;
  readonly seconds: number;
  /** Training images per wall second, decoding and the first step's shader compilation included. */
  readonly imagesPerSecond: number;
  readonly finalLoss: number;
}

/** One epoch of `trainStream` on webgpu over a Kaggle-style folder, without validation, end to end. */
export async function trainStreamRate(folder: string, options: AlexNetTimingOptions): Promise<TrainStreamRate> {
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
    }).pipe(toArray()),
  );
  const seconds = (performance.now() - start) / 1000;
  const steps = events.filter((e): e is StepEvent => e.kind === 'step');
  const images = (await listKaggleFolder(folder, { mode: 'train' })).entries.length;
  return { images, steps: steps.length, seconds, imagesPerSecond: images / seconds, finalLoss: steps.at(-1)?.loss ?? Number.NaN };
}
