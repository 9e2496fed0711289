import test from 'ava';
import fc from 'fast-check';
import { from, lastValueFrom, toArray } from 'rxjs';
import { consoleProgress, formatEvent } from '../../src/report/index.js';
import { formatStep, formatValidation } from '../../src/report/format-events.js';
import { formatBar } from '../../src/report/progress-bar.js';
import { doneEvent, runEvents, stepEvent, validationEvent } from './events.js';

test("a step line begins with the seed's training line, epochs counted from 1 as checkpoint files are", (t) => {
  const line = formatStep(stepEvent(), 3);
  t.true(line.startsWith('Training:Epoch[001/003] Iteration[001/176] Loss: 0.6931 Acc:50.00%'), line);
  t.regex(line, /250\.0 img\/s {2}lr: 0\.001$/);
});

test('a step line states loss to 4 decimals and accuracy to 0.01 % for any step', (t) => {
  const steps = fc.record({
    epoch: fc.nat(998),
    iteration: fc.integer({ min: 1, max: 999 }),
    loss: fc.double({ min: 0, max: 100, noNaN: true }),
    accuracy: fc.double({ min: 0, max: 1, noNaN: true }),
  });
  fc.assert(
    fc.property(steps, ({ epoch, iteration, loss, accuracy }) => {
      const line = formatStep(stepEvent({ epoch, iteration, iterations: 999, loss, accuracy }), 999);
      const match =
        /^Training:Epoch\[(\d{3})\/999\] Iteration\[(\d{3})\/999\] Loss: (\d+\.\d{4}) Acc:(\d+\.\d{2})%/.exec(line);
      return (
        match !== null &&
        Number(match[1]) === epoch + 1 &&
        Number(match[2]) === iteration &&
        Math.abs(Number(match[3]) - loss) <= 5e-5 + 1e-12 &&
        Math.abs(Number(match[4]) - accuracy * 100) <= 5e-3 + 1e-9
      );
    }),
  );
  t.pass();
});

test('a validation line has the seed prefix, loss, accuracy and per-class accuracy', (t) => {
  const line = formatValidation(validationEvent({ epoch: 2, loss: 0.12345, accuracy: 0.955 }), 3);
  t.true(line.startsWith('Valid:Epoch[003/003] Loss: 0.1235 Acc:95.50%'), line);
  t.true(line.endsWith('per class 0:88.00% 1:92.00%'), line);
});

test('a validation line names each class when the event carries the class names', (t) => {
  const line = formatValidation(validationEvent({ classes: ['cat', 'dog'] }), 3);
  t.true(line.endsWith('per class cat:88.00% dog:92.00%'), line);
});

test('skipped, checkpoint, lr and done events each name what happened', (t) => {
  t.is(
    formatEvent({ kind: 'skipped', path: 'd/cat.1.jpg', reason: 'truncated' }, 3),
    'Skipped: d/cat.1.jpg: truncated',
  );
  t.is(
    formatEvent({ kind: 'checkpoint', epoch: 0, step: 9, path: 'runs/a/ckpt-1', best: true }, 3),
    'Checkpoint: runs/a/ckpt-1 (best)',
  );
  t.is(formatEvent({ kind: 'lr', epoch: 1, lr: 1e-5, lrs: [1e-5, 1e-4] }, 3), 'LR:Epoch[002/003] 1e-5,0.0001');
  const done = formatEvent(
    doneEvent({ epochs: 3, steps: 528, bestAccuracy: 0.97, artifacts: { log: 'runs/a/events.jsonl' } }),
    3,
  );
  t.is(done, 'Done: 3 epochs, 528 steps, best valid Acc:97.00%\n  log: runs/a/events.jsonl');
});

test("consoleProgress prints every logInterval-th step and each epoch's last, and passes all events on", async (t) => {
  const lines: string[] = [];
  const events = runEvents(2, 5, (step) => 1 / step);
  const seen = await lastValueFrom(
    from(events).pipe(consoleProgress({ epochs: 2, logInterval: 2, write: (l) => lines.push(l) }), toArray()),
  );
  const iterations = lines.filter((l) => l.startsWith('Training:')).map((l) => /Iteration\[(\d+)/.exec(l)?.[1]);
  t.deepEqual(iterations, ['002', '004', '005', '002', '004', '005']);
  t.is(lines.filter((l) => l.startsWith('Valid:')).length, 2);
  t.deepEqual(seen, events);
});

test('consoleProgress rejects a logInterval that is not a positive integer', (t) => {
  t.throws(() => consoleProgress({ epochs: 1, logInterval: 0 }), { instanceOf: RangeError, message: /logInterval/ });
});

test("with a bar, every step but an epoch's last is a status line, and logged lines stay permanent", async (t) => {
  const output: Array<['status' | 'line', string]> = [];
  const bar = {
    status: (text: string) => output.push(['status', text]),
    line: (text: string) => output.push(['line', text]),
  };
  await lastValueFrom(
    from(runEvents(1, 4, () => 0.5)).pipe(consoleProgress({ epochs: 1, logInterval: 4, bar }), toArray()),
  );
  const expected: Array<['status' | 'line', string]> = [
    ['status', 'Epoch[001/001] [######..................] 1/4 Loss: 0.5000'],
    ['status', 'Epoch[001/001] [############............] 2/4 Loss: 0.5000'],
    ['status', 'Epoch[001/001] [##################......] 3/4 Loss: 0.5000'],
    ['line', 'Training:Epoch[001/001] Iteration[004/004] Loss: 0.5000'],
    ['line', 'Valid:Epoch[001/001] Loss: 0.2500 Acc:90.00%'],
  ];
  t.is(output.length, expected.length);
  expected.forEach(([kind, prefix], i) =>
    t.true(output[i]![0] === kind && output[i]![1].startsWith(prefix), output[i]!.join(' ')),
  );
});

test('a status line shows the epoch, a bar filled in proportion to the iteration, loss and accuracy', (t) => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 500 }), (a, b) => {
      const [iteration, iterations] = [Math.min(a, b), Math.max(a, b)];
      const line = formatBar(stepEvent({ iteration, iterations, loss: 0.25, accuracy: 0.5 }), 3, 20);
      const bar = /\[([#.]{20})\]/.exec(line)?.[1] ?? '';
      return (
        line.startsWith('Epoch[001/003] [') &&
        bar.split('#').length - 1 === Math.round((20 * iteration) / iterations) &&
        line.includes(` ${iteration}/${iterations} Loss: 0.2500 Acc:50.00%`)
      );
    }),
  );
  t.pass();
});
