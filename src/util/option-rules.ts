/**
 * One way to validate an option. A rule says what a valid value is, in the words every message
 * uses ("an integer ≥ 1"); each layer throws its own typed error with those words: `ConfigError`
 * (`config.epochs: expected an integer ≥ 1, got 0`), `LoaderOptionError`, the CLI's
 * `InvalidOptionValueError` (`option --epochs is '0'; expected an integer ≥ 1`), and an
 * operator's `RangeError` (`stepLR: stepSize must be a positive integer, got 0`).
 */
export interface Rule {
  /** What a valid value is, as it reads after "expected" or "must be". */
  readonly expected: string;
  readonly test: (value: unknown) => boolean;
}

/** Bounds of a number; `above` and `below` exclude the bound itself. */
export interface Bounds {
  readonly min?: number;
  readonly above?: number;
  readonly max?: number;
  readonly below?: number;
}

const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

const within = (value: number, { min, above, max, below }: Bounds): boolean =>
  (min === undefined || value >= min) &&
  (above === undefined || value > above) &&
  (max === undefined || value <= max) &&
  (below === undefined || value < below);

/** `≥ 1`, `> 0`, or `in (0, 1]` when bounded on both sides. */
function boundsText({ min, above, max, below }: Bounds): string {
  const low = min ?? above;
  const high = max ?? below;
  if (low !== undefined && high !== undefined)
    return ` in ${min === undefined ? '(' : '['}${low}, ${high}${max === undefined ? ')' : ']'}`;
  if (low !== undefined) return min === undefined ? ` > ${low}` : ` ≥ ${low}`;
  if (high !== undefined) return max === undefined ? ` < ${high}` : ` ≤ ${high}`;
  return '';
}

/** A finite number within `bounds`: `a number > 0`, `a number in [0, 1]`. */
export const numberRule = (bounds: Bounds = {}): Rule => ({
  expected: `a number${boundsText(bounds)}`,
  test: (value) => isFiniteNumber(value) && within(value, bounds),
});

/** A whole number within `bounds`: `an integer ≥ 1`, `an integer in [0, 65535]`. */
export const integerRule = (bounds: Bounds = {}): Rule => ({
  expected: `an integer${boundsText(bounds)}`,
  test: (value) => Number.isInteger(value) && within(value as number, bounds),
});

/** As PyTorch's own checks say it: 1, 2, 3, … */
export const positiveInteger: Rule = {
  expected: 'a positive integer',
  test: (value) => Number.isInteger(value) && (value as number) >= 1,
};

/** A finite number above 0. */
export const positiveNumber: Rule = {
  expected: 'a positive number',
  test: (value) => isFiniteNumber(value) && value > 0,
};

/** One of `choices`: `one of auto, cpu`, or quoted as code (`one of 'sgd', 'adam'`). */
export const oneOf = (choices: readonly string[], quoted = false): Rule => ({
  expected: `one of ${(quoted ? choices.map((c) => `'${c}'`) : choices).join(', ')}`,
  test: (value) => typeof value === 'string' && choices.includes(value),
});

export const nonEmptyString: Rule = {
  expected: 'a non-empty string',
  test: (value) => typeof value === 'string' && value !== '',
};

export const booleanRule: Rule = { expected: 'true or false', test: (value) => typeof value === 'boolean' };

/** `value` when `rule` holds; else the error `fail` makes of what was expected. */
export function checked<T>(value: T, rule: Rule, fail: (expected: string) => Error): T {
  if (!rule.test(value)) throw fail(rule.expected);
  return value;
}

/** An operator's or a function's argument: a `RangeError` `owner: key must be …, got value` when `rule` fails. */
export const checkArgument = <T>(owner: string, key: string, value: T, rule: Rule): T =>
  checked(value, rule, (expected) => new RangeError(`${owner}: ${key} must be ${expected}, got ${String(value)}`));
