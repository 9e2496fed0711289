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

/** Whether a package resolves from here, without loading it (native packages are heavy to load). */
export function isInstalled(specifier: string): boolean {
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
    return { installed: true, module: await import(specifier) };
  } catch (error) {
    if (isModuleNotFound(error, specifier)) return { installed: false };
    return { installed: true, error: error instanceof Error ? error : new Error(String(error)) };
  }
}
