import test from 'ava';
import { join } from 'node:path';
import { lastValueFrom, toArray } from 'rxjs';
import sharp from 'sharp';
import { trainStream, type StepEvent, type ValidationEvent } from '../../src/train/index.js';
import { tempFolder } from '../temp-folder.js';

test.serial('a Kaggle folder runs through the seed’s train and ten-crop valid pipelines', async (t) => {
  const folder = await tempFolder(t, 'kaggle');
  for (let i = 0; i < 10; i++) {
    const name = `${i % 2 ? 'dog' : 'cat'}.${i}.jpg`;
    const colour = i % 2 ? { r: 200, g: 40, b: 40 } : { r: 40, g: 40, b: 200 };
    await sharp({ create: { width: 80 + i, height: 72, channels: 3, background: colour } })
      .jpeg()
      .toFile(join(folder, name));
  }
  const events = await lastValueFrom(
    trainStream({
      data: folder,
      widthDivisor: 16,
      imageSize: 64,
      batchSize: 4,
      validBatchSize: 2,
      epochs: 1,
      backend: 'wasm',
    }).pipe(toArray()),
  );
  const steps = events.filter((e): e is StepEvent => e.kind === 'step');
  t.deepEqual(
    steps.map((e) => `${e.iteration}/${e.iterations}`),
    ['1/3', '2/3', '3/3'],
  );
  const validation = events.find((e): e is ValidationEvent => e.kind === 'validation');
  t.true(validation !== undefined && validation.perClass.length === 2 && Number.isFinite(validation.loss));
  t.is(events.at(-1)?.kind, 'done');
});
