import type { TrainEvent } from '../../src/train/loop/events.js';
import { bankOf, doneEvent, stepEvent, validationEvent } from '../report/events.js';

/**
 * A whole run as `trainStream` would tell it, without training: notices, a skipped file, steps,
 * validation progress, per-class accuracy with the confusion matrix, checkpoints, and a `done` with
 * kernels and feature maps. `classes` name the classes (folder names in a real run).
 */
export function syntheticRun(
  options: { epochs?: number; iterations?: number; classes?: readonly string[] } = {},
): TrainEvent[] {
  const { epochs = 2, iterations = 5, classes = ['cat', 'dog', 'fox'] } = options;
  const events: TrainEvent[] = [
    { kind: 'notice', message: 'resuming from runs/x/checkpoints/epoch-0001.ckpt: seed 620' },
    { kind: 'skipped', path: 'data/train/cat.13.jpg', reason: 'not an image (unsupported format)' },
  ];
  let step = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let iteration = 1; iteration <= iterations; iteration++) {
      step += 1;
      const loss = 1.1 / (1 + 0.3 * step);
      events.push(
        stepEvent({
          epoch,
          iteration,
          iterations,
          step,
          loss,
          accuracy: 1 - loss / 1.2,
          lr: 0.01 / (epoch + 1),
          lrs: [0.01 / (epoch + 1)],
          imagesPerSecond: 200 + step,
          elapsed: iteration * 0.5,
        }),
      );
    }
    events.push({ kind: 'epoch', epoch, step, loss: 0.5, accuracy: 0.7, seconds: 2.5 });
    events.push({ kind: 'validating', epoch, batch: 1, batches: 2, images: 4, seconds: 0.1 });
    const perClass = classes.map((_, c) => (c + 1 + epoch) / (classes.length + 2));
    const confusion = classes.map((_, label) => classes.map((__, predicted) => (label === predicted ? 8 + epoch : 1)));
    events.push(
      validationEvent({
        epoch,
        step,
        loss: 0.4 - 0.1 * epoch,
        accuracy: 0.6 + 0.1 * epoch,
        perClass,
        classes: [...classes],
        confusion,
      }),
    );
    events.push({ kind: 'checkpoint', epoch, step, path: `runs/x/checkpoints/epoch-000${epoch + 1}.ckpt`, best: true });
  }
  const firstLayerKernels = bankOf([3, 3, 3, 4], (y, x, c, o) => y - x + c * o);
  const firstLayerFeatureMaps = {
    path: 'data/train/dog.1.jpg',
    shape: [4, 4, 2] as [number, number, number],
    values: Array.from({ length: 32 }, (_, i) => i % 7),
  };
  events.push(
    doneEvent({
      epochs,
      steps: step,
      bestAccuracy: 0.6 + 0.1 * (epochs - 1),
      firstLayerKernels,
      firstLayerFeatureMaps,
    }),
  );
  return events.map((event, i) => ({ ...event, time: new Date(Date.UTC(2026, 11, 6, 9, 0, i)).toISOString() }));
}

export const jsonl = (events: readonly TrainEvent[]): string => events.map((e) => `${JSON.stringify(e)}\n`).join('');

/** An event as a page receives it: the done event's kernels and feature maps are pictures to fetch. */
export const withoutPictures = (event: TrainEvent): unknown => {
  if (event.kind !== 'done') return event;
  const { firstLayerKernels, firstLayerFeatureMaps, ...rest } = event;
  return {
    ...rest,
    firstLayerKernels: { shape: firstLayerKernels?.shape, picture: 'kernels' },
    firstLayerFeatureMaps: {
      path: firstLayerFeatureMaps?.path,
      shape: firstLayerFeatureMaps?.shape,
      picture: 'feature-maps',
    },
  };
};
