// Training throughput of AlexNet on random batches (no decoding): images/s per step.
// Run: npx tsx examples/train-throughput.ts [batchSize=16] [steps=5] [widthDivisor=1] [backend=wasm]
import * as tf from '@tensorflow/tfjs';
import { lastValueFrom, toArray } from 'rxjs';
import { trainStream, type Batch, type BatchLoader, type StepEvent } from '../src/index.js';

const [batchSize = 16, steps = 5, widthDivisor = 1] = process.argv.slice(2, 5).map(Number);
const backend = (process.argv[5] ?? 'wasm') as 'wasm' | 'cpu';

const randomBatches: BatchLoader = {
  batchesPerEpoch: async () => steps,
  classes: async () => ['cat', 'dog'],
  async *epoch(): AsyncGenerator<Batch> {
    for (let i = 0; i < steps; i++) {
      yield {
        x: tf.randomNormal([batchSize, 224, 224, 3]),
        y: tf.tensor1d(
          Array.from({ length: batchSize }, (_, k) => k % 2),
          'int32',
        ),
        paths: [],
        skipped: [],
      };
    }
  },
};

const events = await lastValueFrom(
  trainStream({ data: { train: randomBatches }, widthDivisor, backend, epochs: 1, batchSize }).pipe(toArray()),
);
const rates = events.filter((e): e is StepEvent => e.kind === 'step').map((e) => e.imagesPerSecond);
console.log(
  `${backend}, AlexNet/${widthDivisor}, batch ${batchSize}: images/s per step ${rates.map((r) => r.toPrecision(3)).join(' ')}`,
);
const sorted = rates.slice(1).sort((a, b) => a - b);
console.log(`median after the first step: ${sorted[Math.floor((rates.length - 1) / 2)]?.toPrecision(3)}`);
