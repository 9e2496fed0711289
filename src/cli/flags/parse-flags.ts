import {
  InvalidOptionValueError,
  MissingArgumentError,
  MissingOptionValueError,
  MissingRequiredOptionError,
  RepeatedOptionError,
  UnexpectedArgumentError,
  UnknownOptionError,
} from './errors.js';
import type { NumberOption, OptionSpec, OptionSpecs, OptionValues } from './option-spec.js';

export type ParsedFlags<S extends OptionSpecs> =
  | { readonly help: true }
  | { readonly help: false; readonly values: OptionValues<S>; readonly positionals: readonly string[] };

/** Arguments that are not options (`rxtrain predict a.jpg b.jpg`): at least `min` of them. */
export interface PositionalSpec {
  readonly placeholder: string;
  readonly min: number;
}

/** What a value of this option looks like, for messages and help. */
export function expectation(spec: OptionSpec): string {
  switch (spec.type) {
    case 'string':
      return spec.placeholder ?? 'a value';
    case 'choice':
      return `one of ${spec.choices.join(', ')}`;
    case 'boolean':
      return 'no value';
    default: {
      const bounds = [
        spec.above !== undefined ? `> ${spec.above}` : undefined,
        spec.min !== undefined ? `≥ ${spec.min}` : undefined,
        spec.max !== undefined ? `≤ ${spec.max}` : undefined,
      ].filter(Boolean);
      return `${spec.type === 'integer' ? 'an integer' : 'a number'}${bounds.length ? ` ${bounds.join(' and ')}` : ''}`;
    }
  }
}

function parseNumber(name: string, text: string, spec: NumberOption): number {
  const value = text.trim() === '' ? Number.NaN : Number(text);
  const ok =
    Number.isFinite(value) &&
    (spec.type === 'number' || Number.isInteger(value)) &&
    (spec.min === undefined || value >= spec.min) &&
    (spec.above === undefined || value > spec.above) &&
    (spec.max === undefined || value <= spec.max);
  if (!ok) throw new InvalidOptionValueError(name, text, expectation(spec));
  return value;
}

function parseValue(name: string, text: string, spec: OptionSpec): string | number | boolean {
  switch (spec.type) {
    case 'string':
      if (text === '') throw new InvalidOptionValueError(name, text, expectation(spec));
      return text;
    case 'choice':
      if (!spec.choices.includes(text)) throw new InvalidOptionValueError(name, text, expectation(spec));
      return text;
    case 'boolean':
      throw new InvalidOptionValueError(name, text, 'no value (it is a switch)');
    default:
      return parseNumber(name, text, spec);
  }
}

/**
 * Parses `--name value`, `--name=value` and switches (`--name`) against `specs`; `--help` or `-h`
 * anywhere asks for help. Unknown, repeated, missing or malformed options throw a `UsageError`
 * subclass naming the option and what was expected. Defaults fill options not given. `--` ends
 * the options: every argument after it is a positional one, even `--x` or `-h`.
 */
export function parseFlags<S extends OptionSpecs>(argv: readonly string[], specs: S, positional?: PositionalSpec): ParsedFlags<S> {
  const end = argv.indexOf('--');
  const options = end === -1 ? argv : argv.slice(0, end);
  const rest = end === -1 ? [] : argv.slice(end + 1);
  if (options.some((arg) => arg === '--help' || arg === '-h')) return { help: true };
  if (positional === undefined && rest.length > 0) throw new UnexpectedArgumentError(rest[0]!);
  const values: Record<string, string | number | boolean> = {};
  const positionals: string[] = [];
  for (let i = 0; i < options.length; i++) {
    const arg = options[i]!;
    if (positional !== undefined && !arg.startsWith('--') && arg !== '') {
      positionals.push(arg);
      continue;
    }
    if (!arg.startsWith('--') || arg === '--') throw new UnexpectedArgumentError(arg);
    const equals = arg.indexOf('=');
    const name = arg.slice(2, equals === -1 ? undefined : equals);
    const spec = Object.hasOwn(specs, name) ? specs[name] : undefined;
    if (spec === undefined) throw new UnknownOptionError(`--${name}`, Object.keys(specs));
    if (Object.hasOwn(values, name)) throw new RepeatedOptionError(name);
    if (spec.type === 'boolean' && equals === -1) {
      values[name] = true;
      continue;
    }
    const next = options[i + 1];
    if (equals === -1 && 'bare' in spec && spec.bare !== undefined && (next === undefined || next.startsWith('--'))) {
      values[name] = spec.bare;
      continue;
    }
    let text: string;
    if (equals !== -1) text = arg.slice(equals + 1);
    else {
      if (next === undefined || (next.startsWith('--') && next.length > 2)) throw new MissingOptionValueError(name, expectation(spec));
      text = next;
      i += 1;
    }
    values[name] = parseValue(name, text, spec);
  }
  positionals.push(...rest);
  for (const [name, spec] of Object.entries(specs)) {
    if (Object.hasOwn(values, name)) continue;
    if ('default' in spec && spec.default !== undefined) values[name] = spec.default;
    else if (spec.type === 'string' && spec.required) throw new MissingRequiredOptionError(name);
  }
  if (positional !== undefined && positionals.length < positional.min) throw new MissingArgumentError(positional.placeholder, positional.min);
  return { help: false, values: values as OptionValues<S>, positionals };
}
