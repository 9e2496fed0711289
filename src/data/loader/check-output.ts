import type { FloatImage } from '../sample-types.js';
import type { TransformedSample } from './collate.js';
import { SampleOutputError } from './errors.js';

const isImage = (value: unknown): value is FloatImage => typeof value === 'object' && value !== null && 'data' in value;

/**
 * What is wrong with a transform's output, if anything: it must be an image (or a non-empty list
 * of crops) with positive integer sides, `data` a `Float32Array` of exactly `height × width × 3`
 * values, every one finite.
 */
function outputProblem(image: unknown): string | undefined {
  const images: unknown[] = Array.isArray(image) ? image : [image];
  if (images.length === 0) return 'an empty list of crops';
  for (const [i, one] of images.entries()) {
    const which = images.length === 1 && !Array.isArray(image) ? 'its image' : `crop ${i}`;
    if (!isImage(one)) return `${which} is not an image ({ data, width, height })`;
    const { data, width, height } = one;
    if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1)
      return `${which} is ${width}×${height}, expected positive integer sides`;
    if (!(data instanceof Float32Array)) return `${which}'s data is not a Float32Array`;
    if (data.length !== width * height * 3)
      return `${which}'s data holds ${data.length} values, expected ${width}×${height}×3 = ${width * height * 3}`;
    for (let k = 0; k < data.length; k++) {
      if (!Number.isFinite(data[k])) return `${which} holds ${data[k]} at value ${k}`;
    }
  }
  return undefined;
}

/** Throws a `SampleOutputError` naming the file when a transform's output cannot be batched as it is. */
export function checkTransformOutput(sample: TransformedSample): TransformedSample {
  const problem = outputProblem(sample.image);
  if (problem !== undefined) throw new SampleOutputError(sample.path, problem);
  return sample;
}
