// Loads a checkpoint while a 5 ms timer runs; SIGINT aborts the load. Prints how the load ended,
// how long after the signal, and the longest the event loop was blocked.
import { loadTorchCheckpoint } from '../../src/models/index.js';

const [file] = process.argv.slice(2);
if (file === undefined) throw new Error('usage: interrupt-load.child.ts FILE');
const controller = new AbortController();
let signalledAt: number | undefined;
process.once('SIGINT', () => {
  signalledAt = performance.now();
  controller.abort();
});
let last = performance.now();
let maxGapMs = 0;
const timer = setInterval(() => {
  const now = performance.now();
  maxGapMs = Math.max(maxGapMs, now - last);
  last = now;
}, 5);
const load = loadTorchCheckpoint as (path: string, options?: { signal?: AbortSignal }) => Promise<unknown>;
const started = performance.now();
console.log(JSON.stringify({ loading: true }));
let outcome: string;
try {
  await load(file, { signal: controller.signal });
  outcome = 'loaded';
} catch (error) {
  outcome = (error as Error).name;
}
clearInterval(timer);
const end = performance.now();
maxGapMs = Math.max(maxGapMs, end - last);
console.log(
  JSON.stringify({
    outcome,
    ms: Math.round(end - started),
    afterSignalMs: signalledAt === undefined ? null : Math.round(end - signalledAt),
    maxGapMs: Math.round(maxGapMs),
  }),
);
