import { concatMap, defer, Observable, of, type MonoTypeOperatorFunction } from 'rxjs';
import type { DoneEvent, TrainEvent } from '../../train/index.js';
import { EventLogWriteError } from '../errors.js';
import { featureMapGrid } from '../feature-map-grid.js';
import { kernelGrid, type RgbImage } from '../kernel-grid.js';
import { rgbPng } from '../png.js';
import { openEventFile, type EventFile } from './event-file.js';
import { SESSION_START, type ImageValue, type ScalarValue } from './event-proto.js';

export interface TensorBoardLogOptions {
  /** The run's folder: `tensorboard --logdir` on it, or on its parent to compare runs. */
  readonly dir: string;
}

const scalars = (values: Record<string, number | undefined>): ScalarValue[] =>
  Object.entries(values)
    .filter((entry): entry is [string, number] => entry[1] !== undefined && Number.isFinite(entry[1]))
    .map(([tag, value]) => ({ tag, simple_value: value }));

/** The scalars an event adds to TensorBoard, at its step. */
export function scalarsOf(event: TrainEvent): { step: number; values: ScalarValue[] } | undefined {
  switch (event.kind) {
    case 'step':
      return {
        step: event.step,
        values: scalars({
          'train/loss': event.loss,
          'train/accuracy': event.accuracy,
          'train/lr': event.lr,
          'train/images_per_second': event.imagesPerSecond,
        }),
      };
    case 'epoch':
      return { step: event.step, values: scalars({ 'epoch/loss': event.loss, 'epoch/accuracy': event.accuracy }) };
    case 'validation':
      return {
        step: event.step,
        values: scalars({ 'valid/loss': event.loss, 'valid/accuracy': event.accuracy, 'valid/top5': event.top5 }),
      };
    default:
      return undefined;
  }
}

async function imageValue(tag: string, image: RgbImage): Promise<ImageValue> {
  return {
    tag,
    image: { height: image.height, width: image.width, colorspace: 3, encoded_image_string: await rgbPng(image) },
  };
}

/** The pictures `done` carries, as PNG image summaries. */
export async function imagesOf(event: DoneEvent): Promise<ImageValue[]> {
  const images: Promise<ImageValue>[] = [];
  if (event.firstLayerKernels)
    images.push(imageValue('kernels/first_layer', kernelGrid(event.firstLayerKernels).image));
  if (event.firstLayerFeatureMaps)
    images.push(imageValue('feature_maps/first_layer', featureMapGrid(event.firstLayerFeatureMaps).image));
  return Promise.all(images);
}

/**
 * Writes a run's events as a TensorBoard event file in `dir`: scalars per logged step (loss,
 * accuracy, learning rate), per epoch and per validation; on `done` the kernel and feature-map
 * pictures, and the file is named in done's artifacts as `tensorboard`. The first step also writes
 * `SessionLog.START`, so TensorBoard drops what an earlier run in `dir` logged from that step on
 * (a resumed run replaces the tail it repeats). A failed write errors the stream with `EventLogWriteError`.
 */
export function logTensorBoard(options: TensorBoardLogOptions): MonoTypeOperatorFunction<TrainEvent> {
  return (source) =>
    new Observable<TrainEvent>((subscriber) => {
      let file: EventFile;
      try {
        file = openEventFile(options.dir);
      } catch (error) {
        subscriber.error(new EventLogWriteError(options.dir, error));
        return;
      }
      let started = false;
      const writeScalars = (event: TrainEvent): void => {
        if (event.kind === 'step' && !started) {
          file.write({ step: event.step, session_log: { status: SESSION_START } });
          started = true;
        }
        const scalar = scalarsOf(event);
        if (scalar && scalar.values.length > 0) file.write({ step: scalar.step, summary: { value: scalar.values } });
      };
      const writeImages = async (event: DoneEvent): Promise<DoneEvent> => {
        const images = await imagesOf(event);
        if (images.length > 0) file.write({ step: event.steps, summary: { value: images } });
        return { ...event, artifacts: { ...event.artifacts, tensorboard: file.path } };
      };
      const failed = (error: unknown): never => {
        throw new EventLogWriteError(file.path, error);
      };
      const subscription = source
        .pipe(
          concatMap((event) => {
            try {
              writeScalars(event);
            } catch (error) {
              failed(error);
            }
            return event.kind === 'done' ? defer(() => writeImages(event).catch(failed)) : of(event);
          }),
        )
        .subscribe(subscriber);
      return () => {
        subscription.unsubscribe();
        file.close();
      };
    });
}
