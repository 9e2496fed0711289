import type { StatusSink } from '../report/index.js';
import type { OptionSpecs, OptionValues } from './flags/option-spec.js';
import type { PositionalSpec } from './flags/parse-flags.js';

/** Where a command writes; replaced in tests. */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** The terminal standard output is, when it is one: progress bars draw there. */
  readonly terminal?: StatusSink | undefined;
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
  /** Arguments besides the options (files), if the command takes any. */
  readonly positionals?: PositionalSpec;
  run(values: OptionValues<S>, io: CliIo, positionals: readonly string[]): Promise<void>;
}

/** Keeps a command's option types while listing it among others. */
export const defineCommand = <S extends OptionSpecs>(command: Command<S>): Command<S> => command;
