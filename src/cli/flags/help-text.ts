import { specCommand, type HelpSource } from './spec-command.js';

export type { HelpSource } from './spec-command.js';

/** A command's `--help`: usage, what it does, each option with its value and default, examples. */
export const helpText = (source: HelpSource): string => specCommand(source).helpText();
