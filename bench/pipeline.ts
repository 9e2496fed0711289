/**
 * Images per second of the input pipeline on a cats-vs-dogs folder (the seed's training split):
 *   - sharp's raw JPEG decode alone, as many at once as the loader runs: the ceiling; and the same
 *     with the resize to 256 done by libvips (`loadImage(path, { resize })`): this pipeline's ceiling;
 *   - the loader with the seed's training pipeline as the training run uses it (`classificationTrainPipeline`:
 *     decode with Resize(256) in libvips → CenterCrop(256) → RandomCrop(224) → flip → ToTensor →
 *     Normalize), in batches of 128, with `workers` 0 (in process), 1 and 2 (`--workers 0,1,2`);
 *     for each, per image: the process's CPU time (all threads), the main thread's busy time
 *     (`performance.eventLoopUtilization`) and GC; `--resize exact` resizes with the Pillow-exact
 *     JavaScript `resize` after decoding instead;
 *   - and, when Debian's python3-torch is installed, PyTorch's DataLoader over the same folder
 *     (`seed_reference.py --pipeline-only`, 0 then 2 workers), with our rates as ratios of theirs.
 *
 *   npm run bench:pipeline -- --data DIR [--workers 0,1,2] [--batches N] [--concurrency C] [--prefetch P] [--threads T] [--backend wasm|cpu] [--resize decoder|exact] [--pytorch off] [--ceilings off]
 *
 * Batches are made on the training's backend (`--backend`, default wasm, which copies each batch
 * into its memory). `--threads` is libuv's pool size (sharp decodes one image per pool thread, for
 * the worker threads too). It must be set before the pool starts, which happens before any of this
 * file runs, so the bench re-runs itself with UV_THREADPOOL_SIZE set unless the caller set it.
 * Each loader rate includes starting its worker threads, as PyTorch's includes forking its workers.
 */
import * as tf from '@tensorflow/tfjs';
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { readFileSync } from 'node:fs';
import { PerformanceObserver } from 'node:perf_hooks';
import sharp from 'sharp';
import { initBackend, isBackendChoice } from '../src/backend/index.js';
import {
  defaultConcurrency,
  loader,
  poolThreadsFor,
  type LoaderOptions,
  type SampleTransform,
} from '../src/data/loader/index.js';
import { loadImage, resizeSideFor, classificationTrainPipeline } from '../src/data/index.js';
import { listKaggleFolder } from '../src/data/sources/kaggle-folder.js';
import { load, median, reportLoad } from './timing.js';
import { runSeedReference } from './torch-python.js';

const BATCH = 128;
const USAGE =
  'usage: npm run bench:pipeline -- --data DIR [--workers 0,1,2] [--batches N] [--concurrency C] [--prefetch P] [--threads T] [--backend wasm|cpu] [--resize decoder|exact] [--pytorch off] [--ceilings off] [--runs 3]';

const args = parseArgs(process.argv.slice(2));
const threads = Number(args.threads ?? poolThreadsFor());
if (process.env.UV_THREADPOOL_SIZE === undefined) {
  const child = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, UV_THREADPOOL_SIZE: String(threads) },
  });
  process.exit(child.status ?? 1);
}

interface OursRun {
  workers: number;
  rate: number;
  cpu: number;
  main: number;
  mainCpu: number;
  gc: number;
}
interface TorchRun {
  workers: number;
  rate: number;
  cpu: number;
  mainCpu: number;
}

