/**
 * Items of several sources taken one from each in turn (as a DataLoader takes its workers'
 * output), each source reading its next item while the others are consumed: at most one item per
 * source waits. A source that ends drops out; an error stops all of them.
 */
export async function* roundRobin<T>(sources: readonly AsyncIterable<T>[]): AsyncGenerator<T> {
  const iterators = sources.map((source) => source[Symbol.asyncIterator]());
  const next = iterators.map((iterator) => iterator.next());
  const live = iterators.map((_, i) => i);
  for (const promise of next) promise.catch(() => {});
  try {
    while (live.length > 0) {
      for (let k = 0; k < live.length;) {
        const i = live[k]!;
        const result = await next[i]!;
        if (result.done) {
          live.splice(k, 1);
          continue;
        }
        next[i] = iterators[i]!.next();
        next[i].catch(() => {});
        yield result.value;
        k++;
      }
    }
  } finally {
    await Promise.all(live.map(async (i) => iterators[i]!.return?.()));
  }
}
