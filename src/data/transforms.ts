import type { OperatorFunction } from 'rxjs';
import type { Entry, FloatImage, RawImage, Sample } from './sample-types.js';
import type { SeededEntry } from './sample-of.js';
import { decodeImage, type DecodeImageOptions } from './decode/index.js';
import { withWorkerRecipe } from './loader/worker-transform.js';
import { centerCrop, compose, normalize, randomCrop, randomHorizontalFlip, resize, tenCrop, toTensor } from './operators/index.js';

export interface SeedTransformOptions {
  /** Side of the crops the model sees; default 224, the seed's. */
  readonly imageSize?: number;
}

export interface SeedPipelineOptions extends SeedTransformOptions, Omit<DecodeImageOptions, 'resize'> {
  /**
   * Resize with the Pillow-exact JavaScript `resize` after decoding (bit-identical to torchvision,
   * ~4 ms of the main thread per image) instead of in libvips while decoding (the default: within
   * the parity tolerance, off the main thread).
   */
  readonly exactResize?: boolean;
}

/** The seed resizes to 256 for 224 crops; other crop sizes keep that ratio (64 → 73), so a crop covers the same part of the image. */
export const seedResizeFor = (imageSize: number): number => Math.round((imageSize * 256) / 224);

/** The seed's `train_transform`: Resize(256), CenterCrop(256), RandomCrop(224), RandomHorizontalFlip(0.5), ToTensor, Normalize. */
export function seedTrainTransform(options: SeedTransformOptions = {}): OperatorFunction<Sample<RawImage>, Sample<FloatImage>> {
  const { imageSize = 224 } = options;
  const side = seedResizeFor(imageSize);
  return compose(resize(side), afterTrainResize(side, imageSize));
}

/** The seed's `valid_transform`: Resize((256, 256)), TenCrop(224), ToTensor and Normalize on each crop. */
export function seedValidTransform(options: SeedTransformOptions = {}): OperatorFunction<Sample<RawImage>, Sample<FloatImage[]>> {
  const { imageSize = 224 } = options;
  const side = seedResizeFor(imageSize);
  return compose(resize([side, side]), afterValidResize(imageSize));
}

/**
 * The seed's training input from the file on: decoding with the resize done by libvips on the
 * decoding thread, then the rest of `seedTrainTransform`. Decodes with `onBadImage: 'fail'` by
 * default, so inside a `loader` the loader's own policy decides and keeps the decoder's reason.
 * Loader workers build it themselves from `options` (which must then be structured-cloneable).
 */
export function seedTrainPipeline(options: SeedPipelineOptions = {}): OperatorFunction<Entry | SeededEntry, Sample<FloatImage>> {
  const { imageSize = 224, exactResize = false, ...decode } = options;
  const side = seedResizeFor(imageSize);
  const pipeline = exactResize
    ? compose(decodeImage({ onBadImage: 'fail', ...decode }), seedTrainTransform({ imageSize }))
    : compose(decodeImage({ onBadImage: 'fail', ...decode, resize: side }), afterTrainResize(side, imageSize));
  return withWorkerRecipe(pipeline, { module: import.meta.url, exportName: 'seedTrainPipeline', args: [options] });
}

/** The seed's validation input from the file on: `seedValidTransform` with its resize done while decoding (see `seedTrainPipeline`). */
export function seedValidPipeline(options: SeedPipelineOptions = {}): OperatorFunction<Entry | SeededEntry, Sample<FloatImage[]>> {
  const { imageSize = 224, exactResize = false, ...decode } = options;
  const side = seedResizeFor(imageSize);
  const pipeline = exactResize
    ? compose(decodeImage({ onBadImage: 'fail', ...decode }), seedValidTransform({ imageSize }))
    : compose(decodeImage({ onBadImage: 'fail', ...decode, resize: [side, side] }), afterValidResize(imageSize));
  return withWorkerRecipe(pipeline, { module: import.meta.url, exportName: 'seedValidPipeline', args: [options] });
}

const afterTrainResize = (side: number, imageSize: number) =>
  compose(centerCrop(side), randomCrop(imageSize), randomHorizontalFlip(0.5), toTensor<RawImage>(), normalize<FloatImage>());

const afterValidResize = (imageSize: number) => compose(tenCrop(imageSize), toTensor<RawImage[]>(), normalize<FloatImage[]>());
