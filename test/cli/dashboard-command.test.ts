import test from 'ava';
import { join } from 'node:path';
import { runTraining } from '../../src/cli/run-training.js';
import { trainCommand } from '../../src/cli/commands/train.js';
import { EXIT, parseFlags, runCli } from '../../src/cli/index.js';
import { readJsonl } from '../../src/report/read-jsonl.js';
import { SseReader } from '../dashboard/sse-reader.js';
import { withoutPictures } from '../dashboard/synthetic-run.js';
import { tempFolder } from '../temp-folder.js';
import { tinyTrainConfigs } from '../train/fixtures.js';
import { captureIo } from './io.js';

test('--dashboard alone means port 6006, with a number that port; the next option is not taken for its value', (t) => {
  const values = (argv: string[]) => {
    const parsed = parseFlags(argv, trainCommand.options);
    return parsed.help ? undefined : parsed.values;
  };
  t.is(values(['--data', 'd', '--dashboard'])?.dashboard, 6006);
  t.is(values(['--dashboard', '--data', 'd'])?.dashboard, 6006);
  t.is(values(['--dashboard', '7000', '--data', 'd'])?.dashboard, 7000);
  t.is(values(['--dashboard=0', '--data', 'd'])?.dashboard, 0);
  t.is(values(['--data', 'd'])?.dashboard, undefined);
  t.throws(() => values(['--dashboard', 'x', '--data', 'd']), { message: /--dashboard.*integer/ });
});

test('rxtrain dashboard says what it serves and refuses a second folder', async (t) => {
  const help = captureIo();
  t.is(await runCli(['dashboard', '--help'], help), EXIT.ok);
  t.regex(help.stdout.join('\n'), /usage: rxtrain dashboard \[RUNS_DIR\] \[--port 6006\] \[--host 127\.0\.0\.1\]/);
  const two = captureIo();
  t.is(await runCli(['dashboard', 'a', 'b', '--port', '0'], two), EXIT.usage);
  const missing = captureIo();
  t.is(await runCli(['dashboard', '/nonexistent/runs', '--port', '0'], missing), EXIT.failed);
  t.regex(missing.stderr.join('\n'), /runs folder \/nonexistent\/runs: cannot be read/);
});

test('train --dashboard serves the run live: a page connected at the start gets every event of its events.jsonl, then the end', async (t) => {
  const outDir = await tempFolder(t, 'dashboard-train');
  const io = captureIo();
  let reader: Promise<SseReader> | undefined;
  const out = io.out;
  const watching = {
    ...io,
    out: (text: string) => {
      out(text);
      const url = /watch this run at (\S+)/.exec(text)?.[1];
      if (url) reader = SseReader.open(`${url}api/runs/live/events`);
    },
  };
  await runTraining({ ...tinyTrainConfigs(48)({ epochs: 2 }), outDir }, watching, { dashboard: 0 });
  t.truthy(reader, io.stdout.join('\n'));
  const page = await reader!;
  await page.until((r) => r.ended);
  const logged = await readJsonl(join(outDir, 'events.jsonl'));
  t.true(logged.some((e) => e.kind === 'validation'));
  t.deepEqual(page.events, logged.map(withoutPictures));
  t.deepEqual(page.frames.at(-1)?.data, { reason: 'the run has ended' });
});
