import { existsSync } from 'node:fs';
import { join } from 'node:path';
import test from 'ava';
import { from, lastValueFrom, tap, toArray } from 'rxjs';
import { plotOnDone } from '../../src/report/index.js';
import type { DoneEvent } from '../../src/train/loop/events.js';
import { bankOf, doneEvent, runEvents } from './events.js';
import { tempFolder } from '../temp-folder.js';

test('plotOnDone writes curves and kernels before passing done on, with both files in its artifacts', async (t) => {
  const dir = await tempFolder(t, 'done');
  const run = [
    ...runEvents(2, 4, (s) => 1 / s),
    doneEvent({
      artifacts: { log: 'events.jsonl' },
      firstLayerKernels: bankOf([3, 3, 3, 4], (y, x, c, k) => y - x + c * k),
    }),
  ];
  let filesAtDone: boolean[] = [];
  const out = await lastValueFrom(
    from(run).pipe(
      plotOnDone({ dir }),
      tap((e) => {
        if (e.kind === 'done') filesAtDone = ['curves.png', 'kernels.png'].map((f) => existsSync(join(dir, f)));
      }),
      toArray(),
    ),
  );
  t.deepEqual(filesAtDone, [true, true]);
  t.deepEqual(out.slice(0, -1), run.slice(0, -1));
  t.deepEqual((out.at(-1) as DoneEvent).artifacts, {
    log: 'events.jsonl',
    curves: join(dir, 'curves.png'),
    kernels: join(dir, 'kernels.png'),
  });
});

test('without kernels or losses plotOnDone writes nothing and passes done through', async (t) => {
  const dir = await tempFolder(t, 'done');
  const out = await lastValueFrom(from([doneEvent()]).pipe(plotOnDone({ dir })));
  t.deepEqual(out, doneEvent());
  t.false(existsSync(join(dir, 'curves.png')));
});
