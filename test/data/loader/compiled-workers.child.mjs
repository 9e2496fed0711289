// Run by compiled-workers.test.ts with plain node (no tsx): the compiled loader from dist/ with two
// workers over the folder given, printing each batch's paths and a hash of its pixels.
import * as tf from '@tensorflow/tfjs';

const { listKaggleFolder, loader, seedTrainPipeline } = await import(
  new URL('../../../dist/index.js', import.meta.url).href
);
await tf.setBackend('cpu');
const batches = [];
for await (const batch of loader(
  () => listKaggleFolder(process.argv[2], { mode: 'all' }),
  seedTrainPipeline({ imageSize: 16 }),
  { batchSize: 5, shuffle: true, seed: 11, workers: 2 },
).epoch(2)) {
  const values = batch.x.dataSync();
  let hash = 0;
  for (let i = 0; i < values.length; i++) hash = (Math.imul(hash, 31) + Math.round(values[i] * 1e6)) | 0;
  batches.push({ paths: batch.paths, hash });
  tf.dispose([batch.x, batch.y]);
}
process.stdout.write(JSON.stringify(batches) + '\n');
