/**
 * CPU time of each step of one training image's path, rxtrain beside PyTorch, one image at a time:
 * read the file, decode it (sharp, as `loadImage`), decode with the resize to 256 in the same libvips
 * pipeline (what `classificationTrainPipeline` does), the Pillow-exact JavaScript resize (`--resize exact`),
 * the fused crop/flip/`toTensor`/`normalize` pass writing a batch slot, and the copy of a batch into
 * the backend's memory; then, in the same run, Pillow's and torchvision's steps
 * (`bench/torch/pipeline_profile.py`). Each step's process CPU time (all threads: sharp decodes on
 * libuv's pool) is summed over the images of a second pass, after a warm-up pass.
 *
 *   npm run bench:profile -- --data DIR [--images 200] [--pytorch off]
 */
import * as tf from '@tensorflow/tfjs';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { initBackend } from '../src/backend/index.js';
import { loadImage, resizeSideFor } from '../src/data/index.js';
import { readImageFile } from '../src/data/decode/read-image-file.js';
import * as F from '../src/data/functional/index.js';
import { IMAGENET_MEAN, IMAGENET_STD } from '../src/data/functional/index.js';
import { seededRandom } from '../src/data/random.js';
import { reportLoad } from './timing.js';
import { torchPython } from './torch-python.js';
import { spawnSync } from 'node:child_process';

const argv = process.argv.slice(2);
const option = (name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const data = option('--data');
if (data === undefined) throw new Error('usage: npm run bench:profile -- --data DIR [--images 200] [--pytorch off]');
const count = Number(option('--images') ?? 200);
const paths = readdirSync(data)
  .filter((name) => name.endsWith('.jpg'))
  .sort()
  .slice(0, count)
  .map((name) => join(data, name));

reportLoad('before');
await initBackend({ backend: 'wasm', wasmThreads: 1 });
sharp.concurrency(1);
sharp.cache(false);
const SIDE = resizeSideFor(224);
const CROP = 224;
const BATCH = 128;

/** ms of process CPU per image that `step` takes, over a second pass of `items`. */
async function cpuPerImage<T>(items: readonly T[], step: (item: T, i: number) => unknown): Promise<number> {
  const pass = async () => {
    const started = process.cpuUsage();
    for (let i = 0; i < items.length; i++) await step(items[i]!, i);
    const { user, system } = process.cpuUsage(started);
    return (user + system) / 1000 / items.length;
  };
  await pass();
  return pass();
}

const bytes = await Promise.all(paths.map((path) => readImageFile(path)));
const decoded = await Promise.all(paths.map((path) => loadImage(path)));
const resized = await Promise.all(paths.map((path) => loadImage(path, { resize: SIDE })));
const table = F.valueTable([F.normalizer(IMAGENET_MEAN, IMAGENET_STD)]);
const slot = new Float32Array(CROP * CROP * 3);
const batch = new Float32Array(BATCH * CROP * CROP * 3);

/** The seed's CenterCrop(256) → RandomCrop(224) → RandomHorizontalFlip(0.5) as one window. */
function seedWindow(image: { width: number; height: number }, i: number): F.PixelWindow {
  const random = seededRandom(620, 0, i);
  const [top, left] = F.centerOffsets(image, SIDE, SIDE);
  const centred = F.cropWindow(F.wholeWindow(image.width, image.height), top, left, SIDE, SIDE);
  const [cropTop, cropLeft] = [
    Math.floor(random.next() * (SIDE - CROP + 1)),
    Math.floor(random.next() * (SIDE - CROP + 1)),
  ];
  const cropped = F.cropWindow(centred, cropTop, cropLeft, CROP, CROP);
  return random.next() < 0.5 ? F.flipWindow(cropped) : cropped;
}

const rows: [string, number][] = [
  ['read the file (readImageFile)', await cpuPerImage(paths, (path) => readImageFile(path))],
  ['decode (sharp, from the bytes, as loadImage)', await cpuPerImage(paths, (path) => loadImage(path))],
  [
    'decode + resize 256 in one libvips pipeline (loadImage with resize)',
    await cpuPerImage(paths, (path) => loadImage(path, { resize: SIDE })),
  ],
  [
    'resize 256, Pillow-exact JavaScript (after decoding)',
    await cpuPerImage(decoded, (image) => F.resize(image, SIDE)),
  ],
  [
    'crop/flip/toTensor/normalize, fused, into a batch slot',
    await cpuPerImage(resized, (image, i) => F.windowToTensor(image, seedWindow(image, i), table, slot)),
  ],
  [
    'copy into the batch, and the batch into wasm memory (per image)',
    await cpuPerImage(resized, (_, i) => {
      batch.set(slot, (i % BATCH) * slot.length);
      if (i % BATCH === BATCH - 1 || i === resized.length - 1) tf.tensor(batch, [BATCH, CROP, CROP, 3]).dispose();
    }),
  ],
];
// loadImage reads the file too: its decode row is shown without the read.
rows[1]![1] -= rows[0]![1];
rows[2]![1] -= rows[0]![1];
console.log(
  `${paths.length} images of ${data} (${(bytes.reduce((a, b) => a + b.length, 0) / paths.length / 1024) | 0} KB each on average), one at a time; process CPU ms per image`,
);
for (const [label, ms] of rows) console.log(`${ms.toFixed(3).padStart(8)}  rxtrain: ${label}`);
const ours = rows[0]![1] + rows[2]![1] + rows[4]![1] + rows[5]![1];
console.log(`${ours.toFixed(3).padStart(8)}  rxtrain: the seed's path (read + decode with resize + fused pass + copy)`);

interface Profile {
  torch: string;
  images: number;
  ms_per_image: Record<string, number>;
  total_ms_per_image: number;
}
if (option('--pytorch') !== 'off') {
  const python = torchPython('torch, torchvision');
  const script = fileURLToPath(new URL('./torch/pipeline_profile.py', import.meta.url));
  const run = python === undefined ? undefined : spawnSync(python, [script, data, String(count)], { encoding: 'utf8' });
  const line = run?.stdout.trim().split('\n').at(-1);
  if (!line?.startsWith('{'))
    console.log(
      python === undefined
        ? 'PyTorch not profiled: no python3 here can import torch and torchvision'
        : `pipeline_profile.py failed: ${run?.stderr.trim().split('\n').at(-1)}`,
    );
  else {
    const profile = JSON.parse(line) as Profile;
    for (const [step, ms] of Object.entries(profile.ms_per_image))
      console.log(`${ms.toFixed(3).padStart(8)}  PyTorch ${profile.torch} (1 thread): ${step}`);
    console.log(`${profile.total_ms_per_image.toFixed(3).padStart(8)}  PyTorch: the seed's path`);
    const decodeResize = profile.ms_per_image.decode! + profile.ms_per_image.resize!;
    console.log(
      `\ndecode: sharp / Pillow ${(rows[1]![1] / profile.ms_per_image.decode!).toFixed(2)}×; decode + resize: sharp / Pillow ${(rows[2]![1] / decodeResize).toFixed(2)}×; whole path: rxtrain / PyTorch ${(ours / profile.total_ms_per_image).toFixed(2)}×`,
    );
  }
}
reportLoad('after');
