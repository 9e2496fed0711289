import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import { EXIT, runCli } from '../../src/cli/index.js';
import { tempFolder } from '../temp-folder.js';
import { captureIo } from './io.js';

const demo = (out: string) => [
  'demo',
  '--out',
  out,
  '--epochs',
  '1',
  '--per-class',
  '6',
  '--max-iterations',
  '2',
  '--backend',
  'cpu',
];

test('npm start twice (demo --force): the second demo starts afresh in the same folder, with one run in its log and one TensorBoard file', async (t) => {
  const out = join(await tempFolder(t, 'demo-twice'), 'demo');
  for (const round of [1, 2]) {
    const io = captureIo();
    t.is(await runCli([...demo(out), '--force'], io), EXIT.ok, `round ${round}: ${io.stderr.join('\n')}`);
  }
  const kinds = (await readFile(join(out, 'events.jsonl'), 'utf8'))
    .trim()
    .split('\n')
    .map((line) => (JSON.parse(line) as { kind: string }).kind);
  t.is(kinds.filter((kind) => kind === 'done').length, 1);
  t.is((await readdir(out)).filter((name) => name.startsWith('events.out.tfevents.')).length, 1);
});
