import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import test from 'ava';
import sharp from 'sharp';
import { runCli } from '../../src/cli/run-cli.js';
import { createModel, saveTorchWeights, type ModelName } from '../../src/models/index.js';
import { tempFolder } from '../temp-folder.js';
import { captureIo } from './io.js';

const HORSE = fileURLToPath(new URL('../fixtures/visualize/horse.png', import.meta.url));

test.before(async () => {
  await tf.setBackend('cpu');
});

/** First convolution of each family: kernel side, stride. */
const FIRST: ReadonlyArray<[ModelName, number, number]> = [
  ['resnet18', 7, 2],
  ['mobilenet_v2', 3, 2],
  ['mobilenet_v3_small', 3, 2],
];

for (const [name, side, stride] of FIRST) {
  test.serial(
    `visualize --weights of a ${name} .pth draws its first convolution's kernels and, for an image, its feature maps`,
    async (t) => {
      const out = await tempFolder(t, `visualize-${name}`);
      const model = createModel(name, { numClasses: 3, widthDivisor: 8, seed: 1 });
      const pth = join(out, `${name}.pth`);
      await saveTorchWeights(model, pth);
      model.dispose();
      const io = captureIo();
      t.is(await runCli(['visualize', '--weights', pth, '--image', HORSE, '--out', out], io), 0, io.stderr.join('\n'));
      t.deepEqual(
        io.stdout,
        ['kernels.png', 'feature-maps.png'].map((f) => `wrote ${join(out, f)}`),
      );
      const kernels = await sharp(join(out, 'kernels.png')).metadata();
      t.true(kernels.width >= side && kernels.height >= side);
      const maps = await sharp(join(out, 'feature-maps.png')).metadata();
      // 224 / stride maps, tiled: the picture holds at least one full map.
      t.true(maps.width >= 224 / stride && maps.height >= 224 / stride, `${maps.width}×${maps.height}`);
    },
  );
}
