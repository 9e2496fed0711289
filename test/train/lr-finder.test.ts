import test from 'ava';
import * as tf from '@tensorflow/tfjs';
import { lrFinder, minimumOverTen, steepest, suggestionWindow } from '../../src/train/index.js';
import { tinyRun, useCpu } from './fixtures.js';
import recorded from './reference/lr-find-recorded.json' with { type: 'json' };
import fastai from './reference/lr-find-fastai.json' with { type: 'json' };

test.before(useCpu);

test("on the curve the finder recorded on the demo data, its suggestions equal fastai's `minimum` and `steep` (reference/lr-find-fastai.py)", (t) => {
  const window = suggestionWindow(recorded, recorded.numIter);
  t.deepEqual(
    [window.lrs.length, window.lrs[0]],
    [fastai.window[1]! - fastai.window[0]!, recorded.lrs[fastai.window[0]!]],
  );
  // fastai holds the rates as float32 tensors: equal up to float32 rounding.
  t.true(
    Math.abs(minimumOverTen(window) - fastai.minimum) <= 1e-7 * fastai.minimum,
    `${minimumOverTen(window)} vs ${fastai.minimum}`,
  );
  t.true(Math.abs(steepest(window) - fastai.steep) <= 1e-7 * fastai.steep, `${steepest(window)} vs ${fastai.steep}`);
  t.is(recorded.suggestion, minimumOverTen(window));
});

test.serial(
  'the finder ramps exponentially, stops once the smoothed loss passes 4× its best, and leaves model, optimiser and position as they were',
  async (t) => {
    const run = tinyRun({ count: 32, batchSize: 4 });
    const baseline = tf.memory().numTensors;
    // Some momentum in the optimiser first, so its state is worth restoring.
    const { value, grads } = tf.variableGrads(
      () => run.context.loss(run.model.apply(tf.zeros([2, 16, 16, 3])) as tf.Tensor, tf.tensor1d([0, 1], 'int32')),
      run.optimizer.trainableVariables(),
    );
    run.optimizer.step(grads);
    tf.dispose([value, grads]);
    run.context.step = 7;
    const before = await run.context.snapshot();
    const tensorsBefore = tf.memory().numTensors;
    const result = await lrFinder(run.context, run.loader, { startLr: 1e-4, endLr: 1e3, numIter: 60 });
    t.is(result.stopped, 'diverged');
    t.true(result.lrs.length < 60);
    result.lrs.forEach((lr, i) => t.true(Math.abs(lr - 1e-4 * 1e7 ** (i / 59)) <= 1e-12 * lr, `step ${i}: ${lr}`));
    const last = result.losses.length - 1;
    const bestBefore = Math.min(...result.losses.slice(0, last));
    t.true(!Number.isFinite(result.losses[last]) || result.losses[last]! > 4 * bestBefore);
    result.losses.slice(0, last).forEach((loss, i) => t.true(loss <= 4 * Math.min(...result.losses.slice(0, i + 1))));
    t.is(result.suggestion, minimumOverTen(suggestionWindow(result, 60)));
    t.deepEqual(await run.context.snapshot(), before);
    t.is(tf.memory().numTensors, tensorsBefore);
    run.dispose();
    t.true(tf.memory().numTensors <= baseline);
  },
);

test.serial("the smoothed loss is fastai's debiased moving average (β = 0.98) of the step losses", async (t) => {
  const run = tinyRun({ count: 16, batchSize: 4 });
  const result = await lrFinder(run.context, run.loader, { startLr: 1e-6, endLr: 1e-5, numIter: 10 });
  t.is(result.stopped, 'end');
  let average = 0;
  result.rawLosses.forEach((loss, i) => {
    average = 0.98 * average + (1 - 0.98) * loss;
    t.is(result.losses[i], average / (1 - 0.98 ** (i + 1)));
  });
  run.dispose();
});

test('the finder refuses a ramp that does not rise, naming its ends', async (t) => {
  const run = tinyRun();
  await t.throwsAsync(lrFinder(run.context, run.loader, { startLr: 1, endLr: 0.1 }), {
    instanceOf: RangeError,
    message: /expected 0 < startLr < endLr, got 1 and 0.1/,
  });
  run.dispose();
});
