import test from 'ava';
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { lastValueFrom, toArray } from 'rxjs';
import { alexnet } from '../../src/models/index.js';
import {
  CheckpointReadError,
  ConfigError,
  decodeCheckpoint,
  encodeCheckpoint,
  resolveConfig,
  trainStream,
  type ModelFactory,
  type TrainConfig,
} from '../../src/train/index.js';
import { tinyRun, useCpu } from './fixtures.js';
import { memoryLoader } from './memory-loader.js';
import { shapesDataset } from './shapes-dataset.js';

test.before(useCpu);

test('imageSize below AlexNet’s smallest input (63) is a ConfigError naming the minimum', (t) => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 62 }), (imageSize) => {
      const error = t.throws(() => resolveConfig({ data: 'd', imageSize }), { instanceOf: ConfigError });
      t.is(error.key, 'imageSize');
      t.regex(error.message, /expected an integer ≥ 63, the smallest input AlexNet accepts/);
    }),
    { numRuns: 30 },
  );
  t.is(resolveConfig({ data: 'd', imageSize: 63 }).imageSize, 63);
});

test('a factory states its own minimum input size, checked with the configuration', (t) => {
  const wide: ModelFactory = Object.assign(() => tf.sequential(), { minImageSize: 100 });
  t.is(
    t.throws(() => resolveConfig({ data: 'd', model: wide, imageSize: 99 }), { instanceOf: ConfigError }).key,
    'imageSize',
  );
  t.is(resolveConfig({ data: 'd', model: wide, imageSize: 100 }).imageSize, 100);
});

test.serial('a factory without a stated minimum is checked on the built model, before any step', async (t) => {
  const data = shapesDataset(8, 32, 1);
  const baseline = tf.memory().numTensors;
  const undeclared: ModelFactory = ({ numClasses }) => alexnet({ numClasses, widthDivisor: 16, seed: 1 });
  const config: TrainConfig = {
    data: { train: memoryLoader(data.images, data.labels, { batchSize: 4, sampleShape: [32, 32, 3] }) },
    model: undeclared,
    imageSize: 32,
    backend: 'cpu',
    epochs: 1,
  };
  const error = await t.throwsAsync(lastValueFrom(trainStream(config).pipe(toArray())), { instanceOf: ConfigError });
  t.is(error.key, 'imageSize');
  t.regex(
    error.message,
    /expected an integer ≥ 63, the smallest input model alexnet accepts \(layer features\.12 would have an empty output\), got 32/,
  );
  t.is(tf.memory().numTensors, baseline);
});

const badPlateau: Record<string, readonly unknown[]> = {
  threshold: [-1e-4, Number.NaN, '0.1', Infinity],
  thresholdMode: ['relative', 0, null],
  cooldown: [-1, 1.5, '2'],
  minLr: [-0.001, Number.NaN, 'low'],
  eps: [-1e-8, Infinity, '1e-8'],
};

test('lrDecay.plateau sub-options are each checked: a bad one is a ConfigError naming it', (t) => {
  const cases = Object.entries(badPlateau).flatMap(([key, values]) => values.map((value) => [key, value] as const));
  for (const [key, value] of cases) {
    const error = t.throws(
      () => resolveConfig({ data: 'd', lrDecay: { plateau: { [key]: value } } }),
      { instanceOf: ConfigError },
      `${key}: ${String(value)}`,
    );
    t.is(error.key, `lrDecay.plateau.${key}`);
  }
  t.notThrows(() =>
    resolveConfig({
      data: 'd',
      lrDecay: { plateau: { threshold: 0.01, thresholdMode: 'abs', cooldown: 2, minLr: 1e-6, eps: 0 } },
    }),
  );
});

/** The checkpoint's header replaced by `edit(header)`, re-sealed with a valid checksum. */
function withHeader(bytes: Buffer, edit: (header: Record<string, unknown>) => unknown): Buffer {
  const magic = 8;
  const length = bytes.readUInt32LE(magic);
  const header = JSON.parse(bytes.subarray(magic + 4, magic + 4 + length).toString('utf8')) as Record<string, unknown>;
  const json = Buffer.from(JSON.stringify(edit(header)), 'utf8');
  const padding = (4 - ((magic + 4 + json.length) % 4)) % 4;
  const lengthBytes = Buffer.alloc(4);
  lengthBytes.writeUInt32LE(json.length + padding);
  const body = Buffer.concat([
    bytes.subarray(0, magic),
    lengthBytes,
    json,
    Buffer.alloc(padding, 0x20),
    bytes.subarray(magic + 4 + length, bytes.length - 32),
  ]);
  return Buffer.concat([body, createHash('sha256').update(body).digest()]);
}

test.serial('a checkpoint with a valid checksum is still checked field by field', async (t) => {
  const run = tinyRun();
  const bytes = encodeCheckpoint(await run.context.snapshot());
  run.dispose();
  t.notThrows(() =>
    decodeCheckpoint(
      withHeader(bytes, (h) => h),
      'same.ckpt',
    ),
  );
  const tensor = (h: Record<string, unknown>) => (h.tensors as Record<string, unknown>[])[0];
  const edits: Record<string, (h: Record<string, unknown>) => unknown> = {
    'epoch is -5': (h) => ({ ...h, epoch: -5 }),
    'epoch is 1.5': (h) => ({ ...h, epoch: 1.5 }),
    'step is "3"': (h) => ({ ...h, step: '3' }),
    'seed is null': (h) => ({ ...h, seed: null }),
    'lrs is \\[-1\\]': (h) => ({ ...h, lrs: [-1] }),
    'lrs is \\[null\\]': (h) => ({ ...h, lrs: [null] }),
    'operators is not an object': (h) => ({ ...h, operators: [] }),
    'tensors is not a list': (h) => ({ ...h, tensors: {} }),
    'has the shape \\[-2,3\\]': (h) => ({ ...h, tensors: [{ ...tensor(h), shape: [-2, 3] }] }),
    'has the offset -1': (h) => ({ ...h, tensors: [{ ...tensor(h), offset: -1 }] }),
    'unknown section "gradients"': (h) => ({ ...h, tensors: [{ ...tensor(h), section: 'gradients' }] }),
    'appears twice in weights': (h) => ({ ...h, tensors: [tensor(h), tensor(h)] }),
    'the header is not an object': () => [1],
  };
  for (const [message, edit] of Object.entries(edits)) {
    const error = t.throws(
      () => decodeCheckpoint(withHeader(bytes, edit), 'bad.ckpt'),
      { instanceOf: CheckpointReadError },
      message,
    );
    t.regex(error.message, new RegExp(`^cannot read checkpoint bad\\.ckpt: invalid header: .*${message}`));
  }
});
