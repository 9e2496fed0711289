import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { MonoTypeOperatorFunction } from 'rxjs';
import { encodeCheckpoint, epochCheckpointName, epochCheckpoints, writeAtomically } from './checkpoint-file.js';
import { eventOperator } from './event-operator.js';
import type { TrainEvent } from './events.js';
import type { RunContext } from './run-context.js';

export interface CheckpointOptions {
  readonly dir: string;
  /** Save after every `every`-th epoch. */
  readonly every?: number;
  /** Epoch checkpoints kept (older ones are deleted). */
  readonly keepLast?: number;
  /** Also keep `best.ckpt`: the state after the epoch with the best validation accuracy. */
  readonly best?: boolean;
  readonly key?: string;
}

/**
 * After every `every`-th epoch (and its validation, wherever `validate` sits in the pipe), writes
 * `dir/epoch-NNNN.ckpt` atomically (NNNN = epochs completed) and emits a `checkpoint` event. A
 * failed write errors the run with the path; earlier files stay as they were.
 */
export function checkpoint(context: RunContext, { dir, every = 1, keepLast = 3, best = true, key = 'checkpoint' }: CheckpointOptions): MonoTypeOperatorFunction<TrainEvent> {
  if (!Number.isInteger(every) || every < 1) throw new RangeError(`checkpoint: every must be a positive integer, got ${every}`);
  if (!Number.isInteger(keepLast) || keepLast < 1) throw new RangeError(`checkpoint: keepLast must be a positive integer, got ${keepLast}`);
  const bestPath = join(dir, 'best.ckpt');
  return eventOperator((out) => {
    let closed = false;
    let bestAccuracy: number | null = null;
    let lastPath: string | null = null;
    const validated = new Map<number, number>();
    const forget = context.keep(key, {
      save: () => ({ bestAccuracy, lastPath }),
      load: (saved) => ({ bestAccuracy, lastPath } = saved as { bestAccuracy: number | null; lastPath: string | null }),
    });

    const save = async (epoch: number, step: number): Promise<void> => {
      const accuracy = validated.get(epoch);
      validated.clear();
      const isBest = best && accuracy !== undefined && (bestAccuracy === null || accuracy > bestAccuracy);
      if (isBest) bestAccuracy = accuracy;
      const bytes = encodeCheckpoint(await context.snapshot());
      const path = join(dir, epochCheckpointName(epoch + 1));
      await writeAtomically(path, bytes);
      if (isBest) await writeAtomically(bestPath, bytes);
      lastPath = path;
      for (const old of (await epochCheckpoints(dir)).slice(0, -keepLast)) await unlink(old);
      if (!closed) out.next({ kind: 'checkpoint', epoch, step, path, best: isBest });
    };

    return {
      next(event) {
        if (event.kind === 'done') {
          const artifacts = { ...event.artifacts, ...(lastPath ? { checkpoint: lastPath } : {}), ...(bestAccuracy !== null ? { bestCheckpoint: bestPath } : {}) };
          out.next({ ...event, artifacts });
          return;
        }
        out.next(event);
        if (event.kind === 'validation') validated.set(event.epoch, event.accuracy);
        if (event.kind !== 'epoch' || (event.epoch + 1) % every !== 0) return;
        // Queued from inside held work, so it runs after whatever this epoch event queued downstream (validation).
        context.hold(async () => context.hold(() => (closed ? Promise.resolve() : save(event.epoch, event.step))));
      },
      teardown() {
        closed = true;
        forget();
      },
    };
  });
}
