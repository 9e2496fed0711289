// Run by typescript-transform.test.ts with plain node (no tsx here): the compiled loader from dist/
// with one worker, its transform the TypeScript module given; prints the first batch's shape or the error.
import * as tf from '@tensorflow/tfjs';

const { listKaggleFolder, loader, workerTransform } = await import(
  new URL('../../../dist/index.js', import.meta.url).href
);
await tf.setBackend('cpu');
const [moduleFile, data] = process.argv.slice(2);
const train = loader(() => listKaggleFolder(data, { mode: 'all' }), workerTransform(moduleFile, 'tiny', 16), {
  batchSize: 4,
  workers: 1,
});
try {
  for await (const batch of train.epoch(0)) {
    process.stdout.write(JSON.stringify({ shape: batch.x.shape }) + '\n');
    tf.dispose([batch.x, batch.y]);
    break;
  }
} catch (error) {
  process.stdout.write(JSON.stringify({ error: `${error.name}: ${error.message}` }) + '\n');
}
