import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isMainThread } from 'node:worker_threads';
import { WorkerTransformError } from './errors.js';

/** Set on a thread's global once tsx's loader is registered there (also by the worker entry that runs the sources). */
export const TSX_REGISTERED = Symbol.for('rxtrain.tsxRegistered');
const TYPESCRIPT = /\.(?:[cm]?ts|tsx)$/;

let tsxRegistering: Promise<void> | undefined;

/** The ES modules of tsx's loader APIs (`./esm/api`, `./cjs/api`), from the project `href` is in. */
function tsxApis(href: string): string[] | undefined {
  for (const modules of createRequire(href).resolve.paths('tsx') ?? []) {
    const manifest = join(modules, 'tsx', 'package.json');
    if (!existsSync(manifest)) continue;
    const exports = (
      JSON.parse(readFileSync(manifest, 'utf8')) as { exports?: Record<string, { import?: { default?: unknown } }> }
    ).exports;
    const apis = ['./esm/api', './cjs/api'].map((subpath) => exports?.[subpath]?.import?.default);
    return apis.every((api): api is string => typeof api === 'string')
      ? apis.map((api) => pathToFileURL(join(modules, 'tsx', api)).href)
      : undefined;
  }
  return undefined;
}

/**
 * Registers tsx in this thread, once: its ES module hooks, and its CommonJS ones for a project
 * without `"type": "module"`, where tsx loads a `.ts` file as CommonJS.
 */
function registerTsx(href: string): Promise<void> {
  if ((globalThis as Record<symbol, unknown>)[TSX_REGISTERED] === true) return Promise.resolve();
  return (tsxRegistering ??= (async () => {
    const apis = tsxApis(href);
    if (apis === undefined) {
      throw new WorkerTransformError(
        `${href} is TypeScript, which loader workers can import only with tsx installed in its project (npm install --save-dev tsx), or compile it to JavaScript`,
      );
    }
    for (const api of apis) ((await import(api)) as { register: () => void }).register();
    (globalThis as Record<symbol, unknown>)[TSX_REGISTERED] = true;
  })());
}

/**
 * `import(href)`; in a worker thread, a TypeScript module too. Node 20 does not pass the loader
 * flags a program was started with (`node --import tsx main.ts`) to worker threads, so a module the
 * main thread imports fine has no loader in the workers: tsx is registered there before the first
 * TypeScript module is imported (after a failed import, Node would keep the failure for that file).
 */
export async function importModule(href: string): Promise<Record<string, unknown>> {
  if (!isMainThread && TYPESCRIPT.test(new URL(href).pathname)) await registerTsx(href);
  return (await import(href)) as Record<string, unknown>;
}
