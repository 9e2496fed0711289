import type { Random } from '../sample-types.js';

/**
 * WebDataset's `shuffle(size)`: items fill a buffer of `size`; then each new item takes the place of
 * one drawn at random, which is passed on; at the end the buffer drains in random order. Items for
 * which `passThrough` holds go on at once (skipped notices). At most `size` items are held.
 */
export async function* shuffleBuffer<T>(
  items: AsyncIterable<T>,
  size: number,
  random: Random,
  passThrough: (item: T) => boolean = () => false,
): AsyncGenerator<T> {
  const buffer: T[] = [];
  const draw = (): T => {
    const i = Math.floor(random.next() * buffer.length);
    const item = buffer[i]!;
    buffer[i] = buffer[buffer.length - 1]!;
    buffer.pop();
    return item;
  };
  for await (const item of items) {
    if (passThrough(item)) {
      yield item;
      continue;
    }
    buffer.push(item);
    if (buffer.length > size) yield draw();
  }
  while (buffer.length > 0) yield draw();
}
