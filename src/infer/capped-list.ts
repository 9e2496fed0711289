/** Items shown in a message before the rest are only counted. */
export const LISTED_IN_MESSAGES = 8;

/** `a, b, c, … (20000 in all)`: a list for a one-line message, whatever its length. */
export function cappedList(items: readonly string[], max = LISTED_IN_MESSAGES): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')}, … (${items.length} in all)`;
}
