import type { OperatorFunction } from 'rxjs';
import type { Entry, FloatImage, RawImage, Sample } from './sample-types.js';
import type { SeededEntry } from './sample-of.js';
import { decodeImage, type DecodeImageOptions } from './decode/index.js';
import { withWorkerRecipe } from './loader/worker-transform.js';
import {
  centerCrop,
  compose,
  normalize,
  randomCrop,
  randomHorizontalFlip,
  resize,
  tenCrop,
  toTensor,
} from './operators/index.js';

export interface ClassificationTransformOptions {
  /** Side of the crops the model sees; default 224, the seed's. */
  readonly imageSize?: number;
}

export interface ClassificationPipelineOptions
  extends ClassificationTransformOptions, Omit<DecodeImageOptions, 'resize'> {
  /**
   * Resize with the Pillow-exact JavaScript `resize` after decoding (bit-identical to torchvision,
   * ~4 ms of the main thread per image) instead of in libvips while decoding (the default: within
   * the parity tolerance, off the main thread).
   */
  readonly exactResize?: boolean;
}

/** The seed resizes to 256 for 224 crops; other crop sizes keep that ratio (64 → 73), so a crop covers the same part of the image. */
export const resizeSideFor = (imageSize: number): number => Math.round((imageSize * 256) / 224);

/** The seed's `train_transform`: Resize(256), CenterCrop(256), RandomCrop(224), RandomHorizontalFlip(0.5), ToTensor, Normalize. */
export function classificationTrainTransform(
  options: ClassificationTransformOptions = {},
): OperatorFunction<Sample<RawImage>, Sample<FloatImage>> {
  const { imageSize = 224 } = options;
  const side = resizeSideFor(imageSize);
  return compose(resize(side), afterTrainResize(side, imageSize));
}

/** The seed's `valid_transform`: Resize((256, 256)), TenCrop(224), ToTensor and Normalize on each crop. */
export function classificationValidTransform(
  options: ClassificationTransformOptions = {},
): OperatorFunction<Sample<RawImage>, Sample<FloatImage[]>> {
  const { imageSize = 224 } = options;
  const side = resizeSideFor(imageSize);
  return compose(resize([side, side]), afterValidResize(imageSize));
}

/**
 * The seed's training input from the file on: decoding with the resize done by libvips on the
 * decoding thread, then the rest of `classificationTrainTransform`. Decodes with `onBadImage: 'fail'` by
 * default, so inside a `loader` the loader's own policy decides and keeps the decoder's reason.
 * Loader workers build it themselves from `options` (which must then be structured-cloneable).
 */
export function classificationTrainPipeline(
  options: ClassificationPipelineOptions = {},
): OperatorFunction<Entry | SeededEntry, Sample<FloatImage>> {
  const { imageSize = 224, exactResize = false, ...decode } = options;
  const side = resizeSideFor(imageSize);
  const pipeline = exactResize
    ? compose(decodeImage({ onBadImage: 'fail', ...decode }), classificationTrainTransform({ imageSize }))
    : compose(decodeImage({ onBadImage: 'fail', ...decode, resize: side }), afterTrainResize(side, imageSize));
  return withWorkerRecipe(pipeline, {
    module: import.meta.url,
    exportName: 'classificationTrainPipeline',
    args: [options],
  });
}

/** The seed's validation input from the file on: `classificationValidTransform` with its resize done while decoding (see `classificationTrainPipeline`). */
export function classificationValidPipeline(
  options: ClassificationPipelineOptions = {},
): OperatorFunction<Entry | SeededEntry, Sample<FloatImage[]>> {
  const { imageSize = 224, exactResize = false, ...decode } = options;
  const side = resizeSideFor(imageSize);
  const pipeline = exactResize
    ? compose(decodeImage({ onBadImage: 'fail', ...decode }), classificationValidTransform({ imageSize }))
    : compose(decodeImage({ onBadImage: 'fail', ...decode, resize: [side, side] }), afterValidResize(imageSize));
  return withWorkerRecipe(pipeline, {
    module: import.meta.url,
    exportName: 'classificationValidPipeline',
    args: [options],
  });
}

const afterTrainResize = (side: number, imageSize: number) =>
  compose(
    centerCrop(side),
    randomCrop(imageSize),
    randomHorizontalFlip(0.5),
    toTensor<RawImage>(),
    normalize<FloatImage>(),
  );

const afterValidResize = (imageSize: number) =>
  compose(tenCrop(imageSize), toTensor<RawImage[]>(), normalize<FloatImage[]>());

/** @deprecated use `classificationTrainPipeline` (the old name stays for one minor version). */
export const seedTrainPipeline = classificationTrainPipeline;
/** @deprecated use `classificationValidPipeline` (the old name stays for one minor version). */
export const seedValidPipeline = classificationValidPipeline;
/** @deprecated use `classificationTrainTransform` (the old name stays for one minor version). */
export const seedTrainTransform = classificationTrainTransform;
/** @deprecated use `classificationValidTransform` (the old name stays for one minor version). */
export const seedValidTransform = classificationValidTransform;
/** @deprecated use `resizeSideFor` (the old name stays for one minor version). */
export const seedResizeFor = resizeSideFor;
/** @deprecated use `ClassificationPipelineOptions` (the old name stays for one minor version). */
export type SeedPipelineOptions = ClassificationPipelineOptions;
/** @deprecated use `ClassificationTransformOptions` (the old name stays for one minor version). */
export type SeedTransformOptions = ClassificationTransformOptions;
