// Run as a child process by cancellation.test.ts: two workers transform samples that take 800 ms
// each (chunks of 8 take 3.2 s or more if their outstanding samples were not dropped); breaks out
// after two batches, prints the tensor count, and must then exit by itself.
import * as tf from '@tensorflow/tfjs';
import { loader, workerTransform } from '../../../src/data/loader/index.js';
import '../../quiet-cpu-backend.js';
import { entriesOf } from './synthetic.js';

await tf.setBackend('cpu');
const slow = workerTransform(new URL('./worker-transforms.ts', import.meta.url), 'workerSynthetic', { delayMs: 800 });
let batches = 0;
for await (const batch of loader(entriesOf(400), slow, { batchSize: 8, workers: 2, concurrency: 16 }).epoch(0)) {
  tf.dispose([batch.x, batch.y]);
  if (++batches === 2) break;
}
process.stdout.write(`broke ${tf.memory().numTensors}\n`);
