import test from 'ava';
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lastValueFrom, take, toArray } from 'rxjs';
import sharp from 'sharp';
import { initBackend } from '../../src/backend/index.js';
import { demoAlexNet } from '../../src/cli/demo/demo-model.js';
import { webgpuAdapter } from '../../src/backend/loaders/webgpu.js';
import { assertBatchFits, BatchTooLargeError, footprint } from '../../src/backend/webgpu-batch-limit.js';
import { alexnet } from '../../src/models/index.js';
import {
  trainStream,
  type EpochEvent,
  type StepEvent,
  type TrainConfig,
  type TrainEvent,
} from '../../src/train/index.js';
import { webgpuTest } from './webgpu-available.js';

const IMAGE = 64;
let folder = '';

/** A Kaggle-style folder of 24 images: cats are bluish, dogs reddish, each a little different. */
test.before(async () => {
  folder = await mkdtemp(join(tmpdir(), 'rxtrain-webgpu-'));
  for (let i = 0; i < 24; i++) {
    const dog = i % 2 === 1;
    const shade = 30 + ((i * 37) % 60);
    const background = dog ? { r: 170 + shade, g: shade, b: 40 } : { r: 40, g: shade, b: 170 + shade };
    await sharp({ create: { width: 72 + (i % 5), height: 70, channels: 3, background } })
      .jpeg()
      .toFile(join(folder, `${dog ? 'dog' : 'cat'}.${i}.jpg`));
  }
});
test.after.always(() => rm(folder, { recursive: true, force: true }));

const config = (backend: 'wasm' | 'webgpu', extra: Partial<TrainConfig> = {}): TrainConfig => ({
  data: folder,
  backend,
  widthDivisor: 16,
  imageSize: IMAGE,
  batchSize: 4,
  validBatchSize: 2,
  epochs: 3,
  lr: 0.01,
  lrDecay: null,
  model: demoAlexNet, // He-normal: a narrow AlexNet from torchvision's initialisation barely moves in a test's budget
  ...extra,
});

const kinds = (events: TrainEvent[]) =>
  events.map((e) => (e.kind === 'step' ? `step ${e.epoch}.${e.iteration}` : e.kind));
const run = (c: TrainConfig) => lastValueFrom(trainStream(c).pipe(toArray()));

webgpuTest(
  'trainStream on a generated folder learns on webgpu as on wasm: the same events, falling loss, no memory left behind',
  async (t) => {
    await initBackend({ backend: 'webgpu' });
    const before = tf.memory() as tf.MemoryInfo & { numBytesInGPU: number };
    const gpu = await run(config('webgpu'));
    const after = tf.memory() as tf.MemoryInfo & { numBytesInGPU: number };
    const wasm = await run(config('wasm'));
    t.deepEqual(kinds(gpu), kinds(wasm));
    const epochLoss = gpu.filter((e): e is EpochEvent => e.kind === 'epoch').map((e) => e.loss);
    t.log(`epoch losses on webgpu: ${epochLoss.map((l) => l.toFixed(4)).join(' ')}`);
    t.true(epochLoss.at(-1)! < epochLoss[0]!, 'the loss falls');
    const first = (events: TrainEvent[]) => events.find((e): e is StepEvent => e.kind === 'step')!.loss;
    t.true(
      Math.abs(first(gpu) - first(wasm)) <= 1e-3 * first(wasm),
      `first loss ${first(gpu)} (webgpu) vs ${first(wasm)} (wasm)`,
    );
    t.is(after.numTensors, before.numTensors);
    t.is(after.numBytesInGPU, before.numBytesInGPU);
  },
);

webgpuTest('a trainStream cancelled mid-epoch on webgpu leaves no tensor and no GPU bytes in use', async (t) => {
  await initBackend({ backend: 'webgpu' });
  const before = tf.memory() as tf.MemoryInfo & { numBytesInGPU: number };
  await lastValueFrom(trainStream(config('webgpu')).pipe(take(2)));
  await new Promise((resolve) => setTimeout(resolve, 200));
  const after = tf.memory() as tf.MemoryInfo & { numBytesInGPU: number };
  t.is(after.numTensors, before.numTensors);
  t.is(after.numBytesInGPU, before.numBytesInGPU);
});

webgpuTest(
  'a batch too big for the device fails up front with a typed error naming the limit and the largest batch that fits',
  async (t) => {
    const found = await webgpuAdapter();
    if (typeof found === 'string') return t.fail(found);
    const model = alexnet({ numClasses: 2, widthDivisor: 16 });
    const perImage = footprint(model, [IMAGE, IMAGE, 3]).perImage.bytes;
    model.dispose();
    const largest = Math.floor(found.limits.maxStorageBufferBindingSize / perImage);
    const error = await t.throwsAsync(run(config('webgpu', { batchSize: largest + 1 })), {
      instanceOf: BatchTooLargeError,
    });
    t.is(error?.largestBatch, largest);
    t.regex(
      error?.message ?? '',
      new RegExp(`maxStorageBufferBindingSize .*the largest batch that fits is ${largest}$`),
    );
  },
);

test('a batch fits exactly when every tensor it needs is within the binding limit', (t) => {
  const model = alexnet({ numClasses: 2, widthDivisor: 16 });
  const image = [IMAGE, IMAGE, 3];
  const { perImage, weight } = footprint(model, image);
  fc.assert(
    fc.property(
      fc.integer({ min: weight.bytes, max: 2 ** 31 }),
      fc.integer({ min: 1, max: 1 << 16 }),
      (binding, batch) => {
        const limits = { maxStorageBufferBindingSize: binding, maxBufferSize: 2 ** 32 };
        const fits = batch * perImage.bytes <= binding;
        try {
          assertBatchFits(model, batch, image, limits);
          return fits;
        } catch (error) {
          return (
            !fits &&
            error instanceof BatchTooLargeError &&
            error.largestBatch * perImage.bytes <= binding &&
            (error.largestBatch + 1) * perImage.bytes > binding
          );
        }
      },
    ),
  );
  const tooSmall = { maxStorageBufferBindingSize: weight.bytes - 1, maxBufferSize: 2 ** 32 };
  const error = t.throws(() => assertBatchFits(model, 1, image, tooSmall), { instanceOf: BatchTooLargeError });
  t.is(error?.largestBatch, 0);
  t.regex(error?.message ?? '', new RegExp(`weight ${weight.name} .*no batch fits`));
  model.dispose();
});
