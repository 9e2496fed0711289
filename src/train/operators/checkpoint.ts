import { unlink } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { MonoTypeOperatorFunction } from 'rxjs';
import {
  repairBestLink,
  checkpointParts,
  epochCheckpointName,
  epochCheckpoints,
  linkAtomically,
  writeAtomically,
} from '../checkpoint/index.js';
import { eventOperator } from './event-operator.js';
import type { TrainEvent, RunContext } from '../loop/index.js';
import { checkArgument, positiveInteger } from '../../util/index.js';

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

/** What the operator keeps in checkpoints: file names, so that a moved run folder still resumes. */
interface SavedState {
  bestAccuracy: number | null;
  bestFile: string | null;
  lastFile: string | null;
}

/** State written by earlier versions kept an absolute `lastPath` and no best file name. */
const fromSaved = (saved: unknown): SavedState => {
  const state = saved as Partial<SavedState> & { lastPath?: string | null };
  const lastFile = state.lastFile ?? (state.lastPath ? basename(state.lastPath) : null);
  return { bestAccuracy: state.bestAccuracy ?? null, bestFile: state.bestFile ?? null, lastFile };
};

/**
 * After every `every`-th epoch (and its validation, wherever `validate` sits in the pipe), writes
 * `dir/epoch-NNNN.ckpt` atomically (NNNN = epochs completed) and emits a `checkpoint` event. When the
 * epoch is the best so far, `best.ckpt` becomes a hard link to that file (a copy where links are not
 * supported), after the file is whole, so `best.ckpt` exists whenever the run reports it; a resumed
 * run whose link was cut short by a kill makes it again. A failed write errors the run with the path;
 * earlier files stay as they were.
 */
export function checkpoint(
  context: RunContext,
  { dir, every = 1, keepLast = 3, best = true, key = 'checkpoint' }: CheckpointOptions,
): MonoTypeOperatorFunction<TrainEvent> {
  checkArgument('checkpoint', 'every', every, positiveInteger);
  checkArgument('checkpoint', 'keepLast', keepLast, positiveInteger);
  const bestPath = join(dir, 'best.ckpt');
  return eventOperator((out) => {
    let closed = false;
    let state: SavedState = { bestAccuracy: null, bestFile: null, lastFile: null };
    const validated = new Map<number, number>();
    const forget = context.keep(key, {
      save: () => ({ ...state }),
      load: (saved) => {
        state = fromSaved(saved);
        if (state.bestAccuracy !== null && !repairBestLink(dir, state.bestFile))
          state = { ...state, bestAccuracy: null, bestFile: null };
      },
    });

    const save = async (epoch: number, step: number): Promise<void> => {
      const accuracy = validated.get(epoch);
      validated.clear();
      const isBest = best && accuracy !== undefined && (state.bestAccuracy === null || accuracy > state.bestAccuracy);
      const name = epochCheckpointName(epoch + 1);
      const path = join(dir, name);
      const before = state;
      state = { ...(isBest ? { bestAccuracy: accuracy, bestFile: name } : state), lastFile: name };
      try {
        const parts = checkpointParts(await context.snapshot());
        await writeAtomically(path, parts);
        if (isBest) await linkAtomically(path, bestPath).catch(() => writeAtomically(bestPath, parts));
      } catch (error) {
        state = before;
        throw error;
      }
      for (const old of (await epochCheckpoints(dir)).slice(0, -keepLast)) await unlink(old);
      if (!closed) out.next({ kind: 'checkpoint', epoch, step, path, best: isBest });
    };

    return {
      next(event) {
        if (event.kind === 'done') {
          const artifacts = {
            ...event.artifacts,
            ...(state.lastFile ? { checkpoint: join(dir, state.lastFile) } : {}),
            ...(state.bestAccuracy !== null ? { bestCheckpoint: bestPath } : {}),
          };
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
