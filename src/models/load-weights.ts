import * as tf from '@tensorflow/tfjs';
import { checkFinite, WeightMismatchError, type ShapeMismatch } from './errors.js';
import type { TorchStateDict } from './torch/torch-checkpoint.js';
import { torchParameters } from './torch-parameters.js';

export interface LoadWeightsOptions {
  /** Refuse missing and unexpected keys (shape mismatches are always refused). Default true. */
  readonly strict?: boolean;
  /** Keys or module prefixes to leave out on both sides, e.g. `['classifier.6']` for a new head. */
  readonly skip?: readonly string[];
  /** Named in a `NonFiniteWeightsError`. */
  readonly file?: string | undefined;
}

export interface LoadWeightsResult {
  readonly loaded: readonly string[];
  readonly missing: readonly string[];
  readonly unexpected: readonly string[];
}

/**
 * Copies a PyTorch state dict into a model whose layer names are PyTorch module names: convolution
 * kernels OIHW → HWIO, linear weights `[out, in]` → `[in, out]`, and a linear layer fed by a flatten
 * of `[h, w, c]` gets its inputs reordered from PyTorch's channel-major `(c, h, w)` flatten.
 * Throws a `WeightMismatchError` listing every missing, unexpected and mismatched key, and a
 * `NonFiniteWeightsError` naming a tensor that holds NaN or infinite values; either before anything is written.
 */
export function loadWeights(
  model: tf.LayersModel,
  stateDict: TorchStateDict,
  { strict = true, skip = [], file }: LoadWeightsOptions = {},
): LoadWeightsResult {
  const skipped = (key: string) => skip.some((prefix) => key === prefix || key.startsWith(`${prefix}.`));
  const parameters = torchParameters(model).filter((p) => !skipped(p.key));
  const known = new Set(parameters.map((p) => p.key));
  // PyTorch fills a BatchNorm's `num_batches_tracked` missing from older checkpoints with 0, and so does this.
  const missing = parameters.filter((p) => !stateDict.has(p.key) && p.torchDtype !== 'int64').map((p) => p.key);
  const unexpected = [...stateDict.keys()].filter((key) => !known.has(key) && !skipped(key));
  const mismatched: ShapeMismatch[] = parameters
    .filter((p) => stateDict.has(p.key) && !sameShape(stateDict.get(p.key)!.shape, p.torchShape))
    .map((p) => ({ key: p.key, checkpoint: stateDict.get(p.key)!.shape, model: p.torchShape }));
  if (mismatched.length > 0 || (strict && (missing.length > 0 || unexpected.length > 0))) {
    throw new WeightMismatchError(missing, unexpected, mismatched);
  }
  const loaded = parameters.filter((p) => stateDict.has(p.key));
  for (const parameter of loaded) checkFinite(parameter.key, stateDict.get(parameter.key)!.data, file);
  for (const parameter of loaded) {
    tf.tidy(() => {
      parameter.variable.write(
        tf.tensor(
          parameter.fromTorch(stateDict.get(parameter.key)!.data),
          parameter.variable.shape as number[],
          'float32',
        ),
      );
    });
  }
  return { loaded: loaded.map((p) => p.key), missing, unexpected };
}

const sameShape = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((d, i) => d === b[i]);

/** `model` with `stateDict` loaded strictly; on any error the model is disposed and the error thrown. */
export function withWeights(model: tf.LayersModel, stateDict: TorchStateDict, file?: string): tf.LayersModel {
  try {
    loadWeights(model, stateDict, { file });
    return model;
  } catch (error) {
    model.dispose();
    throw error;
  }
}
