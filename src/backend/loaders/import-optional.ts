import { createRequire } from 'node:module';

export type OptionalImport =
  | { readonly installed: true; readonly module: unknown }
  | { readonly installed: false }
  | { readonly installed: true; readonly error: Error };

const isModuleNotFound = (error: unknown, specifier: string): boolean => {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (
    (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') &&
    typeof message === 'string' &&
    message.includes(specifier)
  );
};

/** Packages compiled into a single-file build of the CLI, each with the import that loads it. */
const bundled = new Map<string, () => Promise<unknown>>();

/**
 * Tells `isInstalled` and `importOptional` that these packages are compiled into this file (a
 * bundle has no node_modules to resolve them from). The portable build's entry calls it.
 */
export function provideBundledPackages(packages: Readonly<Record<string, () => Promise<unknown>>>): void {
  for (const [specifier, load] of Object.entries(packages)) bundled.set(specifier, load);
}

/** Whether a package resolves from here, without loading it (native packages are heavy to load). */
export function isInstalled(specifier: string): boolean {
  if (bundled.has(specifier)) return true;
  try {
    createRequire(import.meta.url).resolve(specifier);
    return true;
  } catch (error) {
    if (isModuleNotFound(error, specifier)) return false;
    throw error;
  }
}

/**
 * Imports an optional dependency. "Not found" for the package itself means it is not installed;
 * any other failure (a missing shared library, a broken native build) is reported as an error.
 */
export async function importOptional(specifier: string): Promise<OptionalImport> {
  try {
    return { installed: true, module: await (bundled.get(specifier) ?? (() => import(specifier)))() };
  } catch (error) {
    if (isModuleNotFound(error, specifier)) return { installed: false };
    return { installed: true, error: error instanceof Error ? error : new Error(String(error)) };
  }
}
