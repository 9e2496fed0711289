import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';

/** Chunks a worker works on at once, so it starts the next while the last samples of one finish. */
export const TASKS_PER_WORKER = 2;

const pools = new Map<number, Piscina>();

/**
 * The worker entry beside this file: `sample-worker.js` once compiled; from the TypeScript sources,
 * a plain module that registers tsx in the worker and loads `sample-worker.ts`.
 */
export function workerEntry(): URL {
  const fromSources = extname(fileURLToPath(import.meta.url)) === '.ts';
  return new URL(fromSources ? './sample-worker-tsx.mjs' : './sample-worker.js', import.meta.url);
}

/**
 * The process's pool of `workers` threads (one per worker count, made on first use and kept: idle
 * workers do not keep the process alive).
 */
export function samplePool(workers: number): Piscina {
  let pool = pools.get(workers);
  if (!pool) {
    pool = new Piscina({
      filename: workerEntry().href,
      minThreads: workers,
      maxThreads: workers,
      concurrentTasksPerWorker: TASKS_PER_WORKER,
    });
    pools.set(workers, pool);
  }
  return pool;
}
