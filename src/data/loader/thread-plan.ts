import { availableParallelism } from 'node:os';

/** How the input pipeline's work is spread over threads (see docs/pipeline.md, *Threads*). */
export interface ThreadPlan {
  /** The cores the plan is for. */
  readonly cores: number;
  /** libuv's pool: where sharp decodes and resizes, one image per thread, for every worker thread. */
  readonly poolThreads: number;
  /** libvips threads per image (`sharp.concurrency`). */
  readonly sharpThreads: number;
  /** Loader worker threads (`workers`): the JavaScript part of each sample (reading, crops, normalising). */
  readonly workers: number;
  /** Samples in flight at once (`concurrency`): one per pool thread, plus one queued. */
  readonly concurrency: number;
}

/** libuv's thread pool size when `UV_THREADPOOL_SIZE` is not set. */
const LIBUV_DEFAULT_POOL = 4;

/**
 * Cores whose samples one worker's JavaScript keeps up with: reading the file, the fused
 * crop/normalise pass and the hand-over are about a quarter of a sample's CPU time, the rest is
 * sharp's decode and resize on the pool.
 */
const CORES_PER_WORKER = 4;

/**
 * The one decision behind the loader's thread counts, for `cores`:
 * - the decode and resize, most of a sample's CPU, run on libuv's pool: it should have a thread
 *   per core plus one, so a core is never idle while a thread waits on its hand-over (`rxtrain`
 *   sets `UV_THREADPOOL_SIZE` so before the pool starts; a program using the library sets it in its
 *   environment, since libuv reads it only once, before any module runs);
 * - each image on one libvips thread (`sharpThreads: 1`): images of a few hundred pixels gain
 *   nothing from being split, and several images at once keep the cores busy without hand-overs;
 * - worker threads for the JavaScript, about a quarter of the CPU: one per 4 cores (at least
 *   one), so that they do not take cores from the pool's decodes (on 2 cores a second worker
 *   lost 4 % of the rate and added 13 % of CPU per image);
 * - samples in flight: the pool's actual size (from `env`, libuv's 4 without it) plus one.
 */
export function threadPlan(
  cores = availableParallelism(),
  env: Readonly<Record<string, string | undefined>> = process.env,
): ThreadPlan {
  const pool = Number(env.UV_THREADPOOL_SIZE);
  const poolThreads = Number.isInteger(pool) && pool > 0 ? pool : LIBUV_DEFAULT_POOL;
  return {
    cores,
    poolThreads,
    sharpThreads: 1,
    workers: Math.max(1, Math.ceil(cores / CORES_PER_WORKER)),
    concurrency: poolThreads + 1,
  };
}

/** The `UV_THREADPOOL_SIZE` the plan wants for `cores`: one thread per core plus one. */
export const poolThreadsFor = (cores = availableParallelism()): number => cores + 1;
