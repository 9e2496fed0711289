import * as tf from '@tensorflow/tfjs';
import { concatMap, defer, of, type MonoTypeOperatorFunction } from 'rxjs';
import type { BatchLoader } from '../../data/index.js';
import type { DoneEvent, TrainEvent, RunContext } from '../loop/index.js';
import { firstLayerFeatureMaps } from '../pictures/index.js';

/** The first image of `loader`'s first batch, `[h, w, 3]`; of a ten-crop batch, its centre crop (torchvision's crop 4). */
async function firstImage(loader: BatchLoader): Promise<{ image: tf.Tensor3D; path: string } | undefined> {
  const iterator = loader.epoch(0)[Symbol.asyncIterator]();
  const result = await iterator.next();
  await iterator.return?.();
  if (result.done) return undefined;
  const { x, y, paths } = result.value;
  const image = tf.tidy(
    () => (x.rank === 5 ? x.slice([0, 4], [1, 1]).squeeze([0, 1]) : x.slice([0], [1]).squeeze([0])) as tf.Tensor3D,
  );
  tf.dispose([x, y]);
  return { image, path: paths[0]! };
}

async function withFeatureMaps(context: RunContext, loader: BatchLoader, event: DoneEvent): Promise<DoneEvent> {
  const first = await firstImage(loader);
  if (first === undefined) return event;
  try {
    const maps = await firstLayerFeatureMaps(context.model, first.image, first.path);
    return maps ? { ...event, firstLayerFeatureMaps: maps } : event;
  } finally {
    first.image.dispose();
  }
}

/**
 * On `done`, adds the first convolution's feature maps for one fixed image, the first of the
 * validation loader's first epoch, as plain data (`firstLayerFeatureMaps`) for report/ to draw.
 * Every other event passes at once.
 */
export function featureMapsOnDone(context: RunContext, loader: BatchLoader): MonoTypeOperatorFunction<TrainEvent> {
  return (source) =>
    source.pipe(
      concatMap((event) => (event.kind === 'done' ? defer(() => withFeatureMaps(context, loader, event)) : of(event))),
    );
}
