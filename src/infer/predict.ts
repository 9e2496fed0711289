import * as tf from '@tensorflow/tfjs';
import { map, Observable, type OperatorFunction } from 'rxjs';
import type { Skipped, Entry } from '../data/index.js';
import { ensureBackend } from '../backend/index.js';
import { loader } from '../data/index.js';
import { imageLogits } from '../train/index.js';
import { evalPipeline } from './eval-pipeline.js';
import type { Classifier } from './load-classifier.js';

/** The model's top classes for one image, most probable first. */
export interface Prediction {
  readonly path: string;
  /** Output indices (labels). */
  readonly indices: readonly number[];
  readonly names: readonly string[];
  /** Softmax probabilities of those outputs. */
  readonly probabilities: readonly number[];
  /** The model's raw outputs (before softmax) for those classes, when asked for (`logits: true`). */
  readonly logits?: readonly number[];
}

export interface PredictOptions {
  /** How many classes per image (at most the model's outputs). Default 5. */
  readonly top?: number;
  /** Average the logits of ten crops (`Resize(256) → TenCrop(224)`) instead of one centre crop. */
  readonly tenCrop?: boolean | undefined;
  /** Images per forward pass. Default 16. */
  readonly batchSize?: number;
  /** A file that cannot be decoded fails the stream (default) or is skipped and passed to `onSkipped`. */
  readonly onBadImage?: 'fail' | 'skip';
  readonly onSkipped?: (skipped: Skipped) => void;
  /** Pillow-exact resize (default), or libvips's while decoding (see `evalPipeline`). */
  readonly exactResize?: boolean;
  /** Also give each prediction's raw logits (`Prediction.logits`). */
  readonly logits?: boolean | undefined;
}

/**
 * Classifies a stream of image files: paths (or entries) in, one `Prediction` per image out, in
 * input order. The images go through torchvision's evaluation transform and a `loader`, so decoding
 * is bounded and batched as in training; the model runs in inference mode. Cold: nothing is read
 * before subscription, and unsubscribing stops decoding and frees every tensor.
 */
export function predict(
  classifier: Classifier,
  options: PredictOptions = {},
): OperatorFunction<string | Entry, Prediction> {
  const {
    tenCrop = false,
    batchSize = 16,
    onBadImage = 'fail',
    onSkipped,
    exactResize,
    logits: withLogits = false,
  } = options;
  const outputs = classifier.classes.length;
  const top = Math.min(options.top ?? 5, outputs);
  if (!Number.isInteger(top) || top < 1)
    throw new RangeError(`predict: top must be a positive integer, got ${options.top}`);
  return (source) =>
    new Observable<Prediction>((subscriber) => {
      let closed = false;
      let index = 0;
      const entries = source.pipe(
        map((item): Entry => (typeof item === 'string' ? { path: item, label: 0, index: index++ } : item)),
      );
      const epoch = loader(
        entries,
        evalPipeline({ imageSize: classifier.imageSize, resizeSize: classifier.resizeSize, tenCrop, exactResize }),
        { batchSize, onBadImage },
      ).epoch(0);
      const batches = epoch[Symbol.asyncIterator]();
      void (async () => {
        try {
          await ensureBackend();
          while (!closed) {
            const result = await batches.next();
            if (result.done) break;
            const { x, y, paths, skipped } = result.value;
            if (closed) {
              tf.dispose([x, y]);
              break;
            }
            if (onSkipped) skipped.forEach(onSkipped);
            let best: tf.Tensor[];
            try {
              best = tf.tidy(() => {
                const logits = imageLogits(classifier.model, x, tenCrop);
                const { values, indices } = tf.topk(tf.softmax(logits), top);
                return withLogits ? [values, indices, tf.gather(logits, indices, 1, 1)] : [values, indices];
              });
            } finally {
              tf.dispose([x, y]);
            }
            const [values, indices, raw] = await Promise.all(best.map((t) => t.data()));
            if (values === undefined || indices === undefined)
              throw new Error('predict: topk gave no values or indices');
            tf.dispose(best);
            paths.forEach((path, i) => {
              if (closed) return;
              const picked = Array.from(indices.subarray(i * top, (i + 1) * top));
              subscriber.next({
                path,
                indices: picked,
                names: picked.map((label) => classifier.classes[label]!),
                probabilities: Array.from(values.subarray(i * top, (i + 1) * top)),
                ...(raw === undefined ? {} : { logits: Array.from(raw.subarray(i * top, (i + 1) * top)) }),
              });
            });
          }
          subscriber.complete();
        } catch (error) {
          subscriber.error(error);
        } finally {
          await batches.return?.();
        }
      })();
      return () => {
        closed = true;
      };
    });
}
