import { latestCheckpoint, readCheckpoint } from './checkpoint-file.js';
import { CheckpointReadError } from './errors.js';
import type { RunContext } from './run-context.js';

/**
 * Restores `context` from a checkpoint file, or from the newest `epoch-NNNN.ckpt` in `dir` when
 * `from` is `'latest'`; a following `fit` continues with the next epoch. Returns the file used.
 */
export async function resumeRun(context: RunContext, from: string, dir?: string): Promise<string> {
  if (from === 'latest' && dir === undefined) throw new CheckpointReadError('latest', 'resume: "latest" needs a checkpoint folder');
  const path = from === 'latest' ? await latestCheckpoint(dir!) : from;
  const state = await readCheckpoint(path);
  try {
    context.restore(state);
  } catch (error) {
    throw new CheckpointReadError(path, error instanceof Error ? error.message : String(error));
  }
  return path;
}
