import test from 'ava';
import * as tf from '@tensorflow/tfjs';
import { lastValueFrom, toArray } from 'rxjs';
import { parameterGroups } from '../../../src/models/parameter-groups.js';
import {
  adam,
  cosineAnnealing,
  cosineWarmRestarts,
  fit,
  linearLR,
  lrSchedule,
  oneCycle,
  runContext,
  sequential,
  sgd,
  wrapOptimizer,
  type Optimizer,
  type Schedule,
} from '../../../src/train/index.js';
import { SIZE, useCpu } from '../fixtures.js';
import { memoryLoader } from '../memory-loader.js';
import reference from '../reference/schedules.json' with { type: 'json' };
import { shapesDataset } from '../shapes-dataset.js';
import { tinyModel } from '../tiny-model.js';

test.before(useCpu);

const TOTAL = reference.epochs * reference.stepsPerEpoch;

/** The same schedules as reference/schedules.py builds, by case name. */
const SCHEDULES: Record<string, Schedule> = {
  'linear warm-up, per step': linearLR({ startFactor: 0.1, totalIters: 8 }),
  'cosine, per step': cosineAnnealing({ tMax: TOTAL, etaMin: 1e-4 }),
  'cosine with warm restarts, per step': cosineWarmRestarts({ t0: 7, tMult: 2, etaMin: 1e-5 }),
  'one-cycle, per step (SGD momentum)': oneCycle({ totalSteps: TOTAL }),
  'one-cycle three-phase linear, per step (Adam beta1)': oneCycle({
    totalSteps: TOTAL,
    pctStart: 0.25,
    annealStrategy: 'linear',
    threePhase: true,
  }),
  'warm-up then cosine, per step': sequential(
    [linearLR({ startFactor: 0.01, totalIters: 5 }), cosineAnnealing({ tMax: TOTAL - 5 })],
    [5],
  ),
  'cosine, per epoch': cosineAnnealing({ tMax: reference.epochs, etaMin: 1e-3 }),
  'linear warm-up, per epoch': linearLR({ startFactor: 0.5, totalIters: 2 }),
  'warm-up then cosine, per epoch': sequential(
    [linearLR({ startFactor: 0.25, totalIters: 1 }), cosineAnnealing({ tMax: reference.epochs - 1 })],
    [1],
  ),
  'cosine with warm restarts, per epoch': cosineWarmRestarts({ t0: 2 }),
};

type Case = (typeof reference.cases)[keyof typeof reference.cases];

/** A 3-epoch run of 10 steps on the tiny model, its optimiser recording the rates and momenta each step used. */
async function usedBy(schedule: Schedule, run: Case): Promise<{ lrs: number[][]; momenta: number[][] }> {
  const model = tinyModel({ size: SIZE, seed: 3 });
  const groups = parameterGroups(model).map((group, i) => ({ ...group, lr: reference.groupLrs[i]! }));
  const inner = run.optimizer === 'sgd' ? sgd({ lr: 0.1, momentum: 0.9, groups }) : adam({ lr: 0.1, groups });
  const used = { lrs: [] as number[][], momenta: [] as number[][] };
  const recording: Optimizer = wrapOptimizer(inner, {
    step(grads) {
      used.lrs.push([...inner.lrs]);
      used.momenta.push([...inner.momenta!]);
      // The rates are under test, not the descent: a zero gradient keeps the tiny model finite at any rate.
      const zero = tf.tidy(() => Object.fromEntries(Object.entries(grads).map(([name, g]) => [name, tf.zerosLike(g)])));
      inner.step(zero);
      tf.dispose(zero);
    },
  });
  const context = runContext({ model, optimizer: recording });
  const data = shapesDataset(reference.stepsPerEpoch * 2, SIZE, 11);
  const loader = memoryLoader(data.images, data.labels, { batchSize: 2, sampleShape: [SIZE, SIZE, 3] });
  await lastValueFrom(
    fit(context, loader, { epochs: reference.epochs }).pipe(
      lrSchedule(context, schedule, { interval: run.interval as 'step' | 'epoch' }),
      toArray(),
    ),
  );
  context.dispose();
  model.dispose();
  return used;
}

const within = (got: number[][], expected: number[][], tolerance: number): string | undefined => {
  for (const [s, row] of expected.entries()) {
    for (const [g, value] of row.entries()) {
      if (!(Math.abs(got[s]![g]! - value) <= tolerance))
        return `step ${s}, group ${g}: ${got[s]![g]} vs PyTorch ${value}`;
    }
  }
  return undefined;
};

for (const [name, run] of Object.entries(reference.cases)) {
  test.serial(
    `${name}: the rate${SCHEDULES[name]!.momentum ? ' and momentum' : ''} each step of 3 epochs uses equals PyTorch's within 1e-7 (reference/schedules.py)`,
    async (t) => {
      const before = tf.memory().numTensors;
      const used = await usedBy(SCHEDULES[name]!, run);
      t.is(used.lrs.length, TOTAL);
      t.is(within(used.lrs, run.lrs, 1e-7), undefined);
      if (SCHEDULES[name]!.momentum) t.is(within(used.momenta, run.momenta, 1e-7), undefined);
      const closedForm = run.lrs.map((_, s) =>
        reference.groupLrs.map((base) =>
          SCHEDULES[name]!.lr(run.interval === 'step' ? s : Math.floor(s / reference.stepsPerEpoch), base),
        ),
      );
      t.is(within(closedForm, run.lrs, 1e-7), undefined);
      t.is(tf.memory().numTensors, before);
    },
  );
}

test('schedules refuse bad options, naming them', (t) => {
  t.throws(() => cosineAnnealing({ tMax: 0 }), { message: /cosineAnnealing: tMax must be a positive integer, got 0/ });
  t.throws(() => sequential([linearLR(), cosineAnnealing({ tMax: 3 })], []), {
    message: /sequential: expected 1 milestones for 2 schedules, got 0/,
  });
  t.throws(() => oneCycle({ totalSteps: 4 }).lr(5, 0.1), { message: /oneCycle: step 5 is past totalSteps 4/ });
});
