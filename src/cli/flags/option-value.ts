import { checked, integerRule, numberRule, oneOf, type Rule } from '../../util/index.js';
import { InvalidOptionValueError } from './errors.js';
import type { OptionSpec } from './option-spec.js';

/** What a value of this option must be, in the words of its messages and its help line. */
export function ruleOf(spec: OptionSpec): Rule {
  switch (spec.type) {
    case 'string':
      return { expected: spec.placeholder ?? 'a value', test: (value) => value !== '' };
    case 'choice':
      return oneOf(spec.choices);
    case 'boolean':
      return { expected: 'no value', test: () => false };
    default: {
      const bounds = {
        ...(spec.min === undefined ? {} : { min: spec.min }),
        ...(spec.above === undefined ? {} : { above: spec.above }),
        ...(spec.max === undefined ? {} : { max: spec.max }),
      };
      return spec.type === 'integer' ? integerRule(bounds) : numberRule(bounds);
    }
  }
}

export const expectation = (spec: OptionSpec): string => ruleOf(spec).expected;

/** The value of `--name text`, or an `InvalidOptionValueError` naming the flag and what it expects. */
export function optionValue(name: string, text: string, spec: OptionSpec): string | number {
  const value =
    spec.type === 'number' || spec.type === 'integer' ? (text.trim() === '' ? Number.NaN : Number(text)) : text;
  return checked(value, ruleOf(spec), (expected) => new InvalidOptionValueError(name, text, expected));
}
