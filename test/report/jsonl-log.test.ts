import { readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { from, lastValueFrom, Subject, toArray } from 'rxjs';
import type { TrainEvent } from '../../src/train/loop/events.js';
import { EventLogParseError, EventLogWriteError, logJsonl, readJsonl } from '../../src/report/index.js';
import { runEvents, stepEvent } from './events.js';
import { tempFolder } from '../temp-folder.js';

const tempDir = (t: ExecutionContext) => tempFolder(t, 'jsonl');
const lineCount = async (path: string) => (await readFile(path, 'utf8')).split('\n').filter(Boolean).length;

test('logJsonl writes one JSON line per event, and readJsonl reads the same events back', async (t) => {
  const path = join(await tempDir(t), 'nested', 'events.jsonl');
  const events = runEvents(2, 3, (step) => 1 / step);
  const passed = await lastValueFrom(from(events).pipe(logJsonl(path), toArray()));
  t.deepEqual(passed, events);
  t.is(await lineCount(path), events.length);
  t.deepEqual(await readJsonl(path), events);
});

test('readJsonl reads back every kind of event a run logs, validation progress included', async (t) => {
  const path = join(await tempDir(t), 'events.jsonl');
  const events: TrainEvent[] = [
    { kind: 'notice', message: 'n' },
    { kind: 'skipped', path: 'a.jpg', reason: 'r' },
    stepEvent(),
    { kind: 'lr', epoch: 0, lr: 0.1, lrs: [0.1] },
    { kind: 'epoch', epoch: 0, step: 1, loss: 1, accuracy: 0.5, seconds: 1 },
    { kind: 'validating', epoch: 0, batch: 1, batches: 2, images: 4, seconds: 0.1 },
    {
      kind: 'validation',
      epoch: 0,
      step: 1,
      loss: 1,
      accuracy: 0.5,
      perClass: [0.5, 0.5],
      confusion: [
        [1, 1],
        [1, 1],
      ],
    },
    { kind: 'checkpoint', epoch: 0, step: 1, path: 'c.ckpt', best: true },
    { kind: 'done', epochs: 1, steps: 1, bestAccuracy: 0.5, artifacts: {} },
  ];
  await lastValueFrom(from(events).pipe(logJsonl(path), toArray()));
  t.deepEqual(await readJsonl(path), events);
});

test('logJsonl appends: a second run adds its lines after the first', async (t) => {
  const path = join(await tempDir(t), 'events.jsonl');
  const first = runEvents(1, 2, () => 1);
  const second = runEvents(1, 3, () => 2);
  await lastValueFrom(from(first).pipe(logJsonl(path)));
  await lastValueFrom(from(second).pipe(logJsonl(path)));
  t.deepEqual(await readJsonl(path), [...first, ...second]);
});

test('each event is in the file before the next operator sees it', async (t) => {
  const path = join(await tempDir(t), 'events.jsonl');
  const linesWhenSeen: number[] = [];
  const source = new Subject<TrainEvent>();
  source.pipe(logJsonl(path)).subscribe(() => {
    linesWhenSeen.push(readFileSync(path, 'utf8').split('\n').filter(Boolean).length);
  });
  for (let step = 1; step <= 4; step++) source.next(stepEvent({ step }));
  source.complete();
  t.deepEqual(linesWhenSeen, [1, 2, 3, 4]);
});

test('readJsonl drops a last line cut short by a crash', async (t) => {
  const path = join(await tempDir(t), 'events.jsonl');
  const whole = JSON.stringify(stepEvent({ step: 1 }));
  await writeFile(path, `${whole}\n${JSON.stringify(stepEvent({ step: 2 })).slice(0, 30)}`);
  t.deepEqual(await readJsonl(path), [stepEvent({ step: 1 })]);
});

test('readJsonl names the file and line of a line that is not an event', async (t) => {
  const path = join(await tempDir(t), 'events.jsonl');
  await writeFile(path, `${JSON.stringify(stepEvent())}\n{"kind":"nonsense"}\n${JSON.stringify(stepEvent())}\n`);
  const error = await t.throwsAsync(readJsonl(path), { instanceOf: EventLogParseError });
  t.is(error?.line, 2);
  t.true(error?.message.startsWith(`${path}:2:`));
});

test('a write that fails (a full disk) errors the stream with EventLogWriteError naming the file', async (t) => {
  const error = await t.throwsAsync(lastValueFrom(from([stepEvent()]).pipe(logJsonl('/dev/full'))), {
    instanceOf: EventLogWriteError,
  });
  t.regex(error?.message ?? '', /^cannot append to event log \/dev\/full: .*ENOSPC/);
});
