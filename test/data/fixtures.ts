import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync } from 'node:zlib';

/** PyTorch's outputs for the images in test/fixtures/images (remade by test/fixtures/regenerate.mjs). */
const root = new URL('../fixtures/', import.meta.url);

export const fixturePath = (relative: string): string => fileURLToPath(new URL(relative, root));

/** A reference output: its bytes in `file` (brotli-compressed), or only their SHA-256 where the check is equality. */
export interface Reference {
  readonly file?: string;
  readonly sha256?: string;
  readonly dtype: 'uint8' | 'float32';
  readonly shape: readonly number[];
  readonly kind: string;
  readonly image: string;
  readonly suffix: string;
}

interface Manifest {
  readonly images: Record<string, { valid: boolean; mode?: string }>;
  readonly references: readonly Reference[];
}

export const manifest: Manifest = JSON.parse(readFileSync(fixturePath('manifest.json'), 'utf8'));

/** References of one kind, e.g. `rgb`, `resize256`, `eval224`. */
export const referencesOf = (suffix: string): Reference[] => manifest.references.filter((r) => r.suffix === suffix);

export const sha256 = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');

export function readReference(reference: Reference): Uint8Array | Float32Array {
  if (!reference.file)
    throw new Error(`the ${reference.suffix} reference of ${reference.image} is kept as a hash only`);
  const bytes = brotliDecompressSync(readFileSync(fixturePath(reference.file)));
  return reference.dtype === 'uint8'
    ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length)
    : new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
}

/** Mean absolute difference and its 99.9th percentile. */
export function differences(actual: ArrayLike<number>, expected: ArrayLike<number>): { mean: number; p999: number } {
  const diffs = new Float64Array(expected.length);
  let total = 0;
  for (let i = 0; i < expected.length; i++) {
    diffs[i] = Math.abs(actual[i]! - expected[i]!);
    total += diffs[i]!;
  }
  diffs.sort();
  return { mean: total / expected.length, p999: diffs[Math.floor(0.999 * (expected.length - 1))]! };
}

/** CHW (PyTorch) float data to HWC. */
export function chwToHwc(chw: Float32Array, channels: number, height: number, width: number, offset = 0): Float32Array {
  const hwc = new Float32Array(channels * height * width);
  for (let c = 0; c < channels; c++)
    for (let i = 0; i < height * width; i++) hwc[i * channels + c] = chw[offset + c * height * width + i]!;
  return hwc;
}
