import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isMainThread } from 'node:worker_threads';
import { WorkerTransformError } from './errors.js';

let tsxRegistered: Promise<void> | undefined;

/** The ES module of tsx's loader API that `href` would import: the tsx of the project `href` is in. */
function tsxLoaderApi(href: string): string | undefined {
  for (const modules of createRequire(href).resolve.paths('tsx') ?? []) {
    const manifest = join(modules, 'tsx', 'package.json');
    if (!existsSync(manifest)) continue;
    const entry = (JSON.parse(readFileSync(manifest, 'utf8')) as { exports?: Record<string, { import?: { default?: unknown } }> }).exports?.['./esm/api']?.import?.default;
    return typeof entry === 'string' ? pathToFileURL(join(modules, 'tsx', entry)).href : undefined;
  }
  return undefined;
}

/** Registers tsx's loader in this thread, once. */
function registerTsx(href: string): Promise<void> {
  return (tsxRegistered ??= (async () => {
    const api = tsxLoaderApi(href);
    if (api === undefined) {
      throw new WorkerTransformError(`${href} is TypeScript, which loader workers can import only with tsx installed in its project (npm install --save-dev tsx), or compile it to JavaScript`);
    }
    const { register } = (await import(api)) as { register: () => void };
    register();
  })());
}

/**
 * `import(href)`; in a worker thread, a TypeScript module too. Node 20 does not pass the loader
 * flags a program was started with (`node --import tsx main.ts`) to worker threads, so a module the
 * main thread imports fine has no loader in the workers: tsx is registered there on first need.
 */
export async function importModule(href: string): Promise<Record<string, unknown>> {
  try {
    return (await import(href)) as Record<string, unknown>;
  } catch (error) {
    if (isMainThread || (error as { code?: string }).code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw error;
  }
  await registerTsx(href);
  const retry = new URL(href);
  retry.searchParams.set('tsx', ''); // the failed import is cached under its URL
  return (await import(retry.href)) as Record<string, unknown>;
}
