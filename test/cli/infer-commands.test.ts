import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import * as tf from '@tensorflow/tfjs';
import { lastValueFrom, toArray } from 'rxjs';
import sharp from 'sharp';
import { EXIT, runCli } from '../../src/cli/index.js';
import { trainStream, type ValidationEvent } from '../../src/train/index.js';
import { inferFixture, reference } from '../infer/reference.js';
import { captureIo } from './io.js';

let dir: string;
let data: string;
let checkpoint: string;
let validation: ValidationEvent | undefined;

/** An ImageFolder of two colours, `cat/` blue and `dog/` red, and a one-epoch run on it. */
test.before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rxtrain-infer-cli-'));
  data = join(dir, 'data');
  for (const [name, background] of [
    ['cat', { r: 40, g: 40, b: 200 }],
    ['dog', { r: 200, g: 40, b: 40 }],
  ] as const) {
    await mkdir(join(data, name), { recursive: true });
    for (let i = 0; i < 5; i++)
      await sharp({ create: { width: 70 + i, height: 66, channels: 3, background } })
        .png()
        .toFile(join(data, name, `${i}.png`));
  }
  const events = await lastValueFrom(
    trainStream({
      data,
      widthDivisor: 16,
      imageSize: 64,
      batchSize: 4,
      validBatchSize: 2,
      epochs: 1,
      split: 0.6,
      backend: 'wasm',
      outDir: join(dir, 'run'),
    }).pipe(toArray()),
  );
  validation = events.find((e): e is ValidationEvent => e.kind === 'validation');
  checkpoint = join(dir, 'run', 'checkpoints', 'epoch-0001.ckpt');
});
test.after.always(() => rm(dir, { recursive: true, force: true }));

