import * as tf from '@tensorflow/tfjs';
import test from 'ava';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { loader } from '../../../src/data/loader/index.js';
import { seedTrainPipeline, seedValidPipeline } from '../../../src/data/transforms.js';
import { fixturePath, sha256 } from '../fixtures.js';
import { disposeBatch } from './synthetic.js';

test.before(async () => {
  await tf.setBackend('cpu');
});

/** Training JPEGs as make_catdog.py writes them (4:2:0), a larger JPEG, an RGB PNG and a grey PNG. */
const FILES = [
  'catdog/cat.1.jpg',
  'catdog/cat.2.jpg',
  'catdog/dog.1.jpg',
  'catdog/dog.2.jpg',
  'images/rocket.jpg',
  'images/chelsea.png',
  'images/camera.png',
];

const listing = async () => ({
  entries: FILES.map((file, index) => ({ path: fixturePath(file), label: index % 2, index })),
  classes: ['cat', 'dog'],
});

/**
 * SHA-256 of every batch's pixels (float32 bytes), labels and file names, for the seed pipelines
 * at full size. Recorded from the loader before the decoder took its JPEG fast path; the decoder's
 * output must not move by a single bit.
 */
const EXPECTED: Record<'train' | 'valid', readonly string[]> = JSON.parse(
  readFileSync(fixturePath('catdog/batch-digests.json'), 'utf8'),
);

async function digests(kind: 'train' | 'valid', workers: number): Promise<string[]> {
  const transform = kind === 'train' ? seedTrainPipeline() : seedValidPipeline();
  const out: string[] = [];
  for await (const batch of loader(listing, transform, {
    batchSize: 3,
    shuffle: kind === 'train',
    seed: 620,
    workers,
  }).epoch(1)) {
    const x = batch.x.dataSync() as Float32Array;
    const y = batch.y.dataSync() as Int32Array;
    const pixels = sha256(new Uint8Array(x.buffer, x.byteOffset, x.byteLength));
    out.push(`${pixels} ${Array.from(y).join(',')} ${batch.paths.map((p) => basename(p)).join(',')}`);
    disposeBatch(batch);
  }
  return out;
}

for (const kind of ['train', 'valid'] as const) {
  test.serial(
    `the seed ${kind} pipeline's batches are bit-identical to the recorded ones with 0, 1 and 2 workers`,
    async (t) => {
      const baseline = tf.memory().numTensors;
      for (const workers of [0, 1, 2]) t.deepEqual(await digests(kind, workers), EXPECTED[kind], `workers ${workers}`);
      t.is(tf.memory().numTensors, baseline);
    },
  );
}
