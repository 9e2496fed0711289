import test from 'ava';
import fc from 'fast-check';
import { ClientQueue, isMarker, type QueueItem } from '../../src/dashboard/client-queue.js';
import type { LogEntry } from '../../src/dashboard/run-log.js';

const entries = (kinds: readonly boolean[]): LogEntry[] =>
  kinds.map((progress, i) => ({ sequence: i + 1, frame: `${i + 1}`, progress }));

/** Pushes `entries` with reads of `reads[i]` items after push i; returns what was read and whether a push overflowed. */
function run(capacity: number, pushed: readonly LogEntry[], reads: readonly number[]) {
  const queue = new ClientQueue(capacity);
  const read: QueueItem[] = [];
  let longest = 0;
  let overflowAt: number | undefined;
  pushed.forEach((entry, i) => {
    if (overflowAt !== undefined) return;
    if (!queue.push(entry)) overflowAt = i;
    longest = Math.max(longest, queue.length);
    for (let r = 0; r < (reads[i] ?? 0); r++) {
      const item = queue.shift();
      if (item) read.push(item);
    }
  });
  for (let item = queue.shift(); item; item = queue.shift()) read.push(item);
  return { read, longest, overflowAt, queue };
}

const scenario = fc.record({
  capacity: fc.integer({ min: 2, max: 12 }),
  kinds: fc.array(fc.boolean(), { maxLength: 120 }),
  reads: fc.array(fc.nat(3), { maxLength: 120 }),
});

test('a client queue never holds more than its capacity', (t) => {
  fc.assert(
    fc.property(scenario, ({ capacity, kinds, reads }) => run(capacity, entries(kinds), reads).longest <= capacity),
  );
  t.pass();
});

test('a client queue drops only progress points, keeps log order (a marker where its last point was), and its markers count every point dropped', (t) => {
  fc.assert(
    fc.property(scenario, ({ capacity, kinds, reads }) => {
      const pushed = entries(kinds);
      const { read, overflowAt, queue } = run(capacity, pushed, reads);
      const accepted = pushed.slice(0, overflowAt);
      const sent = read.filter((item): item is LogEntry => !isMarker(item));
      const markers = read.filter(isMarker).reduce((n, m) => n + m.dropped, 0);
      const position = (item: QueueItem) => (isMarker(item) ? item.through : item.sequence);
      const inOrder = read.every((item, i) => i === 0 || position(item) > position(read[i - 1]!));
      const keptEvents = accepted.filter((e) => !e.progress).every((e) => sent.includes(e));
      const conserved = sent.length + markers === accepted.length && markers === queue.droppedTotal;
      return inOrder && keptEvents && conserved;
    }),
  );
  t.pass();
});

test('a client queue refuses an event only when it is full of events that must not be dropped', (t) => {
  fc.assert(
    fc.property(scenario, ({ capacity, kinds, reads }) => {
      const pushed = entries(kinds);
      const queue = new ClientQueue(capacity);
      for (const [i, entry] of pushed.entries()) {
        const before = queue.length;
        const full = before >= capacity;
        const accepted = queue.push(entry);
        if (!accepted && !full) return false;
        if (!accepted) return true;
        for (let r = 0; r < (reads[i] ?? 0); r++) queue.shift();
      }
      return true;
    }),
  );
  t.pass();
});

test('a queue full of progress points keeps the newest and one marker for the rest', (t) => {
  const queue = new ClientQueue(4);
  for (const entry of entries([true, true, true, true, true])) t.true(queue.push(entry));
  const items = [queue.shift(), queue.shift(), queue.shift()];
  t.deepEqual(items[0], { dropped: 3, through: 3 });
  t.is((items[1] as LogEntry).sequence, 4);
  t.is((items[2] as LogEntry).sequence, 5);
  t.is(queue.shift(), undefined);
  t.throws(() => new ClientQueue(1), { instanceOf: RangeError });
});
