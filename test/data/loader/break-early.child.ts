// Run as a child process by cancellation.test.ts: decodes real JPEGs through sharp with a timer per
// sample (1.5 s from the third batch on, so a sample left running would hold the process), breaks
// out after two batches, prints the tensor count, and must then exit by itself.
import * as tf from '@tensorflow/tfjs';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { delay, from, map, mergeMap } from 'rxjs';
import sharp from 'sharp';
import { loader, type SampleTransform } from '../../../src/data/loader/index.js';
import { fromFiles } from '../../../src/data/sources/from-files.js';
import '../../quiet-cpu-backend.js';
import { tempFolderUntilExit } from '../../temp-folder.js';

await tf.setBackend('cpu');
const dir = tempFolderUntilExit('break');
const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 40, b: 90 } } })
  .jpeg()
  .toBuffer();
const files = Array.from({ length: 400 }, (_, i) => {
  const path = join(dir, `cat.${i}.jpg`);
  writeFileSync(path, jpeg);
  return { path, label: 0 };
});
const decode: SampleTransform = mergeMap((sample) =>
  from(sharp(sample.path).raw().toBuffer({ resolveWithObject: true })).pipe(
    delay(sample.index < 16 ? 5 : 1500),
    map(({ data, info }) => ({
      ...sample,
      image: { data: Float32Array.from(data, (v) => v / 255), width: info.width, height: info.height },
    })),
  ),
);
let batches = 0;
for await (const batch of loader(fromFiles(files), decode, { workers: 0, batchSize: 8, concurrency: 4 }).epoch(0)) {
  tf.dispose([batch.x, batch.y]);
  if (++batches === 2) break;
}
process.stdout.write(`broke ${tf.memory().numTensors}\n`);
