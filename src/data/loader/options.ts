import type { PumpStats } from './batch-pump.js';
import { LoaderOptionError } from './errors.js';
import { threadPlan } from './thread-plan.js';
import { checked, integerRule, numberRule, oneOf, type Rule } from '../../util/index.js';

export interface LoaderOptions {
  /** Samples per batch. */
  readonly batchSize: number;
  /** Visit the entries in a new seeded order each epoch (default false, as PyTorch's DataLoader). */
  readonly shuffle?: boolean;
  /** Drop the epoch's last batch when it is short (default false). */
  readonly dropLast?: boolean;
  /** Seed of the shuffle and of every sample's random generator (default 0). */
  readonly seed?: number;
  /** Finished batches that may wait for the consumer (default 2, at least 1). */
  readonly prefetch?: number;
  /**
   * Worker threads that decode and transform the samples, as PyTorch DataLoader's `num_workers`
   * (default: one per 4 cores, at least one, see `threadPlan`: the decoding itself runs on libuv's
   * pool). `0` runs the transform on this thread, the only way a closure can run.
   */
  readonly workers?: number;
  /** Samples in the transform at once, across the workers (default: sharp's thread pool size + 1, see `threadPlan`). */
  readonly concurrency?: number;
  /** A file that fails to decode is skipped and reported in the next batch (default), or fails the epoch. */
  readonly onBadImage?: 'skip' | 'fail';
  /**
   * Milliseconds a sample's transform may take before the epoch fails with a `SampleTimeoutError`
   * naming the file, as PyTorch DataLoader's `timeout` (default 0: wait for ever). With `workers: 0`
   * a synchronous busy loop blocks the thread that would notice, so only workers catch those; a
   * worker's start (importing the transform) counts against its first chunk.
   */
  readonly timeout?: number;
  /** Class names, index = label, when the source is an observable of entries (default: the labels as text). */
  readonly classes?: readonly string[] | undefined;
  /** Called whenever the loader's queue changes: how many batches wait, samples in flight, samples held. */
  readonly monitor?: ((stats: PumpStats) => void) | undefined;
}

export type ResolvedLoaderOptions = Required<Omit<LoaderOptions, 'classes' | 'monitor'>> &
  Pick<LoaderOptions, 'classes' | 'monitor'>;

/**
 * Samples in flight by default: one per libuv thread (each sharp call holds one; the pool is
 * `UV_THREADPOOL_SIZE`, else libuv's 4) plus one, so a thread never waits for the JavaScript
 * thread to hand it the next file.
 */
export const defaultConcurrency = (env: Readonly<Record<string, string | undefined>> = process.env): number =>
  threadPlan(undefined, env).concurrency;

const option = <T>(name: string, value: T, rule: Rule): T =>
  checked(value, rule, (expected) => new LoaderOptionError(name, expected, value));
const integerAtLeast = (name: string, value: number, min: number): number => option(name, value, integerRule({ min }));

/** Fills in the defaults and checks every option, throwing `LoaderOptionError` naming a bad one. */
export function resolveLoaderOptions(options: LoaderOptions): ResolvedLoaderOptions {
  const { shuffle = false, dropLast = false, seed = 0, prefetch = 2, onBadImage = 'skip' } = options;
  option('onBadImage', onBadImage, oneOf(['skip', 'fail'], true));
  if (!Number.isSafeInteger(seed)) throw new LoaderOptionError('seed', 'a safe integer', seed);
  return {
    batchSize: integerAtLeast('batchSize', options.batchSize, 1),
    shuffle: Boolean(shuffle),
    dropLast: Boolean(dropLast),
    seed,
    prefetch: integerAtLeast('prefetch', prefetch, 1),
    concurrency: integerAtLeast('concurrency', options.concurrency ?? defaultConcurrency(), 1),
    workers: integerAtLeast('workers', options.workers ?? threadPlan().workers, 0),
    onBadImage,
    timeout: option('timeout', options.timeout ?? 0, numberRule({ min: 0 })),
    classes: options.classes,
    monitor: options.monitor,
  };
}
