import { availableParallelism } from 'node:os';
import { InvalidBackendOptionError } from './errors.js';

/** Backends in the order `auto` prefers them: fastest first. */
export const BACKEND_PREFERENCE = ['tensorflow-gpu', 'webgpu', 'tensorflow', 'wasm', 'cpu'] as const;

export type BackendName = (typeof BACKEND_PREFERENCE)[number];
export type BackendChoice = 'auto' | BackendName;

export const BACKEND_ENV_VAR = 'RXTRAIN_BACKEND';
export const WASM_THREADS_ENV_VAR = 'RXTRAIN_WASM_THREADS';

const CHOICES: readonly string[] = ['auto', ...BACKEND_PREFERENCE];

export function isBackendChoice(value: string): value is BackendChoice {
  return CHOICES.includes(value);
}

/** The explicit option wins; else `RXTRAIN_BACKEND`; else `auto`. */
export function resolveBackendChoice(
  option: string | undefined,
  env: Readonly<Record<string, string | undefined>> = process.env,
): BackendChoice {
  const [source, value] = option !== undefined ? ['option `backend`', option] : [BACKEND_ENV_VAR, env[BACKEND_ENV_VAR]];
  if (value === undefined || value === '') return 'auto';
  if (!isBackendChoice(value)) {
    throw new InvalidBackendOptionError(source, value, `one of ${CHOICES.map((c) => `'${c}'`).join(', ')}`);
  }
  return value;
}

/** The explicit option wins; else `RXTRAIN_WASM_THREADS`; else the CPUs available to this process. */
export function resolveWasmThreads(
  option: number | undefined,
  env: Readonly<Record<string, string | undefined>> = process.env,
): number {
  const raw = env[WASM_THREADS_ENV_VAR];
  if (option === undefined && (raw === undefined || raw === '')) return availableParallelism();
  const [source, value] = option !== undefined ? ['option `wasmThreads`', option] : [WASM_THREADS_ENV_VAR, Number(raw)];
  if (!Number.isInteger(value) || value < 1) {
    throw new InvalidBackendOptionError(source, String(option ?? raw), 'a whole number of threads, at least 1');
  }
  return value;
}
