/**
 * Does watching a run slow it down? The demo's small AlexNet trains the same steps, in alternating
 * rounds, with no dashboard and with `serveDashboard` followed by `--clients` pages (in another
 * process, as browsers would be). Prints images/s of each round and the change of the medians.
 *
 *   npm run bench:dashboard -- [--steps 40] [--clients 20] [--rounds 3] [--backend wasm]
 *
 * Valid only on a quiet machine (`uptime` load < 1).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lastValueFrom, Subject, tap, toArray } from 'rxjs';
import { ensureDemoData } from '../src/cli/demo/demo-data.js';
import { demoAlexNet } from '../src/cli/demo/demo-model.js';
import { serveDashboard } from '../src/dashboard/index.js';
import { trainStream, type StepEvent, type TrainConfig, type TrainEvent } from '../src/index.js';

const args = new Map<string, string>();
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i += 2) {
  if (!argv[i]!.startsWith('--') || argv[i + 1] === undefined)
    throw new Error(`bench:dashboard: expected --name value pairs, got '${argv.slice(i).join(' ')}'`);
  args.set(argv[i]!.slice(2), argv[i + 1]!);
}
const steps = Number(args.get('steps') ?? 40);
const clients = Number(args.get('clients') ?? 20);
const rounds = Number(args.get('rounds') ?? 3);
const backend = (args.get('backend') ?? 'wasm') as TrainConfig['backend'];
const batchSize = 16;

const folder = mkdtempSync(join(tmpdir(), 'rxtrain-bench-dashboard-'));
process.on('exit', () => rmSync(folder, { recursive: true, force: true }));
const data = join(folder, 'data');
await ensureDemoData(data, { perClass: Math.ceil((steps * batchSize) / 2 / 0.9) + 8 });

/** The demo's model and crops; one epoch of `steps` steps, validated never (the split keeps every file for training). */
const config: TrainConfig = {
  data,
  model: demoAlexNet,
  widthDivisor: 4,
  imageSize: 64,
  batchSize,
  epochs: 1,
  maxIterations: steps,
  split: 1,
  lr: 0.003,
  lrDecay: null,
  backend,
  seed: 620,
};

/** Images per second over the run's steps, the first (warm-up) left out. */
function imagesPerSecond(events: readonly TrainEvent[]): number {
  const seconds = events
    .filter((e): e is StepEvent => e.kind === 'step')
    .slice(1)
    .map((e) => batchSize / e.imagesPerSecond);
  return (seconds.length * batchSize) / seconds.reduce((a, b) => a + b, 0);
}

/** `count` pages reading the stream at `url` from another process; resolves once all are connected. */
function pages(url: string, count: number): { stop: () => void } {
  const reader = `const http = require('node:http'); for (let i = 0; i < ${count}; i++) http.get(${JSON.stringify(url)}, (r) => r.resume());`;
  const child = spawn(process.execPath, ['-e', reader], { stdio: 'ignore' });
  return { stop: () => child.kill() };
}

async function round(watched: boolean): Promise<number> {
  if (!watched) return imagesPerSecond(await lastValueFrom(trainStream(config).pipe(toArray())));
  const seen = new Subject<TrainEvent>();
  const handle = await serveDashboard(seen, { port: 0 });
  const readers = pages(`${handle.url}api/runs/live/events`, clients);
  while (handle.clients().length < clients) await new Promise((resolve) => setTimeout(resolve, 20));
  try {
    return imagesPerSecond(await lastValueFrom(trainStream(config).pipe(tap(seen), toArray())));
  } finally {
    readers.stop();
    await handle.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(
  `dashboard load: demo AlexNet (width / 4, 64 px, batch ${batchSize}), ${steps} steps on ${backend}, ${rounds} rounds, ${clients} pages`,
);
await round(false); // warm-up: backend, caches
const alone: number[] = [];
const watched: number[] = [];
for (let r = 0; r < rounds; r++) {
  // Alternating which goes first keeps drift (thermal, other load) out of the difference.
  for (const withPages of r % 2 === 0 ? [false, true] : [true, false]) {
    const ips = await round(withPages);
    (withPages ? watched : alone).push(ips);
    console.log(`  round ${r + 1} ${withPages ? `with ${clients} pages` : 'no dashboard'}: ${ips.toFixed(1)} images/s`);
  }
}
const change = median(watched) / median(alone) - 1;
console.log(
  `median images/s: ${median(alone).toFixed(1)} alone, ${median(watched).toFixed(1)} with ${clients} pages: ${(100 * change).toFixed(1)} % change`,
);
