import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import test from 'ava';
import fc from 'fast-check';
import * as tf from '@tensorflow/tfjs';
import { torchPython } from '../../bench/torch-python.js';
import {
  alexnet,
  encodeTorchStateDict,
  loadTorchCheckpoint,
  loadWeights,
  parseTorchCheckpoint,
  saveTorchWeights,
  type AlexNetOptions,
} from '../../src/models/index.js';
import { ZipArchive } from '../../src/models/torch/zip-archive.js';

const SCRIPT = fileURLToPath(new URL('../../scripts/torch/reference.py', import.meta.url));
const python = torchPython('torch, torchvision');

test.before(async () => {
  await tf.setBackend('cpu');
});

const tensorArbitrary = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 }).chain((shape) =>
  fc.record({
    shape: fc.constant(shape),
    data: fc.float32Array({
      minLength: shape.reduce((a, b) => a * b, 1),
      maxLength: shape.reduce((a, b) => a * b, 1),
      noDefaultInfinity: true,
      noNaN: true,
    }),
  }),
);

test('a state dict written as a .pth reads back with the same keys, order, shapes and values', (t) => {
  fc.assert(
    fc.property(
      fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9_.]{0,12}$/), { minLength: 1, maxLength: 6 }),
      fc.array(tensorArbitrary, { minLength: 6, maxLength: 6 }),
      (keys, tensors) => {
        const stateDict = new Map(keys.map((key, i) => [key, tensors[i]!]));
        const read = parseTorchCheckpoint(encodeTorchStateDict(stateDict));
        return (
          [...read.keys()].join() === keys.join() &&
          keys.every(
            (key) =>
              read.get(key)!.shape.join() === stateDict.get(key)!.shape.join() &&
              read.get(key)!.data.every((v, i) => Object.is(v, stateDict.get(key)!.data[i])),
          )
        );
      },
    ),
  );
  t.pass();
});

test("the .pth has PyTorch's zip layout: archive/data.pkl, byteorder, data/<i>, version, stored, data 64-byte aligned", (t) => {
  const bytes = encodeTorchStateDict(
    new Map([
      ['a.weight', { shape: [2, 3], data: new Float32Array(6).fill(1.5) }],
      ['a.bias', { shape: [2], data: new Float32Array([1, 2]) }],
    ]),
  );
  const zip = new ZipArchive(bytes);
  t.deepEqual(zip.names, [
    'archive/data.pkl',
    'archive/byteorder',
    'archive/data/0',
    'archive/data/1',
    'archive/version',
  ]);
  t.is(new TextDecoder().decode(zip.read('archive/byteorder')), 'little');
  t.is(new TextDecoder().decode(zip.read('archive/version')), '3\n');
  t.deepEqual([...new Float32Array(zip.read('archive/data/1').slice().buffer)], [1, 2]);
  for (const name of zip.names) t.is(zip.read(name).byteOffset % 64, 0, name);
});

const modelCases: Array<[string, AlexNetOptions]> = [
  ['torchvision, width ÷ 16, 3 classes', { widthDivisor: 16, numClasses: 3, seed: 5 }],
  ['paper, width ÷ 16, 4 classes', { variant: 'paper', widthDivisor: 16, numClasses: 4, seed: 6 }],
];

for (const [name, options] of modelCases) {
  test.serial(`saveTorchWeights (${name}) reads back with rxtrain's own loader into the same logits`, async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'rxtrain-pth-'));
    t.teardown(() => rm(dir, { recursive: true, force: true }));
    const model = alexnet(options);
    const path = join(dir, 'model.pth');
    await saveTorchWeights(model, path);
    const copy = alexnet({ ...options, seed: 99 });
    const before = tf.memory().numTensors;
    loadWeights(copy, await loadTorchCheckpoint(path));
    const size = options.variant === 'paper' ? 227 : 80;
    const x = tf.randomUniform([2, size, size, 3], -1, 1, 'float32', 3);
    const [a, b] = [model, copy].map((m) => m.predict(x) as tf.Tensor);
    t.true(tf.tidy(() => a!.sub(b!).abs().max().dataSync()[0]!) === 0);
    tf.dispose([x, a, b]);
    t.is(tf.memory().numTensors, before);
    model.dispose();
    copy.dispose();
  });
}

/** rxtrain's logits and torchvision's on the same NCHW input, through the exported file. */
async function torchLogits(t: { teardown: (f: () => Promise<void>) => void }, options: AlexNetOptions, size: number) {
  const dir = await mkdtemp(join(tmpdir(), 'rxtrain-pth-torch-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const model = alexnet(options);
  const path = join(dir, 'model.pth');
  await saveTorchWeights(model, path);
  const nhwc = tf.randomUniform([2, size, size, 3], -2, 2, 'float32', 11);
  const nchw = nhwc.transpose([0, 3, 1, 2]);
  await writeFile(join(dir, 'input.f32'), new Uint8Array((await nchw.data()).buffer));
  const ours = model.predict(nhwc) as tf.Tensor;
  const expected = (await ours.array()) as number[][];
  tf.dispose([nhwc, nchw, ours]);
  model.dispose();
  const run = spawnSync(python!, [SCRIPT, 'logits', path, join(dir, 'input.f32'), '2', String(size), String(size)], {
    encoding: 'utf8',
    maxBuffer: 16 << 20,
  });
  if (run.status !== 0) throw new Error(run.stderr);
  return { expected, actual: JSON.parse(run.stdout) as number[][], bytes: (await readFile(path)).length };
}

const relative = (actual: number[][], expected: number[][]) => {
  const scale = Math.max(...expected.flat().map(Math.abs));
  return Math.max(...actual.flat().map((v, i) => Math.abs(v - expected.flat()[i]!))) / scale;
};

if (python === undefined) {
  test.skip('torchvision loads the exported .pth — skipped: neither python3 nor /usr/bin/python3 can import torch and torchvision', () =>
    undefined);
} else {
  test.serial(
    "torchvision's AlexNet loads an exported width ÷ 16 model with torch.load(weights_only=True): same logits within 1e-4",
    async (t) => {
      const { expected, actual } = await torchLogits(t, { widthDivisor: 16, numClasses: 3, seed: 2 }, 96);
      const error = relative(actual, expected);
      t.log(`largest |Δlogit| / largest |logit| = ${error.toExponential(2)}`);
      t.true(error <= 1e-4, `${error}`);
    },
  );

  test.serial(
    'torchvision.models.alexnet(num_classes=2) loads an exported full-width model: same logits within 1e-4',
    async (t) => {
      const { expected, actual, bytes } = await torchLogits(t, { numClasses: 2, seed: 4 }, 64);
      t.log(
        `${(bytes / 2 ** 20).toFixed(1)} MiB; largest |Δlogit| / largest |logit| = ${relative(actual, expected).toExponential(2)}`,
      );
      t.true(relative(actual, expected) <= 1e-4);
    },
  );
}
