import test from 'ava';
import fc from 'fast-check';
import { resolveLoaderOptions } from '../../../src/data/loader/options.js';
import { poolThreadsFor, threadPlan } from '../../../src/data/loader/thread-plan.js';

test('the thread plan gives one worker per 4 cores (at least one, never more than the cores), one libvips thread per image, and one sample in flight per pool thread plus one', (t) => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 512 }), fc.option(fc.integer({ min: 1, max: 1024 })), (cores, pool) => {
      const plan = threadPlan(cores, pool === null ? {} : { UV_THREADPOOL_SIZE: String(pool) });
      t.is(plan.cores, cores);
      t.is(plan.workers, Math.ceil(cores / 4));
      t.true(plan.workers >= 1 && plan.workers <= cores);
      t.is(plan.sharpThreads, 1);
      t.is(plan.poolThreads, pool ?? 4, "the pool libuv actually has: UV_THREADPOOL_SIZE, else libuv's 4");
      t.is(plan.concurrency, plan.poolThreads + 1);
      t.is(poolThreadsFor(cores), cores + 1);
    }),
  );
});

test("the loader's defaults are the plan's", (t) => {
  const resolved = resolveLoaderOptions({ batchSize: 4 });
  t.is(resolved.workers, threadPlan().workers);
  t.is(resolved.concurrency, threadPlan().concurrency);
  t.is(resolveLoaderOptions({ batchSize: 4, workers: 0 }).workers, 0);
});
