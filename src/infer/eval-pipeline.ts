import type { OperatorFunction } from 'rxjs';
import {
  decodeImage,
  centerCrop,
  compose,
  normalize,
  resize,
  tenCrop,
  toTensor,
  withWorkerRecipe,
  resizeSideFor,
} from '../data/index.js';
import type { SeededEntry, Entry, FloatImage, RawImage, Sample } from '../data/index.js';

export interface EvalPipelineOptions {
  /** The crop the model sees; default 224. The resize keeps torchvision's 256/224 ratio. */
  readonly imageSize?: number;
  /** The shorter side images are resized to before cropping; default `imageSize · 256 / 224` (torchvision's 256 for 224). */
  readonly resizeSize?: number | undefined;
  /** Ten crops per image (`[10, h, w, 3]` samples): `Resize(256) → TenCrop(224)`. */
  readonly tenCrop?: boolean;
  /**
   * Pillow-exact resize in JavaScript (default: predictions then match torchvision's to ~1e-6, and
   * the resize's few milliseconds are small beside the forward pass), or `false`: libvips's while
   * decoding, off the main thread, within a few hundredths of torchvision's probabilities.
   */
  readonly exactResize?: boolean | undefined;
}

/**
 * torchvision's standard evaluation transform from the file on: `Resize(256)` (shorter side, aspect
 * kept) → `CenterCrop(224)` → `ToTensor` → `Normalize(ImageNet)`, or `TenCrop(224)` for `tenCrop`.
 * Decodes with `onBadImage: 'fail'`, so inside a `loader` the loader's policy decides; loader
 * workers build it themselves from `options`.
 */
export function evalPipeline(
  options: EvalPipelineOptions = {},
): OperatorFunction<Entry | SeededEntry, Sample<FloatImage | FloatImage[]>> {
  const { imageSize = 224, tenCrop: crops = false, exactResize = true } = options;
  const side = options.resizeSize ?? resizeSideFor(imageSize);
  const decode = exactResize
    ? compose(decodeImage({ onBadImage: 'fail' }), resize(side))
    : decodeImage({ onBadImage: 'fail', resize: side });
  const pipeline = crops
    ? compose(decode, tenCrop(imageSize), toTensor<RawImage[]>(), normalize<FloatImage[]>())
    : compose(decode, centerCrop(imageSize), toTensor<RawImage>(), normalize<FloatImage>());
  return withWorkerRecipe(pipeline, { module: import.meta.url, exportName: 'evalPipeline', args: [options] });
}
