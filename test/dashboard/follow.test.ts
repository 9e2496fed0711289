import test from 'ava';
import { appendFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serveRunsDashboard } from '../../src/dashboard/index.js';
import { tempFolder } from '../temp-folder.js';
import { stepEvent } from '../report/events.js';
import { writeRuns } from './runs-folder.js';
import { SseReader } from './sse-reader.js';
import { jsonl } from './synthetic-run.js';

test('a log being written is followed: complete lines as they come, a half-written line once finished, a bad line as a problem naming it', async (t) => {
  const root = await tempFolder(t, 'dashboard-follow');
  await writeRuns(root, { run: [stepEvent({ step: 1 })] });
  const log = join(root, 'run', 'events.jsonl');
  const handle = await serveRunsDashboard(root, { port: 0 });
  t.teardown(() => handle.close());
  const reader = await SseReader.open(`${handle.url}api/runs/run/events`);
  await reader.until((r) => r.events.length === 1);
  const second = JSON.stringify(stepEvent({ step: 2 }));
  await appendFile(log, second.slice(0, 20));
  await new Promise((resolve) => setTimeout(resolve, 500));
  t.is(reader.events.length, 1);
  await appendFile(log, `${second.slice(20)}\n{"kind":"nonsense"}\n`);
  await reader.until((r) => r.frames.some((f) => f.event === 'problem'));
  t.deepEqual(reader.events, [stepEvent({ step: 1 }), stepEvent({ step: 2 })]);
  t.regex(
    (reader.frames.find((f) => f.event === 'problem')!.data as { message: string }).message,
    /events\.jsonl:3: .*no known "kind"/,
  );
  reader.close();
});

test('a log started over (--force) is a new generation: the page is told to reset and gets the new run', async (t) => {
  const root = await tempFolder(t, 'dashboard-restart');
  await writeRuns(root, { run: [1, 2, 3].map((step) => stepEvent({ step })) });
  const handle = await serveRunsDashboard(root, { port: 0 });
  t.teardown(() => handle.close());
  const reader = await SseReader.open(`${handle.url}api/runs/run/events`);
  await reader.until((r) => r.events.length === 3);
  await writeFile(join(root, 'run', 'events.jsonl'), jsonl([stepEvent({ step: 1, loss: 0.1 })]));
  await reader.until((r) => r.events.length === 4);
  t.deepEqual(
    reader.frames.map((f) => f.event),
    ['message', 'message', 'message', 'reset', 'message'],
  );
  t.is(reader.lastId, '2.1');
  reader.close();
});
