import * as tf from '@tensorflow/tfjs';
import test from 'ava';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { loader } from '../../../src/data/loader/index.js';
import { listKaggleFolder } from '../../../src/data/sources/kaggle-folder.js';
import { seedTrainPipeline } from '../../../src/data/transforms.js';
import { tempFolder } from '../../temp-folder.js';
import { catDogFolder } from './cat-dog-folder.js';

const compiled = fileURLToPath(new URL('../../../dist/data/loader/workers/sample-worker.js', import.meta.url));

test.before(async () => {
  await tf.setBackend('cpu');
});

const hashOf = (values: Float32Array): number => {
  let hash = 0;
  for (let i = 0; i < values.length; i++) hash = (Math.imul(hash, 31) + Math.round(values[i]! * 1e6)) | 0;
  return hash;
};

(existsSync(compiled) ? test : test.skip)(
  'the compiled loader (dist/, plain node) finds its worker entry and gives the batches of the sources in process',
  async (t) => {
    const dir = await catDogFolder(await tempFolder(t, 'compiled-workers'));
    const child = fileURLToPath(new URL('compiled-workers.child.mjs', import.meta.url));
    const { stdout } = await promisify(execFile)(process.execPath, [child, dir], {
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    const fromDist = JSON.parse(stdout.trim().split('\n').at(-1)!) as { paths: string[]; hash: number }[];
    const inProcess = [];
    for await (const batch of loader(
      () => listKaggleFolder(dir, { mode: 'all' }),
      seedTrainPipeline({ imageSize: 16 }),
      { batchSize: 5, shuffle: true, seed: 11, workers: 0 },
    ).epoch(2)) {
      inProcess.push({ paths: [...batch.paths], hash: hashOf(batch.x.dataSync() as Float32Array) });
      tf.dispose([batch.x, batch.y]);
    }
    t.is(fromDist.length, 3);
    t.deepEqual(fromDist, inProcess);
  },
);
