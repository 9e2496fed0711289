import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { from, mergeMap, type OperatorFunction } from 'rxjs';
import type { Sample } from '../sample-types.js';
import type { TransformedSample } from './collate.js';
import { WorkerTransformError } from './errors.js';
import { importModule } from './import-module.js';

/** How a worker rebuilds a transform: `module`'s export `exportName`, called with `args`. */
export interface WorkerRecipe {
  readonly module: string;
  readonly exportName: string;
  readonly args: readonly unknown[];
}

const RECIPE = Symbol.for('rxtrain.workerRecipe');

/** Marks `transform` as what `recipe` builds, so a loader with workers builds the same transform in each worker. */
export function withWorkerRecipe<T extends object>(transform: T, recipe: WorkerRecipe): T {
  return Object.assign(transform, { [RECIPE]: recipe });
}

/** The recipe `transform` was marked with, if any. */
export const recipeOf = (transform: object): WorkerRecipe | undefined =>
  (transform as { [RECIPE]?: WorkerRecipe })[RECIPE];

/** A module as a URL the workers can import: a URL, a `file:` URL string or an absolute path. */
export function moduleHref(module: string | URL): string {
  if (module instanceof URL) return module.href;
  if (isAbsolute(module)) return pathToFileURL(module).href;
  if (/^[a-z][a-z0-9+.-]*:/i.test(module)) return module;
  throw new WorkerTransformError(
    `the module ${JSON.stringify(module)} is neither a URL nor an absolute path (use new URL('./file.js', import.meta.url))`,
  );
}

/** Imports `recipe`'s module and calls its export with the recipe's arguments. */
export async function buildFromRecipe<T>(recipe: WorkerRecipe): Promise<T> {
  const module = await importModule(recipe.module);
  // A CommonJS module's exports may come only as `default` (a TypeScript file in a project without "type": "module").
  const factory =
    module[recipe.exportName] ?? (module.default as Record<string, unknown> | undefined)?.[recipe.exportName];
  if (typeof factory !== 'function')
    throw new WorkerTransformError(`${recipe.module} has no exported function ${recipe.exportName}`);
  const built = (factory as (...args: unknown[]) => unknown)(...recipe.args);
  if (typeof built !== 'function') {
    throw new WorkerTransformError(
      `${recipe.exportName}(…) from ${recipe.module} returned ${built === null ? 'null' : typeof built}, not an RxJS operator (a function of an Observable of samples)`,
    );
  }
  return built as T;
}

/**
 * A transform that loader workers import and build themselves: `module`'s export `exportName`, a
 * function returning an operator, called with `args` (structured-cloneable values). Used in
 * process (`workers: 0`, or in any RxJS pipe), it imports the module on subscription.
 */
export function workerTransform<A = Sample<undefined>, B = TransformedSample>(
  module: string | URL,
  exportName: string,
  ...args: unknown[]
): OperatorFunction<A, B> {
  const recipe: WorkerRecipe = { module: moduleHref(module), exportName, args };
  let built: Promise<OperatorFunction<A, B>> | undefined;
  const transform: OperatorFunction<A, B> = (source) =>
    from((built ??= buildFromRecipe(recipe))).pipe(mergeMap((operator) => source.pipe(operator)));
  return withWorkerRecipe(transform, recipe);
}

/** Checks that `recipe` can be sent to a worker (its arguments structured-cloneable). */
export function checkRecipe(recipe: WorkerRecipe): void {
  try {
    structuredClone(recipe.args);
  } catch (error) {
    throw new WorkerTransformError(
      `the arguments of ${recipe.exportName} from ${recipe.module} cannot be sent to a worker (${(error as Error).message})`,
    );
  }
}
