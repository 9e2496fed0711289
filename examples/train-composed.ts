// A run composed by hand: fit + StepLR + validation + checkpoints + early stopping, on generated
// images (bright top half = class 0, bright bottom half = class 1). Run: npx tsx examples/train-composed.ts
import * as tf from '@tensorflow/tfjs';
import { rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finalize } from 'rxjs';
import {
  checkpoint,
  earlyStopping,
  fit,
  initBackend,
  parameterGroups,
  runContext,
  sgd,
  stepLR,
  validate,
  type Batch,
  type BatchLoader,
} from '../src/index.js';

const SIZE = 24;

/** Batches of generated images; each epoch draws new noise from (epoch, batch). */
function generated(batches: number, batchSize: number, seed: number): BatchLoader {
  return {
    batchesPerEpoch: async () => batches,
    classes: async () => ['top', 'bottom'],
    async *epoch(epoch: number): AsyncGenerator<Batch> {
      for (let b = 0; b < batches; b++) {
        const y = tf.tidy(() =>
          tf.cast(tf.greater(tf.randomUniform([batchSize], 0, 1, 'float32', seed + epoch * 1000 + b), 0.5), 'int32'),
        ) as tf.Tensor1D;
        const x = tf.tidy(() => {
          const rows = tf.linspace(0, 1, SIZE).reshape([1, SIZE, 1, 1]);
          const top = tf.less(rows, 0.5).cast('float32');
          const bright = tf.where(y.reshape([batchSize, 1, 1, 1]).cast('bool'), tf.sub(1, top), top);
          return tf.add(tf.mul(bright, 0.5), tf.randomUniform([batchSize, SIZE, SIZE, 3], 0, 0.5, 'float32', seed + b));
        });
        yield { x, y, paths: [], skipped: [] };
      }
    },
  };
}

await initBackend({ backend: 'wasm' });
const model = tf.sequential({
  layers: [
    tf.layers.conv2d({
      name: 'features.0',
      inputShape: [SIZE, SIZE, 3],
      filters: 4,
      kernelSize: 3,
      strides: 2,
      activation: 'relu',
    }),
    tf.layers.flatten({ name: 'features.flatten' }),
    tf.layers.dropout({ name: 'classifier.0', rate: 0.5 }),
    tf.layers.dense({ name: 'classifier.1', units: 2 }),
  ],
});
const [features, classifier] = parameterGroups(model);
if (features === undefined || classifier === undefined) throw new Error('expected the features and classifier groups');
const optimizer = sgd({ lr: 0.01, momentum: 0.9, groups: [{ ...features, lr: 0.001 }, classifier] });
const run = runContext({ model, optimizer, seed: 620 });
const dir = await mkdtemp(join(tmpdir(), 'rxtrain-example-'));

fit(run, generated(8, 16, 1), { epochs: 5 })
  .pipe(
    stepLR(run, { stepSize: 2, gamma: 0.5 }),
    validate(run, generated(2, 32, 99)),
    earlyStopping(run, { monitor: 'accuracy', patience: 2 }),
    checkpoint(run, { dir, keepLast: 2 }),
    finalize(() => rmSync(dir, { recursive: true, force: true })), // the example keeps no files
  )
  .subscribe({
    next: (e) => {
      if (e.kind === 'step' && e.iteration === e.iterations)
        console.log(`epoch ${e.epoch} loss ${e.loss.toFixed(4)} lr ${e.lrs.join('/')}`);
      if (e.kind === 'validation') console.log(`  validation accuracy ${(100 * e.accuracy).toFixed(1)} %`);
      if (e.kind === 'checkpoint') console.log(`  saved ${e.path}${e.best ? ' (best)' : ''}`);
      if (e.kind === 'done') {
        console.log(
          `done: ${e.epochs} epochs, best accuracy ${(100 * (e.bestAccuracy ?? 0)).toFixed(1)} %${e.stoppedEarly ? `, stopped early: ${e.stoppedEarly.reason}` : ''}`,
        );
      }
    },
    complete: () => {
      run.dispose();
      model.dispose();
    },
  });
