import { distance } from 'fastest-levenshtein';

/** The known name closest to `given` by edit distance, if close enough to be a likely typo (one edit for up to 3 letters, else two or a third of them). */
export function closest(given: string, known: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    const d = distance(given, name);
    if (best === undefined || d < best.distance) best = { name, distance: d };
  }
  if (best === undefined) return undefined;
  const prefix = known.filter((name) => name.startsWith(given) && given.length >= 2);
  if (prefix.length === 1) return prefix[0];
  const allowed = given.length <= 3 ? 1 : Math.max(2, Math.floor(given.length / 3));
  return best.distance <= allowed ? best.name : undefined;
}
