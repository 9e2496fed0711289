/**
 * The seed's training run end to end on a Kaggle folder — decoding, augmentation, full-width
 * AlexNet steps, SGD — in rxtrain (`trainStream`) and, in the same run, in the seed's PyTorch script
 * (`bench/torch/seed_reference.py`), with the same batch size and number of steps. No validation.
 *
 *   npm run bench:train -- --data DIR [--batch 32] [--steps 8] [--workers 2] [--backend wasm]
 *
 * DIR: e.g. `python3 bench/torch/make_catdog.py /tmp/catdog 500`.
 */
import { lastValueFrom, toArray } from 'rxjs';
import { trainStream, type StepEvent } from '../src/index.js';
import { reportLoad } from './timing.js';
import { runSeedReference, torchLabel } from './torch-python.js';

const args = new Map<string, string>();
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i += 2) {
  if (!argv[i]!.startsWith('--') || argv[i + 1] === undefined)
    throw new Error(`bench:train: expected --name value pairs, got '${argv.slice(i).join(' ')}'`);
  args.set(argv[i]!.slice(2), argv[i + 1]!);
}
const data = args.get('data');
if (data === undefined) throw new Error('bench:train: --data DIR is required (a folder of cat.N.jpg / dog.N.jpg)');
const batch = Number(args.get('batch') ?? 32);
const steps = Number(args.get('steps') ?? 8);
const workers = Number(args.get('workers') ?? 2);
const backend = (args.get('backend') ?? 'wasm') as 'wasm' | 'cpu' | 'auto';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

reportLoad('before');
console.log(`seed training run: full-width AlexNet, 224 px, batch ${batch}, ${steps} steps, no validation`);

const events = await lastValueFrom(
  trainStream({ data, batchSize: batch, epochs: 1, maxIterations: steps, valInterval: 2, lrDecay: null, backend }).pipe(
    toArray(),
  ),
);
const stepEvents = events.filter((e): e is StepEvent => e.kind === 'step');
// A step's time runs from the previous step's dispatch: input waits included, as PyTorch's wall time.
const stepSeconds = stepEvents.map((e) => batch / e.imagesPerSecond);
const imagesPerSecond = (seconds: number[]) => (seconds.length * batch) / seconds.reduce((a, b) => a + b, 0);
const ours = {
  imagesPerSecond: imagesPerSecond(stepSeconds),
  msPerImage: (1000 * median(stepSeconds.slice(1))) / batch,
};
console.log(
  `rxtrain (${backend}): ${ours.imagesPerSecond.toFixed(2)} images/s (wall, first step included; ${imagesPerSecond(stepSeconds.slice(1)).toFixed(2)} without it); median ${ours.msPerImage.toFixed(0)} ms/image per step (input waits included)`,
);

interface Reference {
  torch: string;
  threads: number;
  workers: number;
  train_images_per_s: number;
  step_ms_per_image: number;
}
const reference = runSeedReference<Reference>([
  '--data',
  data,
  '--batch',
  String(batch),
  '--max-iters',
  String(steps),
  '--workers',
  String(workers),
  '--no-valid',
]);
if (typeof reference === 'string') {
  console.log(reference);
} else {
  console.log(
    `${torchLabel(reference, `, num_workers=${reference.workers}`)}: ${reference.train_images_per_s.toFixed(2)} images/s (wall, first step included); median ${reference.step_ms_per_image.toFixed(0)} ms/image per step (compute only)`,
  );
  console.log(`rxtrain / PyTorch images/s: ${(ours.imagesPerSecond / reference.train_images_per_s).toFixed(2)}`);
}
console.log('No GPU was used or measured.');
reportLoad('after');
