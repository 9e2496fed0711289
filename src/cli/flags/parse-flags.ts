import { MissingArgumentError, MissingRequiredOptionError, UnexpectedArgumentError } from './errors.js';
import type { OptionSpecs, OptionValues } from './option-spec.js';
import { specCommand } from './spec-command.js';

export type ParsedFlags<S extends OptionSpecs> =
  | { readonly help: true }
  | { readonly help: false; readonly values: OptionValues<S>; readonly positionals: readonly string[] };

/** Arguments that are not options (`rxtrain predict a.jpg b.jpg`): at least `min` of them. */
export interface PositionalSpec {
  readonly placeholder: string;
  readonly min: number;
}

/**
 * Parses `--name value`, `--name=value` and switches (`--name`) against `specs` with commander;
 * `--help` or `-h` anywhere before `--` asks for help. Unknown, repeated, missing or malformed
 * options throw a `UsageError` subclass naming the option and what was expected. Defaults fill
 * options not given. `--` ends the options: every argument after it is a positional one.
 */
export function parseFlags<S extends OptionSpecs>(
  argv: readonly string[],
  specs: S,
  positional?: PositionalSpec,
): ParsedFlags<S> {
  const end = argv.indexOf('--');
  if ((end === -1 ? argv : argv.slice(0, end)).some((arg) => arg === '--help' || arg === '-h')) return { help: true };
  const { values, positionals } = specCommand({ options: specs }).read(argv);
  if (positional === undefined && positionals.length > 0) throw new UnexpectedArgumentError(positionals[0]!);
  for (const [name, spec] of Object.entries(specs)) {
    if (spec.type === 'string' && spec.required && !Object.hasOwn(values, name))
      throw new MissingRequiredOptionError(name);
  }
  if (positional !== undefined && positionals.length < positional.min)
    throw new MissingArgumentError(positional.placeholder, positional.min);
  return { help: false, values: values as OptionValues<S>, positionals };
}
