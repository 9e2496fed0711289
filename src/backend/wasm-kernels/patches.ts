import type { backend_util } from '@tensorflow/tfjs';

/**
 * The patch matrix of a convolution: one row per output position (n, y, x), one column
 * per filter tap and input channel (i, j, c), P[(n,y,x), (i,j,c)] = x[n, y·sh + i − top,
 * x·sw + j − left, c], 0 where that falls in the padding. Its product with the filter as a
 * [kh·kw·C, O] matrix is the forward convolution; the gradients are products with it too.
 * Along a patch row, taps j = 0…kw−1 of one filter row are kw·C consecutive floats of x.
 */
export interface PatchGeometry {
  readonly height: number;
  readonly width: number;
  readonly channels: number;
  readonly filterHeight: number;
  readonly filterWidth: number;
  readonly strideHeight: number;
  readonly strideWidth: number;
  readonly top: number;
  readonly left: number;
  readonly outHeight: number;
  readonly outWidth: number;
}

export const patchGeometry = (info: backend_util.Conv2DInfo): PatchGeometry => ({
  height: info.inHeight,
  width: info.inWidth,
  channels: info.inChannels,
  filterHeight: info.filterHeight,
  filterWidth: info.filterWidth,
  strideHeight: info.strideHeight,
  strideWidth: info.strideWidth,
  top: info.padInfo.top,
  left: info.padInfo.left,
  outHeight: info.outHeight,
  outWidth: info.outWidth,
});

/** Floats in one patch row: kh·kw·C. */
export const patchSize = (g: PatchGeometry) => g.filterHeight * g.filterWidth * g.channels;

/**
 * Visits each filter row of each patch of images [first, last): `patch` is the row's start in the
 * patch matrix (image `first` at 0), `image` the start in x of its first tap that lies inside the
 * image, `skip` how many leading taps fall in the padding and `taps` how many lie inside; a row
 * entirely in the padding is visited with taps = 0.
 */
function forEachFilterRow(
  g: PatchGeometry,
  first: number,
  last: number,
  visit: (patch: number, image: number, skip: number, taps: number) => void,
): void {
  const {
    height,
    width,
    channels,
    filterHeight,
    filterWidth,
    strideHeight,
    strideWidth,
    top,
    left,
    outHeight,
    outWidth,
  } = g;
  const rowFloats = filterWidth * channels;
  let patch = 0;
  for (let n = first; n < last; n += 1) {
    for (let y = 0; y < outHeight; y += 1) {
      for (let x = 0; x < outWidth; x += 1) {
        const x0 = x * strideWidth - left;
        const skip = Math.max(0, -x0);
        const taps = Math.max(0, Math.min(filterWidth, width - x0) - skip);
        for (let i = 0; i < filterHeight; i += 1, patch += rowFloats) {
          const row = y * strideHeight + i - top;
          if (row < 0 || row >= height) visit(patch, 0, 0, 0);
          else visit(patch, ((n * height + row) * width + x0 + skip) * channels, skip, taps);
        }
      }
    }
  }
}

/**
 * The adjoint of building the patch matrix ("col2im"): adds each patch row of images [first, last) (at `colsStart`) into the
 * image positions it was read from, in dx (at `dxStart`, which must start zeroed). Padding taps
 * are dropped.
 */
export function col2im(
  heap: Float32Array,
  colsStart: number,
  g: PatchGeometry,
  first: number,
  last: number,
  dxStart: number,
): void {
  const c = g.channels;
  forEachFilterRow(g, first, last, (patch, image, skip, taps) => {
    const from = colsStart + patch + skip * c;
    const to = dxStart + image;
    const inside = taps * c;
    for (let k = 0; k < inside; k += 1) heap[to + k]! += heap[from + k]!;
  });
}
