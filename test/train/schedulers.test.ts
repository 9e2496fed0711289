import test from 'ava';
import fc from 'fast-check';
import { from, lastValueFrom, toArray } from 'rxjs';
import { fit, reduceLROnPlateau, runContext, stepLR, type TrainEvent } from '../../src/train/index.js';
import { tinyRun, useCpu } from './fixtures.js';

test.before(useCpu);

const epochEvent = (epoch: number): TrainEvent => ({
  kind: 'epoch',
  epoch,
  step: epoch,
  loss: 1,
  accuracy: 0.5,
  seconds: 0,
});
const validation = (epoch: number, loss: number): TrainEvent => ({
  kind: 'validation',
  epoch,
  step: epoch,
  loss,
  accuracy: 0.5,
  perClass: [0.5, 0.5],
});

test.serial('stepLR: after epoch e every learning rate is lr0 · gamma^floor((e + 1) / stepSize)', async (t) => {
  const run = tinyRun();
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 1, max: 4 }),
      fc.double({ min: 0.05, max: 0.95, noNaN: true }),
      fc.integer({ min: 1, max: 9 }),
      async (stepSize, gamma, epochs) => {
        run.optimizer.setLrs([0.1, 0.01]);
        const events = await lastValueFrom(
          from([...Array(epochs).keys()].map(epochEvent)).pipe(stepLR(run.context, { stepSize, gamma }), toArray()),
        );
        const lrEvents = events.filter((e) => e.kind === 'lr');
        const decays = Math.floor(epochs / stepSize);
        const expected = [0.1, 0.01].map((lr) => lr * gamma ** decays);
        return (
          lrEvents.length === decays &&
          run.optimizer.lrs.every((lr, i) => Math.abs(lr - expected[i]!) <= 1e-12 * expected[i]! + 1e-300)
        );
      },
    ),
    { numRuns: 60 },
  );
  t.pass();
  run.dispose();
});

test.serial(
  'stepLR in a run: the steps of epoch k use lr0 · 0.1^k, and each lr event follows its epoch event',
  async (t) => {
    const run = tinyRun();
    const events = await lastValueFrom(
      fit(run.context, run.loader, { epochs: 3 }).pipe(stepLR(run.context, { stepSize: 1, gamma: 0.1 }), toArray()),
    );
    for (const e of events) if (e.kind === 'step') t.true(Math.abs(e.lr - 0.05 * 0.1 ** e.epoch) < 1e-12);
    const kinds = events.map((e) => e.kind).filter((k) => k !== 'step');
    t.deepEqual(kinds, ['epoch', 'lr', 'epoch', 'lr', 'epoch', 'lr', 'done']);
    run.dispose();
  },
);

test.serial(
  'reduceLROnPlateau drops the lr once the loss has not improved for more than `patience` validations',
  async (t) => {
    const run = tinyRun();
    // best 1, then 0.9 (better), then three validations at 0.9: bad = 1, 2, 3 > patience 2 → drop after the fifth
    const losses = [1, 0.9, 0.9, 0.9, 0.9, 0.9];
    const events = await lastValueFrom(
      from(losses.map((loss, epoch) => validation(epoch, loss))).pipe(
        reduceLROnPlateau(run.context, { patience: 2, factor: 0.5 }),
        toArray(),
      ),
    );
    const drops = events.filter((e) => e.kind === 'lr');
    t.deepEqual(
      drops.map((e) => e.epoch),
      [4],
    );
    t.deepEqual(run.optimizer.lrs, [0.025, 0.025]);
    run.dispose();
  },
);

test.serial(
  'reduceLROnPlateau keeps its best value and bad count across a checkpoint of the run context',
  async (t) => {
    const run = tinyRun();
    const first = await lastValueFrom(
      from([validation(0, 1), validation(1, 1), validation(2, 1)]).pipe(
        reduceLROnPlateau(run.context, { patience: 2 }),
        toArray(),
      ),
    );
    t.is(first.filter((e) => e.kind === 'lr').length, 0);
    const saved = await run.context.snapshot();
    const resumed = runContext({ model: run.model, optimizer: run.optimizer });
    resumed.restore(saved);
    const after = await lastValueFrom(
      from([validation(3, 1)]).pipe(reduceLROnPlateau(resumed, { patience: 2 }), toArray()),
    );
    t.deepEqual(
      after.filter((e) => e.kind === 'lr').map((e) => e.epoch),
      [3],
    );
    run.dispose();
  },
);

test.serial('schedulers validate their options', (t) => {
  const run = tinyRun();
  t.throws(() => stepLR(run.context, { stepSize: 0 }), { instanceOf: RangeError, message: /stepSize/ });
  t.throws(() => reduceLROnPlateau(run.context, { factor: 1 }), { instanceOf: RangeError, message: /factor/ });
  run.dispose();
});
