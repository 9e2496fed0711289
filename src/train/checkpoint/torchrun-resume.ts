import { readFile } from 'node:fs/promises';
import type { TorchTensor } from '../../models/index.js';
import { torchParameters, decodeTorchObject } from '../../models/index.js';
import { CheckpointReadError } from '../loop/index.js';
import type { RunContext, RunState } from '../loop/index.js';
import { optimizerStateFromTorch, type OptimizerSettings } from '../optim/index.js';

/** What train.py's `checkpoint-epoch-NNNN.pth` holds, read: position, run settings, and the torch state dicts. */
export interface TorchRunCheckpoint {
  readonly epoch: number;
  readonly step: number;
  readonly seed: number;
  /** The hand-off's run.json as train.py left it (its `rxtrain` key: the original run's configuration). */
  readonly run: { readonly optimizer: OptimizerSettings; readonly rxtrain?: unknown; readonly [key: string]: unknown };
  readonly model: ReadonlyMap<string, TorchTensor>;
  readonly optimizer: unknown;
  /** The loss train.py measured on the check samples with these weights. */
  readonly checkLoss?: number;
}

/** A `RunState` whose weights and optimiser state are still torch's: they take the model's names and layouts in `restoreRun`. */
export type PendingTorchState = RunState & { readonly torch: TorchRunCheckpoint };

/** Whether the file is a `torch.save` zip (rather than an rxtrain checkpoint). */
export async function isTorchSave(path: string): Promise<boolean> {
  const head = await readFile(path).then(
    (bytes) => bytes.subarray(0, 4),
    () => Buffer.alloc(0),
  );
  return head.length === 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
}

/** Reads a checkpoint train.py wrote; anything else is a `CheckpointReadError` naming the file. */
export async function readTorchRun(path: string): Promise<PendingTorchState> {
  const fail = (reason: string): never => {
    throw new CheckpointReadError(path, reason);
  };
  let root: unknown;
  try {
    root = decodeTorchObject(await readFile(path), path);
  } catch (error) {
    return fail((error as Error).message);
  }
  if (!(root instanceof Map))
    return fail('expected a dict written by train.py (model, optimizer, epoch, step, seed, run)');
  const integer = (key: string): number =>
    Number.isInteger(root.get(key)) ? (root.get(key) as number) : fail(`expected an integer '${key}'`);
  const model = root.get('model');
  if (!(model instanceof Map)) return fail("expected 'model', a state dict");
  let run: TorchRunCheckpoint['run'];
  try {
    run = JSON.parse(String(root.get('run')));
  } catch {
    return fail("expected 'run', run.json's text");
  }
  const checkLoss = root.get('check_loss');
  const torch: TorchRunCheckpoint = {
    epoch: integer('epoch'),
    step: integer('step'),
    seed: integer('seed'),
    run,
    model,
    optimizer: root.get('optimizer'),
    ...(typeof checkLoss === 'number' ? { checkLoss } : {}),
  };
  return {
    epoch: torch.epoch,
    step: torch.step,
    seed: torch.seed,
    weights: {},
    optimizer: { lrs: [], momentum: {} },
    operators: {},
    config: run.rxtrain ?? null,
    torch,
  };
}

/** The run state in the model's own names and layouts; a weight missing or of another shape is a `RangeError` naming it. */
export function runStateFromTorch(state: PendingTorchState, context: RunContext): RunState {
  const { model, optimizer, run } = state.torch;
  const weights: Record<string, { shape: readonly number[]; values: Float32Array }> = {};
  for (const parameter of torchParameters(context.model)) {
    const tensor = model.get(parameter.key);
    if (tensor === undefined) throw new RangeError(`missing ${parameter.key}`);
    if (tensor.shape.join() !== parameter.torchShape.join())
      throw new RangeError(`${parameter.key} has shape [${tensor.shape}], the model [${parameter.torchShape}]`);
    weights[parameter.variable.originalName] = {
      shape: parameter.variable.shape as number[],
      values: parameter.fromTorch(tensor.data),
    };
  }
  const groups = context.optimizer.groups.map((group) => group.variables.map((v) => v.originalName));
  return {
    ...state,
    weights,
    optimizer: optimizerStateFromTorch(context.model, groups, optimizer, run.optimizer, 'optimizer'),
  };
}
