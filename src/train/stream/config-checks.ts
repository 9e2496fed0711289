import { ConfigError } from '../loop/index.js';

/** Checks one configuration value; throws `ConfigError` naming `key` and what was expected. */
export type Check = (value: unknown, key: string) => void;

export const fail = (key: string, expected: string, value: unknown): never => {
  throw new ConfigError(key, expected, value);
};
export const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
export const integer = (min: number): Check => (v, k) => {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) fail(k, `an integer ≥ ${min}`, v);
};
export const number = (min: number, max = Infinity, openMin = false): Check => (v, k) => {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || (openMin && v === min) || v > max) {
    fail(k, `a number in ${openMin ? '(' : '['}${min}, ${max === Infinity ? '∞)' : `${max}]`}`, v);
  }
};
export const string: Check = (v, k) => {
  if (typeof v !== 'string' || v === '') fail(k, 'a non-empty string', v);
};
export const noUnknownKeys = (value: Record<string, unknown>, allowed: readonly string[], prefix: string): void => {
  for (const key of Object.keys(value)) if (!allowed.includes(key)) fail(`${prefix}${key}`, `a known key (one of ${allowed.join(', ')})`, undefined);
};
