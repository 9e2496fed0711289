/**
 * Pillow's separable resampling with its bilinear (triangle) filter, as in `Resample.c`: the filter's
 * support grows with the downscale factor (antialiasing), weights are 22-bit fixed point, a
 * horizontal pass over the rows in use is rounded to 8 bits, then a vertical pass.
 */
const PRECISION_BITS = 32 - 8 - 2;
const HALF = 1 << (PRECISION_BITS - 1);
const ONE = 1 << PRECISION_BITS;

export interface Coefficients {
  /** Taps per output pixel (row stride of `weights`). */
  readonly size: number;
  /** First input pixel of each output pixel. */
  readonly first: Int32Array;
  /** Number of input pixels of each output pixel. */
  readonly count: Int32Array;
  readonly weights: Int32Array;
}

const triangle = (x: number): number => {
  const a = Math.abs(x);
  return a < 1 ? 1 - a : 0;
};

/** Pillow's `precompute_coeffs` for the bilinear filter: per output pixel, its first input pixel, tap count and 22-bit weights. */
export function coefficients(inSize: number, outSize: number): Coefficients {
  const scale = inSize / outSize;
  const filterScale = Math.max(scale, 1);
  const support = filterScale;
  const reciprocal = 1 / filterScale;
  const size = Math.ceil(support) * 2 + 1;
  const first = new Int32Array(outSize);
  const count = new Int32Array(outSize);
  const weights = new Int32Array(outSize * size);
  const taps = new Float64Array(size);
  for (let xx = 0; xx < outSize; xx++) {
    const center = (xx + 0.5) * scale;
    const xmin = Math.max(Math.trunc(center - support + 0.5), 0);
    const n = Math.min(Math.trunc(center + support + 0.5), inSize) - xmin;
    let total = 0;
    for (let x = 0; x < n; x++) {
      taps[x] = triangle((x + xmin - center + 0.5) * reciprocal);
      total += taps[x]!;
    }
    for (let x = 0; x < n; x++) {
      const w = total === 0 ? taps[x]! : taps[x]! / total;
      weights[xx * size + x] = Math.trunc(w < 0 ? -0.5 + w * ONE : 0.5 + w * ONE);
    }
    first[xx] = xmin;
    count[xx] = n;
  }
  return { size, first, count, weights };
}

const clip8 = (v: number): number => {
  const shifted = v >> PRECISION_BITS;
  return shifted < 0 ? 0 : shifted > 255 ? 255 : shifted;
};

/** Horizontal pass over rows [rowStart, rowEnd) of an RGB image. */
function horizontal(
  src: Uint8Array,
  width: number,
  rowStart: number,
  rowEnd: number,
  outWidth: number,
  c: Coefficients,
): Uint8Array {
  const out = new Uint8Array((rowEnd - rowStart) * outWidth * 3);
  const { size, first, count, weights } = c;
  let o = 0;
  for (let y = rowStart; y < rowEnd; y++) {
    const row = y * width * 3;
    for (let xx = 0; xx < outWidth; xx++) {
      let r = HALF;
      let g = HALF;
      let b = HALF;
      let s = row + first[xx]! * 3;
      const k0 = xx * size;
      const n = count[xx]!;
      for (let x = 0; x < n; x++, s += 3) {
        const w = weights[k0 + x]!;
        r += src[s]! * w;
        g += src[s + 1]! * w;
        b += src[s + 2]! * w;
      }
      out[o++] = clip8(r);
      out[o++] = clip8(g);
      out[o++] = clip8(b);
    }
  }
  return out;
}

/** Vertical pass: row `yy` of the output from rows `first[yy] - rowOffset ...` of `src`. */
function vertical(src: Uint8Array, width: number, outHeight: number, rowOffset: number, c: Coefficients): Uint8Array {
  const stride = width * 3;
  const out = new Uint8Array(outHeight * stride);
  const { size, first, count, weights } = c;
  for (let yy = 0; yy < outHeight; yy++) {
    const k0 = yy * size;
    const n = count[yy]!;
    const base = (first[yy]! - rowOffset) * stride;
    const o = yy * stride;
    for (let i = 0; i < stride; i++) {
      let sum = HALF;
      for (let y = 0, s = base + i; y < n; y++, s += stride) sum += src[s]! * weights[k0 + y]!;
      out[o + i] = clip8(sum);
    }
  }
  return out;
}

/** `Image.resize((outWidth, outHeight), Image.BILINEAR)` on 8-bit RGB pixels. */
export function resampleBilinear(
  src: Uint8Array,
  width: number,
  height: number,
  outWidth: number,
  outHeight: number,
): Uint8Array {
  const needHorizontal = outWidth !== width;
  const needVertical = outHeight !== height;
  if (!needHorizontal && !needVertical) return src.slice();
  const columns = coefficients(width, outWidth);
  const rows = coefficients(height, outHeight);
  if (!needHorizontal) return vertical(src, width, outHeight, 0, rows);
  const firstRow = needVertical ? rows.first[0]! : 0;
  const lastRow = needVertical ? rows.first[outHeight - 1]! + rows.count[outHeight - 1]! : height;
  const narrowed = horizontal(src, width, firstRow, lastRow, outWidth, columns);
  return needVertical ? vertical(narrowed, outWidth, outHeight, firstRow, rows) : narrowed;
}
