import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import { EXIT } from '../../src/cli/index.js';
import { readJsonl } from '../../src/report/read-jsonl.js';
import { tempFolder } from '../temp-folder.js';
import { cliRun, tinyTrainFlags, trainedRun, twoColourFolder } from './tiny-run.js';

test('plot --log reads the log of a real run, validating events included, and draws its curves', async (t) => {
  const { out } = await trainedRun(t, 'plot-log', 6);
  const kinds = (await readFile(join(out, 'events.jsonl'), 'utf8'))
    .trim()
    .split('\n')
    .map((line) => (JSON.parse(line) as { kind: string }).kind);
  t.true(kinds.includes('validating'));
  t.deepEqual(
    (await readJsonl(join(out, 'events.jsonl'))).map((e) => e.kind),
    kinds,
  );
  const plotted = await cliRun(['plot', '--log', join(out, 'events.jsonl'), '--out', join(out, 'again.png')]);
  t.is(plotted.code, EXIT.ok, plotted.err);
  t.true((await stat(join(out, 'again.png'))).size > 1000);
});

test('after --resume, the run reads the earlier events for curves.png without a warning', async (t) => {
  const { data, out } = await trainedRun(t, 'resume-curves', 6);
  const resumed = await cliRun([
    'train',
    '--data',
    data,
    '--out',
    out,
    '--resume',
    'latest',
    '--epochs',
    '2',
    ...tinyTrainFlags,
  ]);
  t.is(resumed.code, EXIT.ok, resumed.err);
  t.notRegex(resumed.err, /curves\.png will show this run only/);
  const steps = (await readJsonl(join(out, 'events.jsonl'))).filter((e) => e.kind === 'step').map((e) => e.step);
  t.deepEqual(
    steps,
    steps.map((_, i) => i + 1),
  );
});

test('train --data <ImageFolder> finds its classes without --num-classes; --help names both layouts', async (t) => {
  const dir = await tempFolder(t, 'image-folder');
  const data = await twoColourFolder(join(dir, 'data'));
  const out = join(dir, 'run');
  const flags = tinyTrainFlags.filter((_, i) => i > 1);
  t.deepEqual(tinyTrainFlags.slice(0, 2), ['--num-classes', '2']);
  const trained = await cliRun(['train', '--data', data, '--out', out, '--epochs', '1', ...flags]);
  t.is(trained.code, EXIT.ok, trained.err);
  const validation = (await readJsonl(join(out, 'events.jsonl'))).find((e) => e.kind === 'validation');
  t.deepEqual(validation?.kind === 'validation' ? validation.classes : undefined, ['cat', 'dog']);
  const help = await cliRun(['train', '--help']);
  t.regex(help.out, /ImageFolder/);
  t.notRegex(help.out, /--data DIR +Kaggle-style folder of cat/);
});
