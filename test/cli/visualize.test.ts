import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import test from 'ava';
import sharp from 'sharp';
import { runCli } from '../../src/cli/run-cli.js';
import { alexnet, loadTorchCheckpoint } from '../../src/models/index.js';
import { featureMapGrid, kernelGrid } from '../../src/report/index.js';
import { imageFeatureMaps, torchConvWeights, writeCheckpoint } from '../../src/train/index.js';
import { tempFolder } from '../temp-folder.js';
import { captureIo } from './io.js';

const fixtures = fileURLToPath(new URL('../fixtures/visualize/', import.meta.url));
const PTH = join(fixtures, 'alexnet_div16_c2_s7.pth');
const HORSE = join(fixtures, 'horse.png');

const pixels = async (path: string) => {
  const { data, info } = await sharp(path).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
};

/** PyTorch's features[0] output for the horse (scripts/feature-maps-reference.py), HWC. */
const reference = async () => {
  const bytes = await readFile(join(fixtures, 'horse.features0.f32'));
  return Array.from(new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4));
};

test.serial(
  'visualize --weights --image writes the kernel grids and the feature maps PyTorch computes, exit 0',
  async (t) => {
    const out = await tempFolder(t, 'visualize');
    const io = captureIo();
    t.is(await runCli(['visualize', '--weights', PTH, '--image', HORSE, '--out', out], io), 0, io.stderr.join('\n'));
    const files = ['kernels.png', 'layer2-kernels-group-1.png', 'feature-maps.png'].map((f) => join(out, f));
    t.deepEqual(
      io.stdout,
      files.map((f) => `wrote ${f}`),
    );

    // kernels.png: the .pth's features.0.weight (OIHW), read here by index, as kernelGrid draws an HWIO bank.
    const torch = (await loadTorchCheckpoint(PTH)).get('features.0.weight')!;
    const [o, i, h, w] = torch.shape as [number, number, number, number];
    const values = new Array<number>(torch.data.length);
    for (let a = 0; a < o; a++)
      for (let b = 0; b < i; b++)
        for (let y = 0; y < h; y++)
          for (let x = 0; x < w; x++) {
            values[((y * w + x) * i + b) * o + a] = torch.data[((a * i + b) * h + y) * w + x]!;
          }
    const kernels = await pixels(files[0]!);
    const expected = kernelGrid({ shape: [h, w, i, o], values }).image;
    t.deepEqual([kernels.width, kernels.height], [expected.width, expected.height]);
    t.true(Buffer.from(expected.data).equals(kernels.data));

    // layer 2: 12 kernels of 4 input channels, 5×5 tiles at 24 px (480 / 20) with 4 px gaps: 4 columns, 12 rows.
    const layer2 = await pixels(files[1]!);
    t.deepEqual([layer2.width, layer2.height], [4 + 4 * 124, 4 + 12 * 124]);

    // feature-maps.png: PyTorch's maps for the same weights and image, each scaled on its own.
    const maps = await reference();
    const drawn = await pixels(files[2]!);
    const want = featureMapGrid({ shape: [55, 55, 4], values: maps }).image;
    t.deepEqual([drawn.width, drawn.height], [want.width, want.height]);
    const worst = drawn.data.reduce((m, v, k) => Math.max(m, Math.abs(v - want.data[k]!)), 0);
    t.true(worst <= 2, `largest pixel difference from PyTorch's maps: ${worst}`);
  },
);

test.serial(
  "imageFeatureMaps agrees with PyTorch's features[0] on the horse within 1e-3, leaving no tensor",
  async (t) => {
    await tf.setBackend('cpu');
    const { layout, convolutions } = await torchConvWeights(PTH);
    t.is(layout, 'torchvision');
    const before = tf.memory().numTensors;
    const maps = await imageFeatureMaps(HORSE, convolutions[0]!, layout);
    t.is(tf.memory().numTensors, before);
    const want = await reference();
    t.deepEqual(maps.shape, [55, 55, 4]);
    const worst = maps.values.reduce((m, v, k) => Math.max(m, Math.abs(v - want[k]!)), 0);
    t.true(worst < 1e-3, `largest difference ${worst}`);
  },
);

test.serial("visualize --checkpoint of the paper's AlexNet draws one layer-2 grid per GPU group", async (t) => {
  await tf.setBackend('cpu');
  const out = await tempFolder(t, 'visualize');
  const model = alexnet({ variant: 'paper', widthDivisor: 16, numClasses: 2, seed: 1 });
  const weights = Object.fromEntries(
    model.weights.map((v) => [
      v.originalName,
      { shape: v.shape as number[], values: v.read().dataSync() as Float32Array },
    ]),
  );
  model.dispose();
  const checkpoint = join(out, 'epoch-0001.ckpt');
  await writeCheckpoint(checkpoint, {
    epoch: 1,
    step: 1,
    seed: 1,
    optimizer: { lrs: [0.01], momentum: {} },
    weights,
    operators: {},
    config: null,
  });
  const io = captureIo();
  t.is(await runCli(['visualize', '--checkpoint', checkpoint, '--out', out], io), 0, io.stderr.join('\n'));
  t.deepEqual(
    io.stdout,
    ['kernels.png', 'layer2-kernels-group-1.png', 'layer2-kernels-group-2.png'].map((f) => `wrote ${join(out, f)}`),
  );
  // conv1 has 6 kernels (96 / 16); conv2 16 kernels in two groups of 8, each seeing 3 of conv1's 6 channels.
  const group = await pixels(join(out, 'layer2-kernels-group-2.png'));
  t.deepEqual([group.width, group.height], [5 + 3 * 165, 5 + 8 * 165]);
});

test('visualize refuses a missing or doubled weights option (exit 2) and a file that is not a .pth (exit 1), naming it', async (t) => {
  const out = await tempFolder(t, 'visualize');
  for (const args of [
    ['--out', out],
    ['--weights', PTH, '--checkpoint', PTH, '--out', out],
  ]) {
    const io = captureIo();
    t.is(await runCli(['visualize', ...args], io), 2);
    t.regex(io.stderr.join('\n'), /exactly one of --weights FILE\.pth and --checkpoint FILE/);
  }
  const io = captureIo();
  t.is(await runCli(['visualize', '--weights', HORSE, '--out', out], io), 1);
  t.regex(io.stderr.join('\n'), /horse\.png/);
  const missing = captureIo();
  t.is(await runCli(['visualize', '--weights', PTH, '--image', join(out, 'no-such.jpg'), '--out', out], missing), 1);
  t.regex(missing.stderr.join('\n'), /no-such\.jpg/);
});
