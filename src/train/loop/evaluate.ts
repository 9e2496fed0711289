import * as tf from '@tensorflow/tfjs';
import { ensureBackend } from '../../backend/index.js';
import type { BatchLoader, Skipped } from '../../data/index.js';
import type { LossFunction } from '../optim/index.js';

export interface Evaluation {
  readonly loss: number;
  readonly accuracy: number;
  /** Present when there are more than 5 classes. */
  readonly top5?: number;
  /** Top-1 accuracy per class (NaN for a class with no images). */
  readonly perClass: readonly number[];
  /** `confusion[label][predicted]`: images of class `label` predicted as `predicted` (top-1). */
  readonly confusion: readonly (readonly number[])[];
  readonly images: number;
}

export interface EvaluateOptions {
  /** `true`: batches must be `[n, crops, h, w, 3]`; `false`: `[n, h, w, 3]`; default: either. */
  readonly tenCrop?: boolean | undefined;
  /** Stops early (between batches) once this returns true. */
  readonly cancelled?: () => boolean;
  /** Receives each file the loader skipped (a bad image), in order. */
  readonly onSkipped?: (skipped: Skipped) => void;
  /** Called after each batch with the batches and images evaluated so far. */
  readonly onBatch?: (batches: number, images: number) => void;
}

/**
 * Model outputs per image in inference mode: crops `[n, k, h, w, 3]` are run as `[n·k, h, w, 3]`
 * and their logits averaged per image, as the seed's `outputs.view(bs, ncrops, -1).mean(1)`.
 */
export function imageLogits(model: tf.LayersModel, x: tf.Tensor, tenCrop?: boolean): tf.Tensor2D {
  if (tenCrop === true && x.rank !== 5)
    throw new RangeError(`validate: tenCrop expects [n, crops, h, w, 3] batches, got [${x.shape}]`);
  if (tenCrop === false && x.rank !== 4)
    throw new RangeError(`validate: expected [n, h, w, 3] batches, got [${x.shape}]`);
  return tf.tidy(() => {
    if (x.rank === 4) return model.apply(x, { training: false }) as tf.Tensor2D;
    const [n, crops, ...image] = x.shape as [number, number, ...number[]];
    const logits = model.apply(x.reshape([n * crops, ...image]), { training: false }) as tf.Tensor2D;
    return logits.reshape([n, crops, -1]).mean(1) as tf.Tensor2D;
  });
}

/**
 * Loss, top-1/top-5 and per-class accuracy of a model over one pass of a loader (choosing the
 * backend first where nothing has, as `fit` does).
 */
export async function evaluate(
  model: tf.LayersModel,
  loader: BatchLoader,
  loss: LossFunction,
  options: EvaluateOptions = {},
): Promise<Evaluation> {
  await ensureBackend();
  let lossSum = 0;
  let images = 0;
  let top1 = 0;
  let top5 = 0;
  let classes = 0;
  let batchCount = 0;
  const hits: number[] = [];
  const counts: number[] = [];
  const confusion: number[][] = [];
  const batches = loader.epoch(0)[Symbol.asyncIterator]();
  try {
    for (let result = await batches.next(); !result.done; result = await batches.next()) {
      const { x, y, skipped } = result.value;
      for (const file of skipped) options.onSkipped?.(file);
      let outputs: tf.Tensor[];
      try {
        if (options.cancelled?.()) break;
        outputs = tf.tidy(() => {
          const logits = imageLogits(model, x, options.tenCrop);
          classes = logits.shape[1];
          const labels = tf.cast(y, 'int32') as tf.Tensor1D;
          const inTop5 = tf.any(tf.equal(tf.topk(logits, Math.min(5, classes)).indices, labels.expandDims(1)), 1);
          return [loss(logits, labels), tf.argMax(logits, 1), inTop5, labels];
        });
      } finally {
        tf.dispose([x, y]);
      }
      const [lossValue, predictions, top5Hits, labels] = (await Promise.all(outputs.map((t) => t.data()))) as [
        tf.TypedArray,
        tf.TypedArray,
        tf.TypedArray,
        tf.TypedArray,
      ];
      tf.dispose(outputs);
      lossSum += lossValue[0]! * labels.length;
      images += labels.length;
      labels.forEach((label, i) => {
        counts[label] = (counts[label] ?? 0) + 1;
        const hit = predictions[i]! === label ? 1 : 0;
        hits[label] = (hits[label] ?? 0) + hit;
        top1 += hit;
        top5 += top5Hits[i]!;
        const row = (confusion[label] ??= []);
        row[predictions[i]!] = (row[predictions[i]!] ?? 0) + 1;
      });
      batchCount += 1;
      options.onBatch?.(batchCount, images);
    }
  } finally {
    await batches.return?.();
  }
  const size = Math.max(classes, counts.length);
  const perClass = Array.from({ length: size }, (_, c) => (counts[c] ? (hits[c] ?? 0) / counts[c] : Number.NaN));
  return {
    loss: lossSum / images,
    accuracy: top1 / images,
    ...(classes > 5 ? { top5: top5 / images } : {}),
    perClass,
    confusion: Array.from({ length: size }, (_, label) =>
      Array.from({ length: size }, (_, predicted) => confusion[label]?.[predicted] ?? 0),
    ),
    images,
  };
}
