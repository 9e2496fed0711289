import { ConfigError } from '../loop/index.js';
import { booleanRule, integerRule, nonEmptyString, numberRule, type Rule } from '../../util/index.js';

/** Checks one configuration value; throws `ConfigError` naming `key` and what was expected. */
export type Check = (value: unknown, key: string) => void;

export const fail = (key: string, expected: string, value: unknown): never => {
  throw new ConfigError(key, expected, value);
};
export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
/** A `Check` that fails with the rule's own words. */
export const ruled =
  (rule: Rule): Check =>
  (v, k) => {
    if (!rule.test(v)) fail(k, rule.expected, v);
  };
export const integer = (min: number): Check => ruled(integerRule({ min }));
export const number = (min: number, max = Infinity, openMin = false): Check =>
  ruled(numberRule({ ...(openMin ? { above: min } : { min }), ...(max === Infinity ? {} : { max }) }));
export const string: Check = ruled(nonEmptyString);
export const boolean: Check = ruled(booleanRule);
export const noUnknownKeys = (value: Record<string, unknown>, allowed: readonly string[], prefix: string): void => {
  for (const key of Object.keys(value))
    if (!allowed.includes(key)) fail(`${prefix}${key}`, `a known key (one of ${allowed.join(', ')})`, undefined);
};
