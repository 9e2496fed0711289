import { checked, type Rule } from '../util/index.js';

/** An `alexnet()` option (or another model-building argument) is outside what the factory accepts. */
export class ModelOptionError extends Error {
  override readonly name = 'ModelOptionError';
  constructor(
    readonly option: string,
    readonly expected: string,
    readonly received: unknown,
  ) {
    super(`model option \`${option}\`: expected ${expected}, got ${JSON.stringify(received)}`);
  }
}

/** `value` when `rule` holds; else a `ModelOptionError` naming the option. */
export const checkModelOption = <T>(option: string, value: T, rule: Rule): T =>
  checked(value, rule, (expected) => new ModelOptionError(option, expected, value));

/** A `torch.save` file that cannot be read: truncated, malformed, or in an unsupported layout. */
export class TorchCheckpointError extends Error {
  override readonly name: string = 'TorchCheckpointError';
  constructor(
    message: string,
    readonly file?: string,
  ) {
    super(file === undefined ? message : `${file}: ${message}`);
  }
}

/** The checkpoint's pickle names a global outside the state-dict allow-list; nothing was executed. */
export class UnsafePickleError extends TorchCheckpointError {
  override readonly name = 'UnsafePickleError';
  constructor(
    readonly global: string,
    file?: string,
  ) {
    super(`refusing to load pickle global \`${global}\`: only the globals of a tensor state dict are allowed`, file);
  }
}

/** A weights file named like torchvision's (`name-<hex>.pth`) whose SHA-256 does not start with `<hex>`. */
export class WeightsHashError extends TorchCheckpointError {
  override readonly name = 'WeightsHashError';
  constructor(
    file: string,
    readonly expectedPrefix: string,
    readonly sha256: string,
  ) {
    super(
      `its name promises a SHA-256 starting with ${expectedPrefix}, the file's is ${sha256}: the download is damaged or the file was renamed (torch.hub checks the same)`,
      file,
    );
  }
}

/** A state dict whose keys and shapes are not a model rxtrain can build. */
export class UnknownArchitectureError extends TorchCheckpointError {
  override readonly name = 'UnknownArchitectureError';
}

export interface ShapeMismatch {
  readonly key: string;
  readonly checkpoint: readonly number[];
  readonly model: readonly number[];
}

/** A state dict that does not fit the model: every missing, unexpected and mismatched key is listed. */
export class WeightMismatchError extends Error {
  override readonly name = 'WeightMismatchError';
  constructor(
    readonly missing: readonly string[],
    readonly unexpected: readonly string[],
    readonly mismatched: readonly ShapeMismatch[],
  ) {
    const lines = [
      ...missing.map((key) => `  missing: ${key}`),
      ...unexpected.map((key) => `  unexpected: ${key}`),
      ...mismatched.map(
        ({ key, checkpoint, model }) =>
          `  shape mismatch: ${key}: checkpoint [${checkpoint.join(', ')}], model expects [${model.join(', ')}] (PyTorch layout)`,
      ),
    ];
    super(`state dict does not fit the model:\n${lines.join('\n')}`);
  }
}

/** A saved model's files (`model.json`, weight shards) are missing or not what was expected. */
export class ModelFileError extends Error {
  override readonly name = 'ModelFileError';
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
  }
}

/** A weight tensor holds NaN or infinite values: predictions from it would be meaningless. */
export class NonFiniteWeightsError extends Error {
  override readonly name = 'NonFiniteWeightsError';
  constructor(
    readonly key: string,
    readonly count: number,
    readonly file?: string,
  ) {
    super(
      `${file === undefined ? '' : `${file}: `}tensor ${key} holds ${count} NaN or infinite value${count === 1 ? '' : 's'}: refusing to load non-finite weights`,
    );
  }
}

/** Throws a `NonFiniteWeightsError` naming `key` when `values` holds a NaN or an infinity. */
export function checkFinite(key: string, values: ArrayLike<number>, file?: string): void {
  let count = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) count++;
  if (count > 0) throw new NonFiniteWeightsError(key, count, file);
}
