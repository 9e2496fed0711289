import { isTorchSave, readTorchRun, runStateFromTorch, type PendingTorchState } from './torchrun-resume.js';
import { latestCheckpoint, readCheckpoint } from './checkpoint-file.js';
import { CheckpointReadError } from '../loop/index.js';
import type { RunContext, RunState } from '../loop/index.js';

/**
 * The checkpoint a run resumes from: `from` itself, or the newest `epoch-NNNN.ckpt` in `dir` for
 * `'latest'`. A `torch.save` file is one train.py (`rxtrain export --format torchrun`) wrote.
 */
export async function readResumeCheckpoint(from: string, dir?: string): Promise<{ path: string; state: RunState }> {
  if (from === 'latest' && dir === undefined)
    throw new CheckpointReadError('latest', 'resume: "latest" needs a checkpoint folder');
  const path = from === 'latest' ? await latestCheckpoint(dir!) : from;
  if (await isTorchSave(path)) return { path, state: await readTorchRun(path) };
  return { path, state: await readCheckpoint(path) };
}

/** Restores `context` from a checkpoint's state; a state that does not fit the model is a `CheckpointReadError`. */
export function restoreRun(context: RunContext, path: string, state: RunState): void {
  try {
    context.restore('torch' in state ? runStateFromTorch(state as PendingTorchState, context) : state);
  } catch (error) {
    throw new CheckpointReadError(path, error instanceof Error ? error.message : String(error));
  }
}

/**
 * Restores `context` from a checkpoint file, or from the newest `epoch-NNNN.ckpt` in `dir` when
 * `from` is `'latest'`; a following `fit` continues with the next epoch. Returns the file used.
 */
export async function resumeRun(context: RunContext, from: string, dir?: string): Promise<string> {
  const { path, state } = await readResumeCheckpoint(from, dir);
  restoreRun(context, path, state);
  return path;
}
