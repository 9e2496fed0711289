import type { DoneEvent, TrainEvent } from '../train/index.js';

/** A picture the page fetches as a PNG rather than receiving its numbers over the stream. */
export type PictureName = 'kernels' | 'feature-maps';

/**
 * An event as the page receives it: the `done` event's kernel bank and feature maps (tens of
 * thousands of numbers) are replaced by their shape and the picture's name; everything else as is.
 */
export function wireEvent(event: TrainEvent): unknown {
  if (event.kind !== 'done') return event;
  const { firstLayerKernels, firstLayerFeatureMaps, ...rest } = event;
  return {
    ...rest,
    ...(firstLayerKernels && { firstLayerKernels: { shape: firstLayerKernels.shape, picture: 'kernels' } }),
    ...(firstLayerFeatureMaps && {
      firstLayerFeatureMaps: {
        path: firstLayerFeatureMaps.path,
        shape: firstLayerFeatureMaps.shape,
        picture: 'feature-maps',
      },
    }),
  };
}

/** Progress points a slow client may miss: steps and validation progress, never epochs, validations or notices. */
export const isProgressPoint = (event: TrainEvent): boolean => event.kind === 'step' || event.kind === 'validating';

export type { DoneEvent };
