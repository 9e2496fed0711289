import sharp from 'sharp';
import { WorkerTransformError } from './errors.js';
import { InProcessRunner } from './in-process-runner.js';
import { pumpWindow } from './batch-pump.js';
import type { ResolvedLoaderOptions } from './options.js';
import type { SampleTransform } from './run-sample.js';
import type { SampleRunner } from './sample-runner.js';
import { threadPlan } from './thread-plan.js';
import { timedRunner } from './timed-runner.js';
import { checkRecipe, recipeOf, type WorkerRecipe } from './worker-transform.js';
import { samplePool, TASKS_PER_WORKER } from './workers/worker-pool.js';
import { WorkerRunner } from './workers/worker-runner.js';

/** Where a loader's samples are transformed, the same for a folder and for shards. */
export interface SampleWork {
  readonly options: ResolvedLoaderOptions;
  /** Samples the pump keeps in the transform at once. */
  readonly concurrency: number;
  /** A runner for one epoch (its batch memory lives as long as the epoch). */
  runnerFor(epoch: number): SampleRunner<unknown>;
}

/** Entries a worker is handed at once, at most. */
const CHUNK = 8;

let recipes = 0;

/**
 * `transform` run in `options.workers` worker threads (built there from its recipe, writing pixels
 * into batch memory shared with this thread), or on this thread with `workers: 0`; each chunk timed
 * by `options.timeout`. With workers, a closure is a `WorkerTransformError`.
 */
export function sampleWork(transform: SampleTransform, options: ResolvedLoaderOptions): SampleWork {
  sharp.concurrency(threadPlan().sharpThreads);
  const recipe = options.workers > 0 ? workerRecipeOf(transform) : undefined;
  const recipeId = ++recipes;
  return {
    options,
    concurrency: recipe ? options.workers * TASKS_PER_WORKER * CHUNK : options.concurrency,
    runnerFor: (epoch) =>
      timedRunner<unknown>(
        recipe
          ? new WorkerRunner(samplePool(options.workers), { recipeId, recipe, epoch, ...options, ...chunking(options) })
          : new InProcessRunner(transform, { epoch, ...options }),
        options.timeout,
      ),
  };
}

function workerRecipeOf(transform: SampleTransform): WorkerRecipe {
  const recipe = recipeOf(transform);
  if (!recipe)
    throw new WorkerTransformError(
      'the transform is a function defined in this thread (a closure), which worker threads cannot run',
    );
  checkRecipe(recipe);
  return recipe;
}

/** Chunks of up to `CHUNK` entries, each worker's share of `concurrency` split among the chunks it runs at once. */
const chunking = (options: ResolvedLoaderOptions) => ({
  chunkSize: CHUNK,
  chunkConcurrency: Math.max(1, Math.ceil(options.concurrency / options.workers / TASKS_PER_WORKER)),
  window: pumpWindow(options),
});
