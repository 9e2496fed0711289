import test from 'ava';
import fc from 'fast-check';
import { ConfigError, DEFAULTS, resolveConfig, trainStream, type TrainConfig } from '../../src/train/index.js';

test('the defaults are the seed script’s values', (t) => {
  const resolved = resolveConfig({ data: 'data/train' });
  t.like(resolved, {
    epochs: 3,
    batchSize: 128,
    validBatchSize: 4,
    lr: 0.001,
    momentum: 0.9,
    weightDecay: 0,
    lrDecay: { stepSize: 1, gamma: 0.1 },
    valInterval: 1,
    logInterval: 1,
    imageSize: 224,
    featuresLrScale: 1,
    numClasses: 2,
    seed: 620,
    split: 0.9,
  });
  t.deepEqual(resolveConfig({ data: 'd', lr: 0.01, epochs: 5 }), { ...DEFAULTS, data: 'd', lr: 0.01, epochs: 5 });
});

const badValues: Record<string, readonly unknown[]> = {
  epochs: [0, 1.5, '3', -1, null],
  batchSize: [0, 2.5, 'big'],
  lr: [-0.1, Number.NaN, Infinity, '0.1'],
  momentum: [1.5, -0.1],
  weightDecay: [-1],
  numClasses: [1, 0, 2.2],
  split: [0, 1.1],
  seed: [-1, 0.5],
  featuresLrScale: [-0.1],
  imageSize: [0, 7],
  backend: ['gpu', 3],
  logInterval: [0],
  valInterval: [0],
  maxIterations: [0],
  workers: [-1, 1.5, '2'],
  model: ['alexnet', 3],
  weights: ['', 7],
  data: [3, '', { train: {} }, { train: null }],
};

test('an impossible or wrongly typed value is a ConfigError naming its key', (t) => {
  const cases = Object.entries(badValues).flatMap(([key, values]) => values.map((value) => [key, value] as const));
  fc.assert(
    fc.property(fc.constantFrom(...cases), ([key, value]) => {
      const config = { data: 'data/train', [key]: value } as unknown as TrainConfig;
      const error = t.throws(() => trainStream(config), { instanceOf: ConfigError });
      t.is(error.key, key);
      t.true(error.message.startsWith(`config.${key}: expected `));
    }),
    { numRuns: 200 },
  );
});

test('unknown keys, also nested ones, are ConfigErrors naming them', (t) => {
  t.is(
    t.throws(() => trainStream({ data: 'd', learningRate: 0.1 } as unknown as TrainConfig), { instanceOf: ConfigError })
      .key,
    'learningRate',
  );
  t.is(
    t.throws(() => trainStream({ data: 'd', lrDecay: { stepSize: 1, gama: 0.1 } } as unknown as TrainConfig), {
      instanceOf: ConfigError,
    }).key,
    'lrDecay.gama',
  );
  t.is(
    t.throws(() => trainStream({ data: 'd', lrDecay: { plateau: { patients: 2 } } } as unknown as TrainConfig), {
      instanceOf: ConfigError,
    }).key,
    'lrDecay.plateau.patients',
  );
  t.is(
    t.throws(() => trainStream({ data: 'd', lrDecay: { stepSize: 0 } }), { instanceOf: ConfigError }).key,
    'lrDecay.stepSize',
  );
  t.is(t.throws(() => trainStream({} as TrainConfig), { instanceOf: ConfigError }).key, 'data');
  t.is(t.throws(() => trainStream({ data: 'd', resume: 'latest' }), { instanceOf: ConfigError }).key, 'resume');
});
