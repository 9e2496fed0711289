import type * as tf from '@tensorflow/tfjs';
import { identity, type MonoTypeOperatorFunction } from 'rxjs';
import { parameterGroups } from '../../models/index.js';
import { mixedLoader, cutmix, mixOrCut, mixup } from '../batch-mixing/index.js';
import type { ResolvedConfig } from './config.js';
import type { TrainEvent, RunContext, TrainLoader } from '../loop/index.js';
import {
  crossEntropyLoss,
  type LossFunction,
  accumulateGradients,
  adam,
  adamw,
  withGradClipping,
  withoutDecay,
  sgd,
  type Optimizer,
} from '../optim/index.js';
import type { ScheduleConfig } from './recipe-config.js';
import { reduceLROnPlateau, stepLR } from '../operators/index.js';
import {
  cosineAnnealing,
  cosineWarmRestarts,
  linearLR,
  lrSchedule,
  oneCycle,
  type OneCycleOptions,
  sequential,
} from '../schedules/index.js';
import type { Schedule } from '../schedules/index.js';

/**
 * The run's optimiser over the model's parameter groups (the backbone, AlexNet's `features`, learns at `lr · featuresLrScale`),
 * split for `noDecay`, with clipping inside accumulation: the mean gradient of the accumulated
 * batches is clipped, once per step, as PyTorch loops do.
 */
export function optimizerFor(model: tf.LayersModel, config: ResolvedConfig): Optimizer {
  const layerGroups = parameterGroups(model).map((group) => ({
    ...group,
    lr: group.role === 'backbone' ? config.lr * config.featuresLrScale : config.lr,
  }));
  const groups =
    config.noDecay === false
      ? layerGroups
      : withoutDecay(layerGroups, config.noDecay === true ? undefined : config.noDecay);
  const { lr, weightDecay } = config;
  const inner =
    config.optimizer === 'sgd'
      ? sgd({ lr, momentum: config.momentum, weightDecay, nesterov: config.nesterov, groups })
      : (config.optimizer === 'adamw' ? adamw : adam)({
          lr,
          weightDecay,
          betas: [config.betas[0], config.betas[1]],
          eps: config.eps,
          groups,
        });
  const clipped = config.clipGradNorm === null ? inner : withGradClipping(inner, { maxNorm: config.clipGradNorm });
  return accumulateGradients(clipped, config.accumulate);
}

export const lossFor = (config: ResolvedConfig): LossFunction =>
  crossEntropyLoss({ labelSmoothing: config.labelSmoothing });

/** The training loader, mixed when `mixing` asks for it. */
export function trainLoaderFor(loader: TrainLoader, config: ResolvedConfig): TrainLoader {
  const mixing = config.mixing;
  if (mixing === null) return loader;
  const mixers = [
    mixing.mixup === undefined ? [] : [mixup(mixing.mixup)],
    mixing.cutmix === undefined ? [] : [cutmix(mixing.cutmix)],
  ].flat();
  const mixer = mixers.length === 2 ? mixOrCut(mixers[0]!, mixers[1]!, mixing.switchProbability) : mixers[0]!;
  return mixedLoader(loader, mixer, {
    numClasses: config.numClasses,
    seed: config.seed,
    probability: mixing.probability,
  });
}

const constant: Schedule = { name: 'constant', lr: (_, base) => base };

/** `schedule`'s curve for a run of `total` steps (or epochs). */
export function scheduleOf(schedule: ScheduleConfig, total: number): Schedule {
  if (schedule.kind === 'custom') return schedule.schedule!;
  if (schedule.kind === 'one-cycle')
    return oneCycle({ ...(schedule.oneCycle as Partial<OneCycleOptions>), totalSteps: total });
  const warmup = schedule.warmup ?? 0;
  const etaMin = schedule.etaMin ?? 0;
  const main =
    schedule.kind === 'constant'
      ? constant
      : schedule.restart !== undefined
        ? cosineWarmRestarts({ ...schedule.restart, etaMin })
        : cosineAnnealing({ tMax: Math.max(total - warmup, 1), etaMin });
  return warmup === 0
    ? main
    : sequential([linearLR({ startFactor: schedule.warmupStartFactor, totalIters: warmup }), main], [warmup]);
}

/** The learning-rate operator: `schedule`, else `lrDecay`'s StepLR or ReduceLROnPlateau, else none. */
export function lrOperator(
  context: RunContext,
  config: ResolvedConfig,
  batchesPerEpoch: number,
): MonoTypeOperatorFunction<TrainEvent> {
  const { schedule } = config;
  if (schedule !== null) {
    const interval = schedule.interval ?? 'step';
    const batches = Math.min(config.epochs * batchesPerEpoch, config.maxIterations ?? Infinity);
    const total = interval === 'epoch' ? config.epochs : Math.ceil(batches / config.accumulate);
    return lrSchedule(context, scheduleOf(schedule, total), { interval, stepsPerUpdate: config.accumulate });
  }
  const decay = config.lrDecay;
  if (decay === null) return identity;
  return 'plateau' in decay ? reduceLROnPlateau(context, decay.plateau) : stepLR(context, decay);
}
