import { Command, Option } from 'commander';
import { checked } from '../../util/index.js';
import {
  InvalidEnvironmentValueError,
  InvalidOptionValueError,
  MissingOptionValueError,
  RepeatedOptionError,
  UnexpectedArgumentError,
  UnknownOptionError,
  UsageError,
} from './errors.js';
import type { OptionSpec, OptionSpecs } from './option-spec.js';
import { expectation, optionValue, ruleOf } from './option-value.js';

/** What a command's `--help` is made of. */
export interface HelpSource {
  readonly usage: string;
  readonly summary: string;
  readonly description?: string;
  readonly options: OptionSpecs;
  readonly examples?: readonly string[];
}

interface Declared {
  readonly name: string;
  readonly spec: OptionSpec;
}

/** `--batch-size N`, `--dashboard [PORT]`, `--force`: as the help lists it. */
const helpTerm = ({ name, spec }: Declared): string =>
  spec.type === 'boolean'
    ? `--${name}`
    : `--${name} ${spec.placeholder ?? (spec.type === 'integer' ? 'N' : spec.type === 'choice' ? 'NAME' : 'X')}`;

/** The description, then what is expected and the default: `training batch size (an integer ≥ 1; default 128)`. */
function helpDescription({ spec }: Declared): string {
  const numeric = spec.type === 'number' || spec.type === 'integer';
  const extra = [
    spec.type === 'string' && spec.required ? 'required' : undefined,
    numeric || spec.type === 'choice' ? expectation(spec) : undefined,
    'default' in spec && spec.default !== undefined ? `default ${spec.default}` : undefined,
  ].filter(Boolean);
  return `${spec.description}${extra.length ? ` (${extra.join('; ')})` : ''}`;
}

/** `--quiet=yes` gives a switch a value; `--bach-size` is no option; `-x` is no option either. */
function unknownOptionError(arg: string, specs: OptionSpecs): UsageError {
  if (!arg.startsWith('--')) return new UnexpectedArgumentError(arg);
  const [name = '', ...value] = arg.slice(2).split('=');
  if (Object.hasOwn(specs, name) && specs[name]!.type === 'boolean')
    return new InvalidOptionValueError(name, value.join('='), 'no value (it is a switch)');
  return new UnknownOptionError(`--${name}`, Object.keys(specs));
}

/**
 * A commander command built from a declarative option table: the one place that turns specs
 * into commander options. Values are checked as they are read (each flag once, with the messages
 * of `optionValue`); commander's own errors become the `UsageError` subclasses, never an exit.
 */
export class SpecCommand extends Command {
  private readonly declared = new Map<Option, Declared>();
  /** Commander reads the command line first, then the environment variables of options not given there. */
  private readingEnvironment = false;

  constructor(private readonly source: Partial<HelpSource> & Pick<HelpSource, 'options'>) {
    super('rxtrain');
    this.usage(source.usage?.replace(/^rxtrain /, '') ?? '')
      .description(source.description ?? source.summary ?? '')
      .helpOption('--help', 'show this help')
      .argument('[arguments...]')
      .exitOverride()
      .configureHelp({
        styleTitle: (title) => title.toLowerCase(),
        optionTerm: (option) => {
          const declared = this.declared.get(option);
          return declared ? helpTerm(declared) : option.flags;
        },
        optionDescription: (option) => {
          const declared = this.declared.get(option);
          return declared ? helpDescription(declared) : option.description;
        },
      });
    const given = new Set<string>();
    for (const [name, spec] of Object.entries(source.options)) {
      const bare = spec.type !== 'boolean' && 'bare' in spec ? spec.bare : undefined;
      const option = new Option(
        spec.type === 'boolean' ? `--${name}` : `--${name} ${bare === undefined ? '<value>' : '[value]'}`,
        spec.description,
      );
      // `--no-bias-decay` is a switch of its own, not the negation of a `--bias-decay`.
      option.negate = false;
      option.argParser((text: string | undefined) => {
        if (this.readingEnvironment) return this.environmentValue(spec, text ?? '');
        if (given.has(name)) throw new RepeatedOptionError(name);
        given.add(name);
        if (text === undefined) return undefined;
        // Commander takes the next argument whatever it is; `--data --epochs 2` forgot the value.
        if (text.startsWith('--') && text.length > 2) throw new MissingOptionValueError(name, expectation(spec));
        return optionValue(name, text, spec);
      });
      if ('default' in spec && spec.default !== undefined) option.default(spec.default);
      if (bare !== undefined) option.preset(String(bare));
      if (spec.type === 'choice' && spec.env !== undefined) option.env(spec.env);
      this.declared.set(option, { name, spec });
      this.addOption(option);
    }
  }

  /** An empty variable is as good as unset; another value must be one the flag accepts. */
  private environmentValue(spec: OptionSpec, text: string): string | undefined {
    const variable = spec.type === 'choice' ? spec.env : undefined;
    if (text === '' || variable === undefined) return undefined;
    return checked(text, ruleOf(spec), (expected) => new InvalidEnvironmentValueError(variable, text, expected));
  }

  override parseOptions(argv: string[]): ReturnType<Command['parseOptions']> {
    const parsed = super.parseOptions(argv);
    if (parsed.unknown[0] !== undefined) throw unknownOptionError(parsed.unknown[0], this.source.options);
    this.readingEnvironment = true;
    return parsed;
  }

  override error(message: string, options?: { code?: string }): never {
    const name = /'--([^' ]+)/.exec(message)?.[1];
    if (
      options?.code === 'commander.optionMissingArgument' &&
      name !== undefined &&
      Object.hasOwn(this.source.options, name)
    ) {
      throw new MissingOptionValueError(name, expectation(this.source.options[name]!));
    }
    throw new UsageError(message.replace(/^error: /, ''));
  }

  /** Parses `argv` (options and arguments, no command name): the values given or defaulted by flag name, and the other arguments. */
  read(argv: readonly string[]): { values: Record<string, string | number | boolean>; positionals: string[] } {
    this.parse([...argv], { from: 'user' });
    const values: Record<string, string | number | boolean> = {};
    for (const [option, { name }] of this.declared) {
      const value: unknown = this.getOptionValue(option.attributeName());
      const unsetVariable = value === '' && this.getOptionValueSource(option.attributeName()) === 'env';
      if (value !== undefined && !unsetVariable) values[name] = value as string | number | boolean;
    }
    return { values, positionals: [...this.args] };
  }

  /** Usage, description, each option with what it expects and its default, then the examples. */
  helpText(): string {
    const examples = this.source.examples?.length
      ? ['', 'examples:', ...this.source.examples.map((e) => `  ${e}`)]
      : [];
    return [this.helpInformation().trimEnd(), ...examples].join('\n');
  }
}

export const specCommand = (source: Partial<HelpSource> & Pick<HelpSource, 'options'>): SpecCommand =>
  new SpecCommand(source);
