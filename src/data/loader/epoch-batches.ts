import { concat, defer, empty, from, type AsyncIterableX } from 'ix/asynciterable';
import { finalize, map } from 'ix/asynciterable/operators';
import type { Batch } from '../batch-types.js';
import type { Entry } from '../sample-types.js';
import { BatchPump, type PendingBatch, type PumpSource } from './batch-pump.js';
import { NoBatchError } from './errors.js';
import type { SampleWork } from './sample-work.js';

/**
 * The batches of epoch `epoch` of `items` (in their order) through `work`, collated only when the
 * consumer asks for one; breaking out drops the outstanding work and closes `items`. An epoch
 * whose items formed no batch fails with a `NoBatchError` naming what was skipped, rather than ending empty.
 */
export function epochBatches(items: PumpSource, epoch: number, work: SampleWork): AsyncIterableX<Batch> {
  const { options } = work;
  const runner = work.runnerFor(epoch);
  const pump = new BatchPump(items, runner, { ...options, concurrency: work.concurrency });
  let batches = 0;
  const toBatch = (pending: PendingBatch<unknown>): Batch => {
    const { x, y } = runner.collate(pending.samples);
    batches += 1;
    pump.resume();
    return { x, y, paths: pending.samples.map((s) => (s as Entry).path), skipped: pending.skipped };
  };
  const formedNone = defer(async () => {
    if (batches === 0 && pump.taken > 0)
      throw new NoBatchError(epoch, pump.taken, pump.unbatched, options.batchSize, options.dropLast);
    return empty();
  });
  return concat(from(pump).pipe(map(toBatch)), formedNone).pipe(finalize(() => pump.close()));
}
