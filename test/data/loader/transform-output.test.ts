import test from 'ava';
import * as tf from '@tensorflow/tfjs';
import { map } from 'rxjs';
import {
  loader,
  SampleOutputError,
  SampleWorkerError,
  WorkerTransformError,
  workerTransform,
  type SampleTransform,
} from '../../../src/data/loader/index.js';
import type { FloatImage } from '../../../src/data/sample-types.js';
import { entriesOf } from './synthetic.js';

async function drain(transform: SampleTransform, workers = 0): Promise<void> {
  for await (const batch of loader(entriesOf(4), transform, { batchSize: 2, workers }).epoch(0))
    tf.dispose([batch.x, batch.y]);
}

const withImage = (make: (index: number) => FloatImage): SampleTransform =>
  map((sample) => ({ ...sample, image: make(sample.index) }));
const good = (index: number): FloatImage => ({ data: new Float32Array(12).fill(index), width: 2, height: 2 });

const broken: ReadonlyArray<[string, (index: number) => FloatImage, RegExp]> = [
  [
    'a data.length that is not width × height × 3',
    (i) => (i === 2 ? { ...good(i), data: new Float32Array(5) } : good(i)),
    /img\/2\.jpg: the transform's output its image's data holds 5 values, expected 2×2×3 = 12/,
  ],
  [
    'a 0×0 image',
    (i) => (i === 1 ? { data: new Float32Array(0), width: 0, height: 0 } : good(i)),
    /img\/1\.jpg: .*0×0, expected positive integer sides/,
  ],
  [
    'a NaN pixel',
    (i) => (i === 3 ? { ...good(i), data: new Float32Array(12).fill(Number.NaN) } : good(i)),
    /img\/3\.jpg: .*holds NaN at value 0/,
  ],
];

for (const [what, make, message] of broken) {
  test(`a transform output with ${what} fails the epoch with a SampleOutputError naming the file, no tensor left behind`, async (t) => {
    const before = tf.memory().numTensors;
    await t.throwsAsync(drain(withImage(make)), { instanceOf: SampleOutputError, message });
    t.is(tf.memory().numTensors, before);
  });
}

test('in a worker, a NaN pixel fails the epoch naming the file and the SampleOutputError', async (t) => {
  const transform = workerTransform(new URL('./stuck-transforms.ts', import.meta.url), 'nanOn', ['img/1.jpg']);
  await t.throwsAsync(drain(transform, 1), {
    instanceOf: SampleWorkerError,
    message: /img\/1\.jpg: .*SampleOutputError: .*holds NaN/,
  });
});

test('a workerTransform whose export is not an operator factory is a WorkerTransformError naming the export', async (t) => {
  const transform = workerTransform(new URL('./stuck-transforms.ts', import.meta.url), 'notAnOperator');
  await t.throwsAsync(drain(transform), {
    instanceOf: WorkerTransformError,
    message: /notAnOperator\(…\) from .*stuck-transforms\.ts returned object, not an RxJS operator/,
  });
});
