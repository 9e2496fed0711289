import type { CliIo, Command } from './command.js';
import { benchmarkCommand } from './commands/benchmark.js';
import { dashboardCommand } from './commands/dashboard.js';
import { demoCommand } from './commands/demo.js';
import { evalCommand } from './commands/eval.js';
import { exportCommand } from './commands/export.js';
import { infoCommand } from './commands/info.js';
import { lrFindCommand } from './commands/lr-find.js';
import { plotCommand } from './commands/plot.js';
import { predictCommand } from './commands/predict.js';
import { previewCommand } from './commands/preview.js';
import { shardCommand } from './commands/shard.js';
import { trainCommand } from './commands/train.js';
import { visualizeCommand } from './commands/visualize.js';
import { VERBOSE_ENV_VAR } from '../backend/index.js';
import { UnknownCommandError, UsageError } from './flags/errors.js';
import { helpText } from './flags/help-text.js';
import { parseFlags } from './flags/parse-flags.js';
import { InterruptedError } from './run-training.js';
import { packageVersion } from './version.js';

export const COMMANDS: readonly Command[] = [
  trainCommand,
  predictCommand,
  evalCommand,
  exportCommand,
  previewCommand,
  demoCommand,
  lrFindCommand,
  plotCommand,
  visualizeCommand,
  dashboardCommand,
  infoCommand,
  shardCommand,
  benchmarkCommand,
] as readonly Command[];

export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130, closedOutput: 141, terminated: 143 } as const;

export function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 2;
  return [
    'usage: rxtrain <command> [options]',
    '',
    'Train image classifiers as reactive streams (RxJS + TensorFlow.js).',
    '',
    'commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    '',
    "Run 'rxtrain <command> --help' for a command's options, 'rxtrain --version' for the version;",
    "'--verbose' with any command also shows the native libraries' own warnings.",
  ].join('\n');
}

/** Runs one command line (without `node` and the script); resolves with the exit status. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  // `--verbose`, anywhere: also the native libraries' own warnings (Dawn's, when it opens a software adapter).
  if (argv.includes('--verbose')) process.env[VERBOSE_ENV_VAR] = '1';
  const [name, ...rest] = argv.filter((arg) => arg !== '--verbose');
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(mainHelp());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-V' || name === 'version') {
    io.out(`rxtrain ${packageVersion()}`);
    return EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  try {
    if (command === undefined)
      throw new UnknownCommandError(
        name,
        COMMANDS.map((c) => c.name),
      );
    const parsed = parseFlags(rest, command.options, command.positionals);
    if (parsed.help) {
      io.out(helpText(command));
      return EXIT.ok;
    }
    await command.run(parsed.values, io, parsed.positionals);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(
        `rxtrain: ${error.message}\n${command ? `run 'rxtrain ${command.name} --help' for its options` : "run 'rxtrain --help'"}`,
      );
      return EXIT.usage;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.err(`rxtrain: ${message}`);
    if (process.env.RXTRAIN_DEBUG && error instanceof Error && error.stack) io.err(error.stack);
    if (error instanceof InterruptedError) return error.signal === 'SIGTERM' ? EXIT.terminated : EXIT.interrupted;
    return EXIT.failed;
  }
}