const runs = Number(args.runs ?? 3);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs ${args.runs}: expected an integer ≥ 1`);
if (!args.data) throw new Error(USAGE);
const backend = args.backend ?? 'wasm';
if (!isBackendChoice(backend)) throw new Error(`--backend ${backend}: not a backend name`);
await initBackend({ backend, wasmThreads: 1 }); // the batches are only made here: no XNNPACK pool competing with the decoders
sharp.concurrency(1);
sharp.cache(false);
const quiet = [reportLoad('before')];
const measured: { ours: OursRun[]; torch: TorchRun[] }[] = [];
for (let run = 1; run <= runs; run++) {
  console.log(`\n=== run ${run} of ${runs} (load ${load()}) ===`);
  measured.push(await oneRun());
}
quiet.push(reportLoad('after'));
summarise(measured, quiet.every(Boolean));

async function oneRun(): Promise<{ ours: OursRun[]; torch: TorchRun[] }> {
  const data = args.data!;
  const maxBatches = args.batches ? Number(args.batches) : Infinity;
  const listing = await listKaggleFolder(data, { mode: 'train' });
  const paths = listing.entries.slice(0, Math.min(listing.entries.length, maxBatches * BATCH)).map((e) => e.path);
  const workerCounts = (args.workers ?? '0,1,2').split(',').map(Number);
  const options: LoaderOptions = {
    batchSize: BATCH,
    shuffle: true,
    seed: 620,
    ...(args.concurrency ? { concurrency: Number(args.concurrency) } : {}),
    ...(args.prefetch ? { prefetch: Number(args.prefetch) } : {}),
  };
  const concurrency = options.concurrency ?? defaultConcurrency();
  console.log(
    `${paths.length} images of ${data}; ${tf.getBackend()} backend, UV_THREADPOOL_SIZE=${process.env.UV_THREADPOOL_SIZE}, sharp.concurrency()=${sharp.concurrency()}, loader concurrency ${concurrency}, prefetch ${options.prefetch ?? 2}, ${availableParallelism()} cores`,
  );

  const resize = args.resize ?? 'decoder';
  if (resize !== 'decoder' && resize !== 'exact') throw new Error(`--resize ${resize}: expected decoder or exact`);
  const rows: [string, number][] = [];
  if (args.ceilings !== 'off') {
    await decodeOnly(paths.slice(0, 64), concurrency, (path) => sharp(path).raw().toBuffer()); // warm the page cache and the JIT
    rows.push([
      'sharp decode only (ceiling)',
      await decodeOnly(paths, concurrency, (path) => sharp(path).removeAlpha().raw().toBuffer()),
    ]);
    rows.push([
      'loadImage with resize 256 in libvips only',
      await decodeOnly(paths, concurrency, (path) => loadImage(path, { resize: resizeSideFor(224) })),
    ]);
  }
  const transform = classificationTrainPipeline({ concurrency: 1, exactResize: resize === 'exact' });
  const ours: OursRun[] = [];
  for (const workers of workerCounts) {
    const measured = await loaderRate({ ...listing, entries: listing.entries.slice(0, paths.length) }, transform, {
      ...options,
      workers,
    });
    ours.push({ workers, ...measured });
    rows.push([
      `rxtrain loader, workers ${workers}: classificationTrainPipeline (resize: ${resize}), batches of ${BATCH}`,
      measured.rate,
    ]);
  }
  const torch: TorchRun[] = [];
  for (const workers of args.pytorch === 'off' ? [] : [0, 2]) {
    const measured = pytorchRate(data, workers, args.batches);
    if (typeof measured === 'string') console.log(measured);
    else {
      torch.push({ workers, ...measured });
      rows.push([`PyTorch DataLoader num_workers=${workers}`, measured.rate]);
    }
  }
  for (const [label, rate] of rows) console.log(`${rate.toFixed(0).padStart(6)} images/s  ${label}`);
  const ms = (value: number) => value.toFixed(3);
  console.log(
    '\n| workers | images/s | process CPU ms/image | main thread busy ms/image (ELU) | main thread CPU ms/image | main-thread GC ms/image | ' +
      torch.map(({ workers }) => `/ PyTorch num_workers=${workers}`).join(' | ') +
      ' |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | ' + torch.map(() => '---').join(' | ') + ' |');
  for (const { workers, rate, cpu, main, mainCpu, gc } of ours) {
    console.log(
      `| ${workers} | ${rate.toFixed(0)} | ${ms(cpu)} | ${ms(main)} | ${ms(mainCpu)} | ${ms(gc)} | ` +
        torch.map((t) => `${(rate / t.rate).toFixed(2)}×`).join(' | ') +
        ' |',
    );
  }
  for (const { workers, rate, cpu, mainCpu } of torch)
    console.log(`| PyTorch num_workers=${workers} | ${rate.toFixed(0)} | ${ms(cpu)} | | ${ms(mainCpu)} | | |`);
  const one = ours.find((o) => o.workers === 1);
  const two = ours.find((o) => o.workers === 2);
  if (one && two) console.log(`\n1 → 2 workers: ×${(two.rate / one.rate).toFixed(2)}`);
  return { ours, torch };
}

/** Each figure over the runs as `median (min–max)`, and our rates as ratios of PyTorch's in the same run. */
function summarise(all: readonly { ours: OursRun[]; torch: TorchRun[] }[], quietThroughout: boolean): void {
  const range = (xs: readonly number[], digits: number) =>
    xs.length === 0
      ? 'n/a'
      : `${median(xs).toFixed(digits)} (${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)})`;
  console.log(
    `\n=== ${all.length} run${all.length === 1 ? '' : 's'}: median (min–max) ===${quietThroughout ? '' : '  [LOADED MACHINE: not results]'}`,
  );
  console.log(
    '| | images/s | process CPU ms/image | main thread CPU ms/image | main thread busy ms/image (ELU) | / PyTorch num_workers=2, same run |',
  );
  console.log('| --- | --- | --- | --- | --- | --- |');
  const torch2 = (run: { torch: TorchRun[] }) => run.torch.find((t) => t.workers === 2)?.rate;
  for (const workers of [...new Set(all.flatMap((run) => run.ours.map((o) => o.workers)))]) {
    const of = all.flatMap((run) =>
      run.ours.filter((o) => o.workers === workers).map((o) => ({ ...o, ratio: o.rate / (torch2(run) ?? NaN) })),
    );
    const ratios = of.map((o) => o.ratio).filter(Number.isFinite);
    console.log(
      `| rxtrain workers ${workers} | ${range(
        of.map((o) => o.rate),
        0,
      )} | ${range(
        of.map((o) => o.cpu),
        3,
      )} | ${range(
        of.map((o) => o.mainCpu),
        3,
      )} | ${range(
        of.map((o) => o.main),
        3,
      )} | ${range(ratios, 2)}× |`,
    );
  }
  for (const workers of [0, 2]) {
    const of = all.flatMap((run) => run.torch.filter((t) => t.workers === workers));
    if (of.length > 0)
      console.log(
        `| PyTorch num_workers=${workers} | ${range(
          of.map((t) => t.rate),
          0,
        )} | ${range(
          of.map((t) => t.cpu),
          3,
        )} | ${range(
          of.map((t) => t.mainCpu),
          3,
        )} | | |`,
      );
  }
}

async function decodeOnly(
  paths: readonly string[],
  concurrency: number,
  decode: (path: string) => Promise<unknown>,
): Promise<number> {
  const started = performance.now();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < paths.length) await decode(paths[next++]!);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return paths.length / ((performance.now() - started) / 1000);
}

/** Images per second, and per image: the process's CPU time, the main thread's busy time and the part of it in GC (ms). */
async function loaderRate(
  listing: Awaited<ReturnType<typeof listKaggleFolder>>,
  transform: SampleTransform,
  options: LoaderOptions,
) {
  const batches = loader(async () => listing, transform, options);
  let gc = 0;
  const observer = new PerformanceObserver((entries) =>
    entries.getEntries().forEach((entry) => void (gc += entry.duration)),
  );
  observer.observe({ entryTypes: ['gc'] });
  const [started, cpu, loop, mainCpu] = [
    performance.now(),
    process.cpuUsage(),
    performance.eventLoopUtilization(),
    mainThreadCpuMs(),
  ];
  let images = 0;
  for await (const batch of batches.epoch(0)) {
    images += batch.x.shape[0];
    tf.dispose([batch.x, batch.y]);
  }
  const seconds = (performance.now() - started) / 1000;
  const { user, system } = process.cpuUsage(cpu);
  const { active } = performance.eventLoopUtilization(loop);
  const mainCpuMs = mainThreadCpuMs() - mainCpu;
  observer.disconnect();
  return {
    rate: images / seconds,
    cpu: (user + system) / 1000 / images,
    main: active / images,
    mainCpu: mainCpuMs / images,
    gc: gc / images,
  };
}

/**
 * The main thread's own CPU time (ms, 10 ms resolution), from Linux's per-thread counters (NaN
 * elsewhere). Unlike the event loop's busy time, it does not count the time the thread waits
 * for a core while busy, which on a loaded machine is most of it.
 */
function mainThreadCpuMs(): number {
  try {
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return NaN;
  }
}

interface PipelineReference {
  pipeline_images_per_s: number;
  pipeline_cpu_ms_per_image: number;
  pipeline_main_cpu_ms_per_image: number;
}

/**
 * PyTorch's DataLoader over the same folder: images/s, and per image its process CPU (workers
 * included; with `--batches`, the batches its workers had prefetched count too) and its main
 * process's CPU. Or why it could not be measured.
 */
function pytorchRate(
  data: string,
  workers: number,
  batches: string | undefined,
): { rate: number; cpu: number; mainCpu: number } | string {
  const result = runSeedReference<PipelineReference>([
    '--data',
    data,
    '--pipeline-only',
    '--workers',
    String(workers),
    ...(batches ? ['--max-iters', batches] : []),
  ]);
  if (typeof result === 'string') return result;
  return {
    rate: result.pipeline_images_per_s,
    cpu: result.pipeline_cpu_ms_per_image,
    mainCpu: result.pipeline_main_cpu_ms_per_image,
  };
}

function parseArgs(argv: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i += 2) {
    if (!argv[i]!.startsWith('--') || argv[i + 1] === undefined)
      throw new Error(`expected --name value pairs, got ${argv.slice(i).join(' ')}`);
    out[argv[i]!.slice(2)] = argv[i + 1]!;
  }
  return out;
}
