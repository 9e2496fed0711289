import { loadavg } from 'node:os';

export const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** `median M ms (min–max)`, to `digits` decimals. */
export const summary = (xs: readonly number[], digits = 0) =>
  `median ${median(xs).toFixed(digits)} ms (${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)})`;

/** The 1, 5 and 15 minute load averages. */
export const load = () => loadavg().map((l) => l.toFixed(2)).join(', ');

/** `--name N` from the command line, else `fallback`. */
export function numberOption(argv: readonly string[], name: string, fallback: number): number {
  const at = argv.indexOf(name);
  return at < 0 ? fallback : Number(argv[at + 1]);
}
