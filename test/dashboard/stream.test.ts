import test from 'ava';
import { connect } from 'node:net';
import { Subject } from 'rxjs';
import { serveDashboard } from '../../src/dashboard/index.js';
import type { TrainEvent } from '../../src/train/loop/events.js';
import { stepEvent } from '../report/events.js';
import { SseReader } from './sse-reader.js';
import { syntheticRun, withoutPictures } from './synthetic-run.js';

const live = async (options: { queueCapacity?: number } = {}) => {
  const events$ = new Subject<TrainEvent>();
  const handle = await serveDashboard(events$, { port: 0, ...options });
  return { events$, handle, url: `${handle.url}api/runs/live/events` };
};

test('a page that reconnects with Last-Event-ID gets every event once: none lost, none repeated', async (t) => {
  const { events$, handle, url } = await live();
  t.teardown(() => handle.close());
  const run = syntheticRun({ epochs: 3, iterations: 7 });
  const first = await SseReader.open(url);
  run.slice(0, 10).forEach((e) => events$.next(e));
  await first.until((r) => r.events.length === 10);
  first.close();
  run.slice(10, 20).forEach((e) => events$.next(e)); // while the page is away
  const second = await SseReader.open(url, { 'Last-Event-ID': first.lastId! });
  run.slice(20).forEach((e) => events$.next(e));
  await second.until((r) => r.events.length === run.length - 10);
  t.deepEqual([...first.events, ...second.events], run.map(withoutPictures));
  const ids = [...first.frames, ...second.frames].flatMap((f) => (f.id ? [f.id] : []));
  t.is(new Set(ids).size, ids.length);
  second.close();
});

test('a page with no or a stale Last-Event-ID gets the whole run from its start', async (t) => {
  const { events$, handle, url } = await live();
  t.teardown(() => handle.close());
  const run = syntheticRun();
  run.forEach((e) => events$.next(e));
  for (const lastId of [undefined, '7.3', 'junk']) {
    const reader = await SseReader.open(url, lastId === undefined ? {} : { 'Last-Event-ID': lastId });
    await reader.until((r) => r.events.length === run.length);
    t.deepEqual(reader.events, run.map(withoutPictures));
    reader.close();
  }
});

test('the stream ends with the run: the page is told, and a failed run says why', async (t) => {
  const { events$, handle, url } = await live();
  t.teardown(() => handle.close());
  const reader = await SseReader.open(url);
  events$.next(stepEvent());
  events$.error(new Error('out of memory'));
  await reader.until((r) => r.ended);
  t.deepEqual(reader.frames.at(-1), {
    id: undefined,
    event: 'ended',
    data: { reason: 'the run failed: out of memory' },
  });
});

test('twenty pages at once each get every event', async (t) => {
  const { events$, handle, url } = await live();
  t.teardown(() => handle.close());
  const readers = await Promise.all(Array.from({ length: 20 }, () => SseReader.open(url)));
  const run = syntheticRun({ epochs: 2, iterations: 30 });
  for (const event of run) events$.next(event);
  await Promise.all(readers.map((r) => r.until((x) => x.events.length === run.length)));
  for (const reader of readers) t.deepEqual(reader.events, run.map(withoutPictures));
  t.is(handle.clients().length, 20);
  readers.forEach((r) => r.close());
});

/** A client that sends its request and then never reads: its socket fills, then the server's buffer. */
async function stalledClient(url: string): Promise<() => void> {
  const { port, pathname } = new URL(url);
  const socket = connect(Number(port), '127.0.0.1');
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  socket.write(`GET ${pathname} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAccept: text/event-stream\r\n\r\n`);
  socket.pause();
  return () => socket.destroy();
}

/** Steps plus the points a page was told it missed, and the epochs it got. */
function tally(frames: readonly { event: string; data: unknown }[]) {
  const data = frames.map((f) => f.data as { kind?: string; dropped?: number });
  return {
    steps: data.filter((d) => d.kind === 'step').length + data.reduce((n, d) => n + (d.dropped ?? 0), 0),
    epochs: data.filter((d) => d.kind === 'epoch').length,
    dropped: data.reduce((n, d) => n + (d.dropped ?? 0), 0),
  };
}

test('a stalled page never holds up the run and its memory stays bounded; a reader beside it gets every epoch and a count of what it missed', async (t) => {
  const capacity = 64;
  const { events$, handle, url } = await live({ queueCapacity: capacity });
  t.teardown(() => handle.close());
  const stop = await stalledClient(url);
  t.teardown(stop);
  const reader = await SseReader.open(url);
  await new Promise((resolve) => setTimeout(resolve, 100));
  const big = 'x'.repeat(5000); // each frame some 5 kB: 40 MB in all, beyond the sockets' buffers
  const batches = 80;
  const perBatch = 100;
  let most = { queued: 0, buffered: 0 };
  for (let batch = 0; batch < batches; batch++) {
    for (let i = 1; i <= perBatch; i++) {
      const step = batch * perBatch + i;
      events$.next({ ...stepEvent({ step }), time: big });
    }
    events$.next({ kind: 'epoch', epoch: batch, step: (batch + 1) * perBatch, loss: 0.1, accuracy: 0.9, seconds: 1 });
    for (const client of handle.clients())
      most = { queued: Math.max(most.queued, client.queued), buffered: Math.max(most.buffered, client.buffered) };
    await new Promise((resolve) => setImmediate(resolve));
  }
  events$.complete();
  await reader.until((r) => r.ended, 60_000);
  t.deepEqual(tally(reader.frames).steps, batches * perBatch);
  t.deepEqual(tally(reader.frames).epochs, batches);
  const [stalled] = handle.clients();
  t.truthy(stalled, 'the stalled page is still connected');
  t.true(stalled!.dropped > batches * perBatch * 0.5, `dropped ${stalled!.dropped}`);
  // At most a queue of frames and one socket buffer per page, however far behind it is.
  t.true(most.queued <= capacity, `queued ${most.queued}`);
  t.true(most.buffered <= 16 * 1024 + 6000, `buffered ${most.buffered} bytes`);
});

for (const capacity of [64, 4]) {
  test(`a slow page that catches up gets every epoch, and each step point or a count of those it missed (queue of ${capacity})`, async (t) => {
    const { events$, handle, url } = await live({ queueCapacity: capacity });
    t.teardown(() => handle.close());
    const { port, pathname } = new URL(url);
    const socket = connect(Number(port), '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write(`GET ${pathname} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
    socket.pause();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const big = 'x'.repeat(5000);
    for (let step = 1; step <= 4000; step++) {
      events$.next({ ...stepEvent({ step }), time: big });
      if (step % 100 === 0)
        events$.next({ kind: 'epoch', epoch: step / 100, step, loss: 0.1, accuracy: 0.9, seconds: 1 });
    }
    events$.complete();
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.resume();
    await new Promise<void>((resolve) => socket.on('end', () => resolve()));
    const { steps, epochs, dropped } = tally(
      [...text.matchAll(/^data: (.*)$/gm)].map((m) => ({ event: 'message', data: JSON.parse(m[1]!) })),
    );
    t.is(epochs, 40);
    t.is(steps, 4000);
    // With room for every epoch the old points are coalesced; a queue too small for them replays the log instead.
    if (capacity > 40) t.true(dropped > 0);
  });
}
