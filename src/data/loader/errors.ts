import type { Skipped } from '../batch-types.js';

/** A loader option is out of range: names the option and what was expected. */
export class LoaderOptionError extends Error {
  override readonly name = 'LoaderOptionError';
  constructor(
    readonly option: string,
    readonly expected: string,
    readonly actual: unknown,
  ) {
    super(`loader option ${option}: expected ${expected}, got ${JSON.stringify(actual)}`);
  }
}

/** Samples of one batch do not share a shape: names the file that differs and both shapes. */
export class BatchShapeError extends Error {
  override readonly name = 'BatchShapeError';
  constructor(
    readonly path: string,
    readonly expected: readonly number[],
    readonly actual: readonly number[],
  ) {
    super(
      `${path}: its image has shape [${actual.join(', ')}], expected [${expected.join(', ')}] as the first sample of its batch`,
    );
  }
}

/** A loader with `workers > 0` was given a transform its workers cannot rebuild (a closure), or a recipe they cannot receive. */
export class WorkerTransformError extends Error {
  override readonly name = 'WorkerTransformError';
  constructor(readonly reason: string) {
    super(
      `loader option workers: ${reason}; export a function returning the transform from a module and pass workerTransform(moduleUrl, exportName, ...args), or set workers: 0 to run a closure in-process`,
    );
  }
}

/** A sample failed in a worker (its transform threw, or the worker died): names the file and what happened. */
export class SampleWorkerError extends Error {
  override readonly name = 'SampleWorkerError';
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
  }
}

/** Skipped files named in a message: the first few with their reasons, then how many more. */
export function describeSkipped(skipped: readonly Skipped[], shown = 5): string {
  const named = skipped.slice(0, shown).map((s) => `${s.path} (${s.reason})`);
  return skipped.length > shown ? `${named.join(', ')} and ${skipped.length - shown} more` : named.join(', ');
}

/** An epoch of a listing with files formed no batch: every file was skipped, or too few were left for a batch. */
export class NoBatchError extends Error {
  override readonly name = 'NoBatchError';
  constructor(
    readonly epoch: number,
    readonly files: number,
    readonly skipped: readonly Skipped[],
    readonly batchSize: number,
    readonly dropLast: boolean,
  ) {
    const usable = files - skipped.length;
    const why = [
      skipped.length > 0
        ? `${skipped.length} of ${files} files were skipped: ${describeSkipped(skipped)}`
        : `${files} files`,
      usable > 0 && dropLast
        ? `the ${usable} usable are fewer than batchSize ${batchSize} and dropLast drops them`
        : undefined,
    ].filter(Boolean);
    super(`epoch ${epoch} formed no batch: ${why.join('; ')}`);
  }
}

/** A sample's transform did not settle within the loader's `timeout`: names the file, or the files of its chunk. */
export class SampleTimeoutError extends Error {
  override readonly name = 'SampleTimeoutError';
  constructor(
    readonly paths: readonly string[],
    readonly timeout: number,
  ) {
    const named =
      paths.length === 1
        ? paths[0]
        : `one of ${paths.slice(0, 3).join(', ')}${paths.length > 3 ? `, … (${paths.length} files)` : ''}`;
    super(
      `${named}: its transform did not finish within the loader's timeout of ${timeout} ms per sample (a promise that never settles, an endless observable, or a busy loop?)`,
    );
  }
}

/** A transform gave a sample that cannot be batched: not an image, sides of 0, a wrong `data.length`, non-finite values. */
export class SampleOutputError extends Error {
  override readonly name = 'SampleOutputError';
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: the transform's output ${reason}`);
  }
}
