import { defer, from, mergeMap, type Observable } from 'rxjs';
import type { Entry } from '../sample-types.js';

/** What a folder source finds: its entries in stream order, and the class names (index = label). */
export interface Listing {
  readonly entries: readonly Entry[];
  readonly classes: readonly string[];
}

/** A cold observable of a listing's entries: nothing is read before subscription, and each subscription lists again. */
export function entriesOf(list: () => Promise<Listing>): Observable<Entry> {
  return defer(list).pipe(mergeMap((listing) => from(listing.entries)));
}
