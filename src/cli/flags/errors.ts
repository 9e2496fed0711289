import { InvalidValueError } from '../../util/index.js';
import { closest } from './suggest.js';

/** The command line cannot be understood; the message says what was expected. Exit status 2. */
export class UsageError extends Error {
  override readonly name: string = 'UsageError';
}

export class UnknownCommandError extends UsageError {
  override readonly name = 'UnknownCommandError';
  constructor(
    readonly command: string,
    readonly expected: readonly string[],
  ) {
    const guess = closest(command, expected);
    super(
      `unknown command '${command}' (${guess ? `did you mean '${guess}'?` : `expected one of ${expected.join(', ')}`})`,
    );
  }
}

export class UnknownOptionError extends UsageError {
  override readonly name = 'UnknownOptionError';
  constructor(
    readonly option: string,
    readonly expected: readonly string[],
  ) {
    const guess = closest(option.replace(/^--/, ''), expected);
    const hint = guess
      ? `did you mean --${guess}?`
      : expected.length === 0
        ? 'this command takes no options'
        : `expected one of ${expected.map((e) => `--${e}`).join(', ')}`;
    super(`unknown option ${option} (${hint})`);
  }
}

export class MissingOptionValueError extends UsageError {
  override readonly name = 'MissingOptionValueError';
  constructor(
    readonly option: string,
    readonly expected: string,
  ) {
    super(`option --${option} needs a value: ${expected}`);
  }
}

export class InvalidOptionValueError extends UsageError {
  override readonly name = 'InvalidOptionValueError';
  constructor(
    readonly option: string,
    readonly value: string,
    readonly expected: string,
  ) {
    super(`option --${option} is '${value}'; expected ${expected}`);
  }
}

export class MissingRequiredOptionError extends UsageError {
  override readonly name = 'MissingRequiredOptionError';
  constructor(readonly option: string) {
    super(`option --${option} is required`);
  }
}

export class RepeatedOptionError extends UsageError {
  override readonly name = 'RepeatedOptionError';
  constructor(readonly option: string) {
    super(`option --${option} is given more than once`);
  }
}

export class UnexpectedArgumentError extends UsageError {
  override readonly name = 'UnexpectedArgumentError';
  constructor(readonly argument: string) {
    super(`unexpected argument '${argument}' (options are written --name value)`);
  }
}

export class MissingArgumentError extends UsageError {
  override readonly name = 'MissingArgumentError';
  constructor(
    readonly placeholder: string,
    readonly min: number,
  ) {
    super(`expected at least ${min} ${placeholder} argument${min === 1 ? '' : 's'}`);
  }
}

/** Options that exclude each other, or one of which is required, were given wrongly. */
export class OptionConflictError extends UsageError {
  override readonly name = 'OptionConflictError';
  constructor(
    readonly options: readonly string[],
    readonly exactlyOne: boolean,
  ) {
    super(`${exactlyOne ? 'exactly one' : 'at most one'} of ${options.map((o) => `--${o}`).join(', ')} is needed`);
  }
}

/** An environment variable standing for an option holds a value the option refuses. Exit status 1: the command line is fine. */
export class InvalidEnvironmentValueError extends InvalidValueError {
  override readonly name = 'InvalidEnvironmentValueError';
}
