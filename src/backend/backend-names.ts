import { InvalidBackendOptionError } from './errors.js';

/** Backends in the order `auto` prefers them: fastest first. */
export const BACKEND_PREFERENCE = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'] as const;

export type BackendName = (typeof BACKEND_PREFERENCE)[number];
export type BackendChoice = 'auto' | BackendName;

export const BACKEND_ENV_VAR = 'RXTRAIN_BACKEND';

const CHOICES: readonly string[] = ['auto', ...BACKEND_PREFERENCE];

export function isBackendChoice(value: string): value is BackendChoice {
  return CHOICES.includes(value);
}

/** The explicit option wins; else `RXTRAIN_BACKEND`; else `auto`. */
export function resolveBackendChoice(
  option: string | undefined,
  env: Readonly<Record<string, string | undefined>> = process.env,
): BackendChoice {
  const [source, value] =
    option !== undefined ? ['option `backend`', option] : [BACKEND_ENV_VAR, env[BACKEND_ENV_VAR]];
  if (value === undefined || value === '') return 'auto';
  if (!isBackendChoice(value)) throw new InvalidBackendOptionError(source, value, CHOICES);
  return value;
}
