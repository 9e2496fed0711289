import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import test from 'ava';
import {
  EXIT,
  parseFlags,
  runCli,
  TRAIN_OPTIONS,
  trainConfigFromFlags,
  UnknownOptionError,
} from '../../src/cli/index.js';
import { closest } from '../../src/cli/flags/suggest.js';
import { kaimingAlexNet } from '../../src/models/he-init.js';
import { captureIo } from './io.js';

const trainFlags = (argv: string[]) => {
  const parsed = parseFlags(argv, TRAIN_OPTIONS);
  if (parsed.help) throw new Error('unexpected --help');
  return parsed.values;
};

const withEnv = async <T>(name: string, value: string, work: () => Promise<T>): Promise<T> => {
  const saved = process.env[name];
  process.env[name] = value;
  try {
    return await work();
  } finally {
    if (saved === undefined) delete process.env[name];
    else process.env[name] = saved;
  }
};

test.serial(
  'RXTRAIN_BACKEND chooses the backend of train and info when --backend is absent; the flag wins',
  async (t) => {
    await withEnv('RXTRAIN_BACKEND', 'cpu', async () => {
      t.is(trainConfigFromFlags(trainFlags(['--data', 'd']), 'out').backend, 'cpu');
      t.is(trainConfigFromFlags(trainFlags(['--data', 'd', '--backend', 'wasm']), 'out').backend, 'wasm');
      const io = captureIo();
      t.is(await runCli(['info'], io), EXIT.ok);
      t.true(io.stdout.includes('backend: cpu'), io.stdout.join('\n'));
    });
  },
);

test.serial('info --backend cpu runs the cpu backend', async (t) => {
  const io = captureIo();
  t.is(await runCli(['info', '--backend', 'cpu'], io), EXIT.ok, io.stderr.join('\n'));
  t.true(io.stdout.includes('backend: cpu'));
});

test("every command's --help puts a space between --help and its description", async (t) => {
  for (const name of ['info', 'train', 'plot']) {
    const io = captureIo();
    t.is(await runCli([name, '--help'], io), EXIT.ok);
    t.regex(io.stdout.join('\n'), /^ {2}--help {2,}show this help$/m, name);
  }
});

test('an option given to a command without options says so, instead of an empty list', (t) => {
  const error = t.throws(() => parseFlags(['--backend', 'cpu'], {}), { instanceOf: UnknownOptionError });
  t.is(error.message, 'unknown option --backend (this command takes no options)');
});

test('--version prints the package version and exits 0', async (t) => {
  const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  for (const flag of ['--version', '-V']) {
    const io = captureIo();
    t.is(await runCli([flag], io), EXIT.ok);
    t.deepEqual(io.stdout, [`rxtrain ${version}`]);
  }
});

test('a misspelt option or command gets a "did you mean"', async (t) => {
  const option = captureIo();
  t.is(await runCli(['train', '--data', 'd', '--bach-size', '4'], option), EXIT.usage);
  t.regex(option.stderr[0]!, /^rxtrain: unknown option --bach-size \(did you mean --batch-size\?\)/);
  const command = captureIo();
  t.is(await runCli(['trian'], command), EXIT.usage);
  t.regex(command.stderr[0]!, /^rxtrain: unknown command 'trian' \(did you mean 'train'\?\)/);
  const far = captureIo();
  t.is(await runCli(['train', '--data', 'd', '--zzz', '4'], far), EXIT.usage);
  t.regex(far.stderr[0]!, /expected one of --data, /);
});

test('closest suggests only near names: one edit for short names, more for long ones', (t) => {
  t.is(closest('lr2', ['lr', 'seed']), 'lr');
  t.is(closest('x', ['lr', 'seed']), undefined);
  t.is(closest('epoch', ['epochs', 'seed']), 'epochs');
  t.is(closest('widthdivisor', ['width-divisor', 'weights']), 'width-divisor');
  t.is(closest('weigths', ['weights', 'width-divisor']), 'weights');
  t.is(closest('banana', ['lr', 'seed']), undefined);
});

test.serial(
  "--init kaiming builds AlexNet with He-normal kernels and zero biases; the default keeps PyTorch's",
  async (t) => {
    await tf.setBackend('cpu');
    const kaiming = trainConfigFromFlags(trainFlags(['--data', 'd', '--init', 'kaiming']), 'out');
    t.is(kaiming.model, kaimingAlexNet);
    t.is(trainConfigFromFlags(trainFlags(['--data', 'd']), 'out').model, undefined);
    const before = tf.memory().numTensors;
    const model = kaiming.model!({ numClasses: 2, imageSize: 64, widthDivisor: 4, seed: 620 });
    for (const layer of model.layers) {
      const [kernel, bias] = layer.getWeights();
      if (kernel === undefined || bias === undefined) continue;
      const fanIn = kernel.shape.slice(0, -1).reduce((a, b) => a * b, 1);
      const values = Array.from(kernel.dataSync());
      const std = Math.sqrt(values.reduce((s, v) => s + v * v, 0) / values.length);
      t.true(Math.abs(std / Math.sqrt(2 / fanIn) - 1) < 0.15, `${layer.name}: std ${std}, He ${Math.sqrt(2 / fanIn)}`);
      t.true(
        bias.dataSync().every((v) => v === 0),
        layer.name,
      );
    }
    model.dispose();
    t.is(tf.memory().numTensors, before);
  },
);
