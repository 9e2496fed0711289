import { availableParallelism, loadavg } from 'node:os';

export const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** `median M ms (min–max)`, to `digits` decimals. */
export const summary = (xs: readonly number[], digits = 0) =>
  `median ${median(xs).toFixed(digits)} ms (${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)})`;

/** The 1, 5 and 15 minute load averages. */
export const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');

/**
 * Prints the load average, `when` (e.g. "before", "after"), and warns loudly when the last minute's
 * is above 1 on a machine of 2 cores (above half the cores on larger ones): other work then takes
 * cores from the bench, and its ratios are not comparable with those of a quiet machine.
 * Returns whether the machine was quiet.
 */
export function reportLoad(when: 'before' | 'after'): boolean {
  const [oneMinute] = loadavg();
  const limit = Math.max(1, availableParallelism() / 2);
  console.log(`load average ${when}: ${load()} (${availableParallelism()} cores)`);
  // A bench keeps the cores busy itself, so only the load it started on says whether the machine was quiet.
  if (when === 'after' || oneMinute! <= limit) return true;
  const line = '!'.repeat(78);
  console.log(
    `${line}\n!! LOADED MACHINE: load ${oneMinute!.toFixed(2)} > ${limit} ${when}; other work is using the cores.\n!! These figures are NOT results: rerun on a quiet machine (load < 0.5).\n${line}`,
  );
  return false;
}

/** `--name N` from the command line, else `fallback`. */
export function numberOption(argv: readonly string[], name: string, fallback: number): number {
  const at = argv.indexOf(name);
  return at < 0 ? fallback : Number(argv[at + 1]);
}
