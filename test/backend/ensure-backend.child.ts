// Run as a child process by ensure-backend.test.ts: a model built and trained with `fit` in a process
// where nothing chose a backend (argv[2] 'cpu': after initBackend({ backend: 'cpu' })). Prints the
// backend before and after the run.
import * as tf from '@tensorflow/tfjs';
import { lastValueFrom } from 'rxjs';
import { initBackend } from '../../src/backend/index.js';
import { parameterGroups } from '../../src/models/index.js';
import { fit, runContext, sgd } from '../../src/train/index.js';
import { memoryLoader } from '../train/memory-loader.js';
import { tinyModel } from '../train/tiny-model.js';

if (process.argv[2] === 'cpu') await initBackend({ backend: 'cpu' });
const model = tinyModel({ size: 8 });
const before = tf.getBackend();
const images = Float32Array.from({ length: 4 * 8 * 8 * 3 }, (_, i) => Math.sin(i));
const run = runContext({ model, optimizer: sgd({ lr: 0.01, groups: parameterGroups(model) }), seed: 1 });
await lastValueFrom(
  fit(run, memoryLoader(images, [0, 1, 0, 1], { batchSize: 2, sampleShape: [8, 8, 3] }), { epochs: 1 }),
);
process.stdout.write(`${before} ${tf.getBackend()} ${(await initBackend()).name}\n`);
