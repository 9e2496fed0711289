import * as tf from '@tensorflow/tfjs';
import { EmptyEpochError, trainStep } from '../loop/index.js';
import type { RunContext, TrainLoader } from '../loop/index.js';
import { minimumOverTen, steepest, suggestionWindow, type LrCurve } from './lr-suggestions.js';
import { checkArgument, integerRule } from '../../util/index.js';

export interface LrFinderOptions {
  readonly startLr?: number;
  readonly endLr?: number;
  /** Steps of the ramp (the finder may stop sooner). */
  readonly numIter?: number;
  /** β of the loss's exponential moving average (debiased), fastai's 0.98. */
  readonly smoothing?: number;
  /** Stop once the smoothed loss exceeds this many times its best. */
  readonly divergeFactor?: number;
}

export interface LrFinderResult extends LrCurve {
  /** Loss of each step as measured, before smoothing. */
  readonly rawLosses: readonly number[];
  readonly numIter: number;
  /** Why it stopped: the ramp ended, or the smoothed loss diverged (or was not finite). */
  readonly stopped: 'end' | 'diverged';
  /** The suggested rate: the rate at the lowest smoothed loss ÷ 10 (fastai's `minimum`). */
  readonly suggestion: number;
  readonly suggestedBy: 'minimum/10';
  /** Where the smoothed loss falls fastest (fastai's `steep`), for comparison. */
  readonly steepest: number;
}

const DEFAULTS = { startLr: 1e-7, endLr: 10, numIter: 100, smoothing: 0.98, divergeFactor: 4 };

/** The ramp's rate at step `i` of `numIter`: exponential from `startLr` to `endLr`. */
export const rampLr = (i: number, { startLr, endLr, numIter }: typeof DEFAULTS): number =>
  startLr * (endLr / startLr) ** (i / Math.max(numIter - 1, 1));

/**
 * The learning-rate range test (Smith; fastai's `lr_find`): trains on `loader`'s batches at a rate
 * rising exponentially from `startLr` to `endLr` over `numIter` steps, every group at its own
 * ratio to the first, records the debiased moving average of the loss, and stops once it exceeds
 * `divergeFactor` × its best. The model, the optimiser and the run's position are restored after,
 * whatever happens.
 */
export async function lrFinder(
  context: RunContext,
  loader: TrainLoader,
  options: LrFinderOptions = {},
): Promise<LrFinderResult> {
  const settings = { ...DEFAULTS, ...options };
  const { startLr, endLr, numIter, smoothing, divergeFactor } = settings;
  if (!(startLr > 0 && endLr > startLr))
    throw new RangeError(`lrFinder: expected 0 < startLr < endLr, got ${startLr} and ${endLr}`);
  checkArgument('lrFinder', 'numIter', numIter, integerRule({ min: 2 }));
  if (!(smoothing >= 0 && smoothing < 1))
    throw new RangeError(`lrFinder: smoothing must be in [0, 1), got ${smoothing}`);
  if (!(divergeFactor > 1)) throw new RangeError(`lrFinder: divergeFactor must be > 1, got ${divergeFactor}`);
  const saved = await context.snapshot();
  const ratios = context.optimizer.lrs.map((lr, _, all) => (all[0] === 0 ? 1 : lr / all[0]!));
  const lrs: number[] = [];
  const losses: number[] = [];
  const rawLosses: number[] = [];
  let average = 0;
  let best = Infinity;
  let stopped: LrFinderResult['stopped'] = 'end';
  try {
    epochs: for (let epoch = 0; lrs.length < numIter; epoch++) {
      let batches = 0;
      for await (const batch of loader.epoch(epoch)) {
        batches += 1;
        const lr = rampLr(lrs.length, settings);
        context.optimizer.setLrs(ratios.map((ratio) => lr * ratio));
        let stats: tf.Tensor1D;
        try {
          stats = trainStep(context, batch);
        } finally {
          tf.dispose([batch.x, batch.y]);
        }
        context.step += 1;
        const loss = (await stats.data())[0]!;
        stats.dispose();
        average = smoothing * average + (1 - smoothing) * loss;
        const smoothed = average / (1 - smoothing ** (lrs.length + 1));
        lrs.push(lr);
        rawLosses.push(loss);
        losses.push(smoothed);
        best = Math.min(best, smoothed);
        if (!Number.isFinite(smoothed) || smoothed > divergeFactor * best) {
          stopped = 'diverged';
          break epochs;
        }
        if (lrs.length >= numIter) break epochs;
      }
      if (batches === 0) throw new EmptyEpochError(epoch, await loader.batchesPerEpoch());
    }
  } finally {
    context.restore(saved);
  }
  const window = suggestionWindow({ lrs, losses }, numIter);
  return {
    lrs,
    losses,
    rawLosses,
    numIter,
    stopped,
    suggestion: minimumOverTen(window),
    suggestedBy: 'minimum/10',
    steepest: steepest(window),
  };
}
