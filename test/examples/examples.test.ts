import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import test from 'ava';

const root = fileURLToPath(new URL('../../', import.meta.url));
const runExample = async (file: string, args: string[] = []) =>
  (await promisify(execFile)(process.execPath, ['--import=tsx', `examples/${file}`, ...args], { cwd: root })).stdout;

test('examples/train-composed.ts trains, decays the rate, validates, checkpoints and stops early', async (t) => {
  const out = await runExample('train-composed.ts');
  t.regex(out, /^epoch 0 loss [\d.]+ lr 0\.001\/0\.01$/m);
  t.regex(out, /^epoch 2 loss [\d.]+ lr 0\.0005\/0\.005$/m);
  t.regex(out, /saved .*epoch-0001\.ckpt \(best\)/);
  const accuracy = Number(/^done: \d+ epochs, best accuracy ([\d.]+) %/m.exec(out)?.[1]);
  t.true(accuracy >= 90, out);
});

test('examples/custom-augmentation.ts runs a new operator from a module in the loader workers, giving normalised 224×224 images', async (t) => {
  const lines = (await runExample('custom-augmentation.ts')).trim().split('\n');
  t.is(lines.length, 3);
  for (const line of lines) {
    const match = /label \d: 224x224, channel means (\S+) (\S+) (\S+)$/.exec(line);
    t.truthy(match, line);
    for (const mean of match!.slice(1).map(Number)) t.true(Math.abs(mean) < 3, line);
  }
});

test('examples/train-throughput.ts reports images/s for each AlexNet step', async (t) => {
  const out = await runExample('train-throughput.ts', ['2', '2', '16', 'cpu']);
  const rates = /images\/s per step (\S+) (\S+)$/m.exec(out);
  t.truthy(rates, out);
  t.true(rates!.slice(1).every((rate) => Number(rate) > 0));
});
