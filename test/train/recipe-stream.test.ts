import test from 'ava';
import * as tf from '@tensorflow/tfjs';
import { join } from 'node:path';
import { lastValueFrom, takeWhile, toArray } from 'rxjs';
import {
  ConfigError,
  oneCycle,
  readCheckpoint,
  trainStream,
  type StepEvent,
  type TrainConfig,
  type TrainEvent,
} from '../../src/train/index.js';
import { nextTurn, tinyTrainConfigs, useCpu } from './fixtures.js';
import { tempFolder } from '../temp-folder.js';

test.before(useCpu);

/** AdamW, no decay on biases, warm-up then cosine per step, label smoothing, mixup or cutmix, clipping, 2-batch accumulation. */
const modern: Partial<TrainConfig> = {
  epochs: 3,
  lr: 0.003,
  optimizer: 'adamw',
  noDecay: true,
  lrDecay: null,
  schedule: { kind: 'cosine', warmup: 3, warmupStartFactor: 0.1 },
  labelSmoothing: 0.1,
  mixing: { mixup: 0.4, cutmix: 1 },
  clipGradNorm: 1,
  accumulate: 2,
};
const config = tinyTrainConfigs(40, modern);
const stepsOf = (events: TrainEvent[]) => events.filter((e): e is StepEvent => e.kind === 'step');
const trace = (events: TrainEvent[], from: number) =>
  events.flatMap((e) =>
    e.kind === 'step' && e.epoch >= from
      ? [`${e.step}:${e.loss}:${e.lrs.join('/')}`]
      : e.kind === 'validation' && e.epoch >= from
        ? [`v${e.epoch}:${e.loss}`]
        : [],
  );

test.serial(
  'resume in the middle of an AdamW warm-up + cosine run (accumulating, clipping, mixing) continues bit-exact',
  async (t) => {
    const baseline = tf.memory().numTensors;
    const wholeDir = await tempFolder(t, 'recipe');
    const whole = await lastValueFrom(trainStream(config({ outDir: wholeDir })).pipe(toArray()));
    const dir = await tempFolder(t, 'recipe');
    await lastValueFrom(
      trainStream(config({ outDir: dir })).pipe(
        takeWhile((e) => e.kind !== 'checkpoint', true),
        toArray(),
      ),
    );
    await nextTurn();
    const cut = await readCheckpoint(join(dir, 'checkpoints', 'epoch-0001.ckpt'));
    t.is(cut.step, 5);
    t.like(cut.optimizer.hyper, { kind: 'adamw', accumulated: 1, steps: { 'features.0/kernel': 2 } });
    const resumed = await lastValueFrom(trainStream(config({ outDir: dir, resume: 'latest' })).pipe(toArray()));
    t.is(stepsOf(resumed)[0]!.step, 6);
    t.deepEqual(trace(resumed, 0), trace(whole, 1));
    const [a, b] = await Promise.all([
      readCheckpoint(join(wholeDir, 'checkpoints', 'epoch-0003.ckpt')),
      readCheckpoint(join(dir, 'checkpoints', 'epoch-0003.ckpt')),
    ]);
    t.deepEqual(b.weights, a.weights);
    t.deepEqual(b.optimizer, a.optimizer);
    t.is(tf.memory().numTensors, baseline);
  },
);

test.serial(
  'the schedule sets the rate every step: warm-up from lr·0.1 over 3 updates, then cosine down over the rest',
  async (t) => {
    const events = await lastValueFrom(trainStream(config({ mixing: null, accumulate: 1 })).pipe(toArray()));
    const lrs = stepsOf(events).map((e) => e.lrs[0]);
    t.is(lrs.length, 15);
    const expected = lrs.map((_, s) =>
      s < 3 ? 0.003 * (0.1 + (0.9 * s) / 3) : (0.003 * (1 + Math.cos((Math.PI * (s - 3)) / 12))) / 2,
    );
    lrs.forEach((lr, s) => t.true(Math.abs(lr! - expected[s]!) < 1e-12, `step ${s}: ${lr} vs ${expected[s]}`));
    t.deepEqual(stepsOf(events)[0]!.lrs.length, 4, 'features, features.no_decay, classifier, classifier.no_decay');
  },
);

test.serial(
  'a one-cycle schedule through trainStream sets the rate of Nesterov SGD at every step of the run to the OneCycleLR curve',
  async (t) => {
    const events = await lastValueFrom(
      trainStream(
        config({
          optimizer: 'sgd',
          nesterov: true,
          noDecay: false,
          schedule: { kind: 'one-cycle' },
          mixing: null,
          accumulate: 1,
          clipGradNorm: null,
        }),
      ).pipe(toArray()),
    );
    const lrs = stepsOf(events).map((e) => e.lr);
    const curve = oneCycle({ totalSteps: 15 });
    t.deepEqual(
      lrs,
      lrs.map((_, s) => curve.lr(s, 0.003)),
    );
  },
);

test.serial('recipe keys are checked before any work, naming the key and what was expected', (t) => {
  const cases: [Partial<TrainConfig>, string, RegExp][] = [
    [{ optimizer: 'lamb' as never }, 'optimizer', /'sgd', 'adam', 'adamw'/],
    [{ schedule: { kind: 'cosine' }, lrDecay: { stepSize: 1 } }, 'lrDecay', /null or left out when a schedule is set/],
    [{ schedule: { kind: 'one-cycle', warmup: 2 } }, 'schedule.warmup', /0 with one-cycle/],
    [{ mixing: {} }, 'mixing', /mixup and\/or cutmix/],
    [{ labelSmoothing: 2 }, 'labelSmoothing', /a number in \[0, 1\]/],
    [{ accumulate: 0 }, 'accumulate', /an integer ≥ 1/],
    [{ betas: [0.9, 1] }, 'betas', /values in \[0, 1\)/],
  ];
  for (const [extra, key, expected] of cases) {
    const error = t.throws(() => trainStream(config({ lrDecay: undefined, ...extra })), { instanceOf: ConfigError });
    t.is(error.key, key);
    t.regex(error.message, expected);
  }
});
