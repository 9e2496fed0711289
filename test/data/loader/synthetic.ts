import * as tf from '@tensorflow/tfjs';
import { defer, finalize, map, mergeMap, of, timer, type Observable } from 'rxjs';
import type { Batch } from '../../../src/data/batch-types.js';
import { ImageDecodeError } from '../../../src/data/errors.js';
import type { Entry, FloatImage } from '../../../src/data/sample-types.js';
import type { SampleTransform } from '../../../src/data/loader/index.js';

/** Entries `img/0.jpg … img/{n-1}.jpg`, labelled by index parity. */
export const syntheticEntries = (n: number): Entry[] =>
  Array.from({ length: n }, (_, index) => ({ path: `img/${index}.jpg`, label: index % 2, index }));

export const entriesOf = (n: number): Observable<Entry> => defer(() => of(...syntheticEntries(n)));

/** `entriesOf(n)` that counts its subscriptions (each one is a listing). */
export function countedEntriesOf(n: number): { source: Observable<Entry>; listings: () => number } {
  let listings = 0;
  return { source: defer(() => (listings++, of(...syntheticEntries(n)))), listings: () => listings };
}

/** What the synthetic transform has done so far. */
export class TransformCounters {
  started = 0;
  finished = 0;
  inFlight = 0;
  maxInFlight = 0;
}

export interface SyntheticOptions {
  /** Milliseconds each sample takes (per entry index). */
  readonly delay?: (index: number) => number;
  /** Paths that fail to decode. */
  readonly bad?: ReadonlySet<string>;
  readonly counters?: TransformCounters;
  /** Image side (default 2). */
  readonly side?: number;
}

/** A 3-channel image whose every value is the entry's index: batches can be checked against their paths. */
export const imageOf = (index: number, side = 2): FloatImage => ({
  data: new Float32Array(side * side * 3).fill(index),
  width: side,
  height: side,
});

/** A transform standing in for decode → augment: waits `delay`, then fabricates an image from the index. */
export function syntheticTransform({
  delay = () => 0,
  bad = new Set(),
  counters = new TransformCounters(),
  side = 2,
}: SyntheticOptions = {}): SampleTransform {
  return mergeMap((sample) => {
    counters.started += 1;
    counters.inFlight += 1;
    counters.maxInFlight = Math.max(counters.maxInFlight, counters.inFlight);
    return timer(delay(sample.index)).pipe(
      map(() => {
        if (bad.has(sample.path)) throw new ImageDecodeError(sample.path, 'not a JPEG');
        counters.finished += 1;
        return { ...sample, image: imageOf(sample.index, side) };
      }),
      finalize(() => void (counters.inFlight -= 1)),
    );
  });
}

/** The indices a batch's `x` encodes (first value of each sample), disposing nothing. */
export const indicesInX = (batch: Batch): number[] => {
  const values = batch.x.dataSync();
  const size = values.length / batch.x.shape[0];
  return Array.from({ length: batch.x.shape[0] }, (_, i) => values[i * size]!);
};

export const disposeBatch = (batch: Batch): void => tf.dispose([batch.x, batch.y]);

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Reads a whole epoch into plain data (paths, labels, x indices, skipped paths), disposing every batch. */
export async function readEpoch(
  batches: AsyncIterable<Batch>,
): Promise<{ paths: string[][]; labels: number[][]; xIndices: number[][]; skipped: string[][] }> {
  const out = {
    paths: [] as string[][],
    labels: [] as number[][],
    xIndices: [] as number[][],
    skipped: [] as string[][],
  };
  for await (const batch of batches) {
    out.paths.push([...batch.paths]);
    out.labels.push(Array.from(batch.y.dataSync()));
    out.xIndices.push(indicesInX(batch));
    out.skipped.push(batch.skipped.map((s) => s.path));
    disposeBatch(batch);
  }
  return out;
}
