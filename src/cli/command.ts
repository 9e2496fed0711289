import type { OptionSpecs, OptionValues } from './flags/option-spec.js';

/** Where a command writes; replaced in tests. */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

export interface Command<S extends OptionSpecs = OptionSpecs> {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** What `--help` says the command does; default: the summary. */
  readonly description?: string;
  readonly usage: string;
  readonly options: S;
  readonly examples?: readonly string[];
  run(values: OptionValues<S>, io: CliIo): Promise<void>;
}

/** Keeps a command's option types while listing it among others. */
export const defineCommand = <S extends OptionSpecs>(command: Command<S>): Command<S> => command;
