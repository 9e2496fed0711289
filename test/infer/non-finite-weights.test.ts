import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import * as tf from '@tensorflow/tfjs';
import sharp from 'sharp';
import { initBackend } from '../../src/backend/index.js';
import { EXIT, runCli } from '../../src/cli/index.js';
import { loadClassifier } from '../../src/infer/index.js';
import { alexnet, encodeTorchStateDict, NonFiniteWeightsError, torchStateDictOf } from '../../src/models/index.js';
import { captureIo } from '../cli/io.js';
import { tempFolder } from '../temp-folder.js';

test.before(async () => {
  await initBackend({ backend: 'cpu' });
});

/** A width ÷ 16, 2-class AlexNet `.pth` with `value` written into the last element of `key`. */
async function poisoned(dir: string, key: string, value: number): Promise<string> {
  const model = alexnet({ widthDivisor: 16, numClasses: 2, seed: 3 });
  const stateDict = await torchStateDictOf(model);
  model.dispose();
  const { data } = stateDict.get(key)!;
  data[data.length - 1] = value;
  const path = join(dir, `${key}-${value}.pth`);
  await writeFile(path, encodeTorchStateDict(stateDict));
  return path;
}

for (const [key, value] of [
  ['features.0.weight', Number.NaN],
  ['classifier.6.bias', Number.POSITIVE_INFINITY],
] as const) {
  test.serial(
    `a .pth whose ${key} holds ${value} is refused at load, naming the file and the tensor, with no tensor left behind`,
    async (t) => {
      const path = await poisoned(await tempFolder(t, 'non-finite'), key, value);
      const before = tf.memory().numTensors;
      const error = await t.throwsAsync(loadClassifier({ weights: path }), { instanceOf: NonFiniteWeightsError });
      t.is(error?.key, key);
      t.is(error?.message, `${path}: tensor ${key} holds 1 NaN or infinite value: refusing to load non-finite weights`);
      t.is(tf.memory().numTensors, before);
    },
  );
}

test.serial('predict --weights with NaN conv weights exits 1 instead of printing probabilities', async (t) => {
  const dir = await tempFolder(t, 'non-finite-cli');
  const path = await poisoned(dir, 'features.0.weight', Number.NaN);
  const image = join(dir, 'a.png');
  await sharp({ create: { width: 70, height: 70, channels: 3, background: '#20a040' } })
    .png()
    .toFile(image);
  const io = captureIo();
  t.is(await runCli(['predict', image, '--weights', path, '--image-size', '64', '--backend', 'cpu'], io), EXIT.failed);
  t.deepEqual(io.stdout, []);
  t.regex(io.stderr.join('\n'), /tensor features\.0\.weight holds 1 NaN or infinite value/);
});
