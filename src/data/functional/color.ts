import type { FloatImage, Random, RawImage } from '../sample-types.js';

const clampByte = (v: number): number => (v < 0 ? 0 : v > 255 ? 255 : Math.round(v));

/** Per pixel: `ratio * image + (1 - ratio) * other`, where `other(i)` is the blend target of value `i`. */
function blend(image: RawImage, ratio: number, other: (pixel: number) => number): RawImage {
  const src = image.data;
  const data = new Uint8Array(src.length);
  for (let i = 0; i < src.length; i += 3) {
    const o = other(i);
    data[i] = clampByte(ratio * src[i]! + (1 - ratio) * o);
    data[i + 1] = clampByte(ratio * src[i + 1]! + (1 - ratio) * o);
    data[i + 2] = clampByte(ratio * src[i + 2]! + (1 - ratio) * o);
  }
  return { data, width: image.width, height: image.height };
}

/** ITU-R 601-2 luma, as Pillow's `convert('L')`. */
const luma = (d: Uint8Array, i: number): number => (d[i]! * 299 + d[i + 1]! * 587 + d[i + 2]! * 114) / 1000;

export const adjustBrightness = (image: RawImage, factor: number): RawImage => blend(image, factor, () => 0);

export function adjustContrast(image: RawImage, factor: number): RawImage {
  let total = 0;
  for (let i = 0; i < image.data.length; i += 3) total += luma(image.data, i);
  const mean = Math.round(total / (image.width * image.height));
  return blend(image, factor, () => mean);
}

export const adjustSaturation = (image: RawImage, factor: number): RawImage =>
  blend(image, factor, (i) => luma(image.data, i));

/** Grey replicated in the three channels. */
export const grayscale = (image: RawImage): RawImage => adjustSaturation(image, 0);

export interface ColorJitterOptions {
  readonly brightness?: number;
  readonly contrast?: number;
  readonly saturation?: number;
}

/**
 * torchvision's `ColorJitter` (brightness, contrast, saturation): each factor is drawn uniformly in
 * `[max(0, 1 - x), 1 + x]` and the adjustments are applied in a random order.
 */
export function colorJitter(image: RawImage, options: ColorJitterOptions, random: Random): RawImage {
  const steps: Array<(img: RawImage) => RawImage> = [];
  const factor = (x: number) => Math.max(0, 1 - x) + random.next() * (1 + x - Math.max(0, 1 - x));
  if (options.brightness) {
    const f = factor(options.brightness);
    steps.push((img) => adjustBrightness(img, f));
  }
  if (options.contrast) {
    const f = factor(options.contrast);
    steps.push((img) => adjustContrast(img, f));
  }
  if (options.saturation) {
    const f = factor(options.saturation);
    steps.push((img) => adjustSaturation(img, f));
  }
  for (let i = steps.length - 1; i > 0; i--) {
    const j = Math.floor(random.next() * (i + 1));
    [steps[i], steps[j]] = [steps[j]!, steps[i]!];
  }
  return steps.reduce((img, step) => step(img), image);
}

/** ImageNet's RGB eigenvalues and eigenvectors (columns), as AlexNet reproductions use. */
export const IMAGENET_EIGVAL = [0.2175, 0.0188, 0.0045] as const;
export const IMAGENET_EIGVEC = [
  [-0.5675, 0.7192, 0.4009],
  [-0.5808, -0.0045, -0.814],
  [-0.5836, -0.6948, 0.4203],
] as const;

/** A standard normal draw (Box-Muller). */
export function gaussian(random: Random): number {
  const u = 1 - random.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.next());
}

/** The per-channel offset `eigvec · (alpha ⊙ eigval)` for `alpha ~ N(0, alphaStd)³`. */
export function pcaOffset(alphaStd: number, random: Random): [number, number, number] {
  const alpha = [0, 1, 2].map(() => gaussian(random) * alphaStd);
  const offset = IMAGENET_EIGVEC.map((row) => row.reduce((sum, v, j) => sum + v * alpha[j]! * IMAGENET_EIGVAL[j]!, 0));
  return offset as [number, number, number];
}

/** AlexNet's "altering the intensities of the RGB channels": adds a PCA offset to a [0, 1] RGB image. */
export function pcaLighting(image: FloatImage, offset: readonly [number, number, number]): FloatImage {
  const src = image.data;
  const data = new Float32Array(src.length);
  for (let i = 0; i < src.length; i += 3) {
    data[i] = src[i]! + offset[0];
    data[i + 1] = src[i + 1]! + offset[1];
    data[i + 2] = src[i + 2]! + offset[2];
  }
  return { data, width: image.width, height: image.height };
}
