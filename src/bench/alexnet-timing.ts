import * as tf from '@tensorflow/tfjs';
import { alexnet, parameterGroups } from '../models/index.js';
import { runContext, sgd, trainStep } from '../train/index.js';
import { gpuBytesAllocated } from './gpu-memory.js';
import { DEFAULT_SEED } from '../data/index.js';

export interface AlexNetTimingOptions {
  readonly widthDivisor: number;
  readonly imageSize: number;
  readonly batch: number;
  /** Timed steps after the first (whose time includes shader compilation). */
  readonly steps: number;
}

export interface AlexNetTiming extends AlexNetTimingOptions {
  readonly firstStepSeconds: number;
  readonly trainMsPerImage: number;
  readonly forwardMsPerImage: number;
  readonly stepsMs: number[];
  /** The most bytes of GPU buffers TensorFlow.js held at the end of any step or pass (its pool only grows); null off the GPU. */
  readonly peakGpuBytes: number | null;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

/**
 * Training steps (the library's own: forward, gradients, SGD with momentum over the parameter
 * groups, the loss read back) and inference passes of AlexNet on the active backend, one batch of
 * random images uploaded once.
 */
export async function timeAlexNet(options: AlexNetTimingOptions): Promise<AlexNetTiming> {
  const { widthDivisor, imageSize, batch, steps } = options;
  const model = alexnet({ numClasses: 2, widthDivisor });
  const context = runContext({
    model,
    optimizer: sgd({ lr: 1e-3, momentum: 0.9, groups: parameterGroups(model) }),
    seed: DEFAULT_SEED,
  });
  const x = tf.randomUniform([batch, imageSize, imageSize, 3], -1, 1);
  const y = tf.tensor1d(
    Array.from({ length: batch }, (_, i) => i % 2),
    'float32',
  );
  let peakGpuBytes: number | null = null;
  const sample = () => {
    const bytes = gpuBytesAllocated();
    if (bytes !== null) peakGpuBytes = Math.max(peakGpuBytes ?? 0, bytes);
  };
  const step = () =>
    timed(async () => {
      const stats = trainStep(context, { x, y, paths: [], skipped: [] });
      await stats.data();
      sample();
      stats.dispose();
    });
  const forward = () =>
    timed(async () => {
      const logits = model.predict(x) as tf.Tensor;
      await logits.data();
      sample();
      logits.dispose();
    });
  try {
    const firstStepSeconds = (await step()) / 1000;
    const stepsMs: number[] = [];
    for (let i = 0; i < steps; i += 1) stepsMs.push(await step());
    await forward();
    const forwardMs: number[] = [];
    for (let i = 0; i < steps; i += 1) forwardMs.push(await forward());
    return {
      ...options,
      firstStepSeconds,
      trainMsPerImage: median(stepsMs) / batch,
      forwardMsPerImage: median(forwardMs) / batch,
      stepsMs: stepsMs.map(Math.round),
      peakGpuBytes,
    };
  } finally {
    tf.dispose([x, y]);
    context.dispose();
    model.dispose();
  }
}
