/** A training configuration that cannot run: names the key and what was expected. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly key: string,
    readonly expected: string,
    readonly actual?: unknown,
  ) {
    super(`config.${key}: expected ${expected}${actual === undefined ? '' : `, got ${describe(actual)}`}`);
  }
}

/** The loss became NaN or infinite: the run stops at this step. */
export class NonFiniteLossError extends Error {
  override readonly name = 'NonFiniteLossError';
  constructor(
    readonly step: number,
    readonly epoch: number,
    readonly iteration: number,
    readonly lr: number,
    readonly loss: number,
  ) {
    super(`loss is ${loss} at step ${step} (epoch ${epoch}, iteration ${iteration}) with learning rate ${lr}`);
  }
}

/** A training epoch gave no batch (an empty listing, or a split that leaves no training file): nothing can be trained. */
export class EmptyEpochError extends Error {
  override readonly name = 'EmptyEpochError';
  constructor(
    readonly epoch: number,
    readonly batchesPerEpoch: number,
  ) {
    super(
      `epoch ${epoch} of the training data gave no batch (its loader counts ${batchesPerEpoch} per epoch): nothing to train on`,
    );
  }
}

/** A checkpoint could not be written; earlier checkpoints and the in-memory run are untouched. */
export class CheckpointWriteError extends Error {
  override readonly name = 'CheckpointWriteError';
  constructor(
    readonly path: string,
    cause: unknown,
  ) {
    super(`cannot write checkpoint ${path}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/** A checkpoint file is missing, truncated or not a checkpoint, or does not fit the model. */
export class CheckpointReadError extends Error {
  override readonly name = 'CheckpointReadError';
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`cannot read checkpoint ${path}: ${reason}`);
  }
}

/** Two stateful operators of one run claim the same checkpoint key. */
export class DuplicateStateKeyError extends Error {
  override readonly name = 'DuplicateStateKeyError';
  constructor(readonly key: string) {
    super(`two operators of the same run keep state under "${key}": give one of them another \`key\``);
  }
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return String(value);
}

/** The run folder cannot be used as asked: it holds another run, or cannot be written. */
export class RunFolderError extends Error {
  override readonly name = 'RunFolderError';
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`${path}: ${reason}`);
  }
}

/** Resuming a run that already completed the epochs asked for: there is nothing to train. */
export class NothingToTrainError extends Error {
  override readonly name = 'NothingToTrainError';
  constructor(
    readonly checkpoint: string,
    readonly epochsDone: number,
    readonly epochs: number,
  ) {
    super(
      `nothing left to train: ${checkpoint} already completed ${epochsDone} of the ${epochs} epoch${epochs === 1 ? '' : 's'} asked; ask for more epochs to train on`,
    );
  }
}

/** Another live process is training into the same run folder: two runs would mix their files. */
export class RunFolderLockedError extends Error {
  override readonly name = 'RunFolderLockedError';
  constructor(
    readonly path: string,
    readonly pid: number | undefined,
    readonly host: string | undefined,
  ) {
    super(
      `${path}: another run is using this folder (process ${pid ?? '?'}${host === undefined ? '' : ` on ${host}`}, see ${path}/rxtrain.lock): wait for it to end, or choose another --out`,
    );
  }
}