const run = async (args: string[]) => {
  const io = captureIo();
  const code = await runCli([...args, '--backend', 'wasm'], io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
};

test.serial('train reads an ImageFolder; its validation events carry the class names', (t) => {
  t.deepEqual(validation?.classes, ['cat', 'dog']);
  t.is(validation?.perClass.length, 2);
});

test.serial("predict --checkpoint prints each image's classes by the run's names, most probable first", async (t) => {
  const before = tf.memory().numTensors;
  const { code, out } = await run([
    'predict',
    join(data, 'cat'),
    join(data, 'dog', '0.png'),
    '--checkpoint',
    checkpoint,
  ]);
  t.is(code, EXIT.ok);
  t.is(tf.memory().numTensors, before);
  const blocks = out
    .split('\n')
    .reduce<string[][]>((all, line) => (line.startsWith('  ') ? all.at(-1)!.push(line) : all.push([line]), all), []);
  t.deepEqual(
    blocks.map((b) => b[0]),
    [0, 1, 2, 3, 4].map((i) => join(data, 'cat', `${i}.png`)).concat(join(data, 'dog', '0.png')),
  );
  for (const block of blocks) {
    t.is(block.length, 3);
    const rows = block.slice(1).map((line) => /^ +(\d+\.\d\d)%  (\d): (cat|dog)$/.exec(line));
    t.true(
      rows.every((r) => r !== null),
      block.join('\n'),
    );
    t.deepEqual(
      rows.map((r) => ['cat', 'dog'][Number(r![2])]),
      rows.map((r) => r![3]),
    );
    t.true(Number(rows[0]![1]) >= Number(rows[1]![1]));
    t.true(Math.abs(Number(rows[0]![1]) + Number(rows[1]![1]) - 100) < 0.02);
  }
});

test.serial(
  "predict --weights --labels --json prints one JSON object per image, torchvision's top classes",
  async (t) => {
    const images = reference.centre.predictions.slice(0, 4);
    const { code, out } = await run([
      'predict',
      ...images.map((p) => inferFixture(p.path)),
      '--weights',
      inferFixture(reference.model),
      '--labels',
      inferFixture('labels.txt'),
      '--top',
      '3',
      '--json',
    ]);
    t.is(code, EXIT.ok);
    const lines = out.split('\n').map((line) => JSON.parse(line));
    t.deepEqual(
      lines.map((p) => p.path),
      images.map((p) => inferFixture(p.path)),
    );
    t.deepEqual(
      lines.map((p) => p.indices),
      images.map((p) => p.indices.slice(0, 3)),
    );
    t.deepEqual(
      lines.map((p) => p.names),
      images.map((p) => p.indices.slice(0, 3).map((c) => reference.classes[c])),
    );
  },
);

test.serial('predict on a missing file exits 1 naming it; without a model, or with two, exits 2', async (t) => {
  const missing = await run(['predict', join(dir, 'nope.jpg'), '--checkpoint', checkpoint]);
  t.is(missing.code, EXIT.failed);
  t.regex(missing.err, new RegExp(`^rxtrain: ${join(dir, 'nope.jpg')}: cannot read it`));
  const none = await run(['predict', join(data, 'cat')]);
  t.is(none.code, EXIT.usage);
  t.regex(none.err, /exactly one of --weights, --checkpoint is needed/);
  const both = await run([
    'predict',
    join(data, 'cat'),
    '--checkpoint',
    checkpoint,
    '--weights',
    inferFixture(reference.model),
  ]);
  t.is(both.code, EXIT.usage);
  const noImage = await run(['predict', '--checkpoint', checkpoint]);
  t.is(noImage.code, EXIT.usage);
  t.regex(noImage.err, /expected at least 1 IMAGE\|DIR argument/);
});

test.serial(
  'eval prints top-1 accuracy and error, per-class accuracy by name and the confusion matrix; --json has them all',
  async (t) => {
    const text = await run(['eval', data, '--checkpoint', checkpoint]);
    t.is(text.code, EXIT.ok);
    const json = await run(['eval', data, '--checkpoint', checkpoint, '--json']);
    t.is(json.code, EXIT.ok);
    const result = JSON.parse(json.out);
    t.is(result.images, 10);
    t.is(result.top5, undefined);
    t.deepEqual(result.confusion.classes, ['cat', 'dog']);
    t.is(
      result.confusion.matrix.flat().reduce((a: number, b: number) => a + b, 0),
      10,
    );
    const correct = result.confusion.matrix[0][0] + result.confusion.matrix[1][1];
    t.is(result.top1.accuracy, correct / 10);
    t.regex(
      text.out,
      new RegExp(`^top-1: accuracy ${(correct * 10).toFixed(2)}%, error ${(100 - correct * 10).toFixed(2)}%$`, 'm'),
    );
    t.notRegex(text.out, /top-5/);
    t.regex(text.out, new RegExp(`^  cat +${(result.perClass[0].accuracy * 100).toFixed(2)}%  \\(5 images\\)$`, 'm'));
    t.regex(text.out, new RegExp(`^  dog +${result.confusion.matrix[1].map((n: number) => ` *${n}`).join(' ')}$`, 'm'));
  },
);

test.serial('eval of a folder without images exits 1 naming it', async (t) => {
  const empty = join(dir, 'empty');
  await mkdir(empty);
  const { code, err } = await run(['eval', empty, '--checkpoint', checkpoint]);
  t.is(code, EXIT.failed);
  t.regex(err, new RegExp(`^rxtrain: ${empty}: no class sub-folders`));
});

test.serial(
  'export --format pth writes a state dict and its labels that predict the same as the checkpoint',
  async (t) => {
    const pth = join(dir, 'exported', 'catdog.pth');
    const exported = await run(['export', '--checkpoint', checkpoint, '--format', 'pth', '--out', pth]);
    t.is(exported.code, EXIT.ok);
    t.regex(exported.out, new RegExp(`^wrote ${pth}$`, 'm'));
    t.regex(exported.out, new RegExp(`^wrote ${join(dir, 'exported', 'catdog.labels.txt')}$`, 'm'));
    const images = [join(data, 'cat', '1.png'), join(data, 'dog', '3.png')];
    const fromCheckpoint = await run(['predict', ...images, '--checkpoint', checkpoint, '--json']);
    const fromPth = await run([
      'predict',
      ...images,
      '--weights',
      pth,
      '--labels',
      join(dir, 'exported', 'catdog.labels.txt'),
      '--image-size',
      '64',
      '--json',
    ]);
    const parse = (out: string) => out.split('\n').map((line) => JSON.parse(line));
    t.deepEqual(
      parse(fromPth.out).map((p) => [p.indices, p.names]),
      parse(fromCheckpoint.out).map((p) => [p.indices, p.names]),
    );
    parse(fromPth.out).forEach((p, i) =>
      p.probabilities.forEach((v: number, k: number) =>
        t.true(Math.abs(v - parse(fromCheckpoint.out)[i].probabilities[k]) < 1e-5),
      ),
    );
  },
);

test.serial(
  'export --format tfjs writes a TensorFlow.js model folder with the class names in its metadata',
  async (t) => {
    const out = join(dir, 'exported', 'tfjs');
    const { code } = await run(['export', '--checkpoint', checkpoint, '--format', 'tfjs', '--out', out]);
    t.is(code, EXIT.ok);
    const { loadModel } = await import('../../src/models/index.js');
    const model = await loadModel(out);
    t.deepEqual(model.getUserDefinedMetadata(), { classes: ['cat', 'dog'], imageSize: 64 });
    t.deepEqual(model.outputs[0]!.shape, [null, 2]);
    model.dispose();
  },
);

test.serial('export with an unknown format exits 2; from a file that is no checkpoint exits 1 naming it', async (t) => {
  const format = await run(['export', '--checkpoint', checkpoint, '--format', 'onnx', '--out', join(dir, 'x.onnx')]);
  t.is(format.code, EXIT.usage);
  t.regex(format.err, /option --format is 'onnx'; expected one of pth, tfjs/);
  const notCheckpoint = await run(['export', '--checkpoint', inferFixture('labels.txt'), '--out', join(dir, 'x.pth')]);
  t.is(notCheckpoint.code, EXIT.failed);
  t.regex(notCheckpoint.err, new RegExp(`^rxtrain: .*${inferFixture('labels.txt')}.*not an rxtrain checkpoint`));
});
