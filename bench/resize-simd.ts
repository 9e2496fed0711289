/**
 * A prototype: Pillow's bilinear resize (torchvision's `Resize(256)`) in WebAssembly SIMD
 * (`bench/wasm/resize-simd.wat`, assembled here with wabt), checked value for value against the
 * Pillow-exact JavaScript `resize`, and its CPU time per image beside the JavaScript one and
 * libvips's (as a second sharp call on the decoded pixels; inside the decoding pipeline libvips's
 * resize costs the difference between `bench:profile`'s two decode rows).
 *
 *   npx tsx bench/resize-simd.ts --data DIR [--images 100]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import initWabt from 'wabt';
import { coefficients, resampleBilinear } from '../src/data/functional/resample.js';
import { resizedSize } from '../src/data/functional/resize.js';
import { numberOption, reportLoad } from './timing.js';

const argv = process.argv.slice(2);
const data = argv[argv.indexOf('--data') + 1];
if (!argv.includes('--data') || data === undefined)
  throw new Error('usage: npx tsx bench/resize-simd.ts --data DIR [--images 100]');
const paths = readdirSync(data)
  .filter((name) => name.endsWith('.jpg'))
  .sort()
  .slice(0, numberOption(argv, '--images', 100))
  .map((name) => join(data, name));

const wabt = await initWabt();
const wat = wabt.parseWat('resize-simd.wat', readFileSync(new URL('./wasm/resize-simd.wat', import.meta.url), 'utf8'), {
  simd: true,
});
/** The little of the WebAssembly API used here (the project's type libraries do not declare it). */
const { Module, Instance } = (
  globalThis as unknown as {
    WebAssembly: {
      Module: new (bytes: Uint8Array) => object;
      Instance: new (module: object, imports: object) => { exports: unknown };
    };
  }
).WebAssembly;
const kernels = new Instance(new Module(wat.toBinary({}).buffer), {}).exports as {
  memory: { readonly buffer: ArrayBuffer; grow(pages: number): number };
  horizontal(...args: number[]): void;
  vertical(...args: number[]): void;
};
wat.destroy();

/** `resampleBilinear` through the wasm kernels: both passes, with the copies in and out of wasm memory. */
function resampleSimd(src: Uint8Array, width: number, height: number, outWidth: number, outHeight: number): Uint8Array {
  const columns = coefficients(width, outWidth);
  const rows = coefficients(height, outHeight);
  const firstRow = rows.first[0]!;
  const usedRows = rows.first[outHeight - 1]! + rows.count[outHeight - 1]! - firstRow;
  let top = 0;
  const reserve = (bytes: number) => ((top += (bytes + 4 + 15) & ~15), top - ((bytes + 4 + 15) & ~15));
  const at = [
    src.length,
    ...[columns, rows].flatMap((c) => [c.first.length * 4, c.count.length * 4, c.weights.length * 4]),
    usedRows * outWidth * 3,
    outHeight * outWidth * 3,
  ].map(reserve);
  if (top > kernels.memory.buffer.byteLength)
    kernels.memory.grow(Math.ceil((top - kernels.memory.buffer.byteLength) / 65536));
  const heap = kernels.memory.buffer;
  new Uint8Array(heap, at[0], src.length).set(src);
  [columns, rows].forEach((c, i) =>
    [c.first, c.count, c.weights].forEach((a, j) => new Int32Array(heap, at[1 + 3 * i + j], a.length).set(a)),
  );
  kernels.horizontal(
    at[0]!,
    width,
    firstRow,
    firstRow + usedRows,
    outWidth,
    at[1]!,
    at[2]!,
    at[3]!,
    columns.size,
    at[7]!,
  );
  kernels.vertical(at[7]!, outWidth * 3, outHeight, firstRow, at[4]!, at[5]!, at[6]!, rows.size, at[8]!);
  return new Uint8Array(heap, at[8], outHeight * outWidth * 3).slice();
}

reportLoad('before');
const decoded = await Promise.all(paths.map((path) => sharp(path).raw().toBuffer({ resolveWithObject: true })));
const sizes = decoded.map(({ info }) => resizedSize(info.width, info.height, 256));
let differing = 0;
decoded.forEach(({ data: pixels, info }, i) => {
  const simd = resampleSimd(pixels, info.width, info.height, sizes[i]![1], sizes[i]![0]);
  const exact = resampleBilinear(pixels, info.width, info.height, sizes[i]![1], sizes[i]![0]);
  for (let k = 0; k < exact.length; k++) if (simd[k] !== exact[k]) differing++;
});
console.log(
  `${paths.length} images of ${data}: ${differing} values differ between the SIMD and the Pillow-exact JavaScript resize`,
);

async function cpuPerImage(
  label: string,
  resize: (pixels: Uint8Array, width: number, height: number, i: number) => unknown,
): Promise<void> {
  const pass = async () => {
    const started = process.cpuUsage();
    for (const [i, { data: pixels, info }] of decoded.entries()) await resize(pixels, info.width, info.height, i);
    const { user, system } = process.cpuUsage(started);
    return (user + system) / 1000 / decoded.length;
  };
  await pass();
  console.log(`${(await pass()).toFixed(3).padStart(8)} ms CPU/image  ${label}`);
}
await cpuPerImage('WebAssembly SIMD, exact (with the copies in and out)', (pixels, width, height, i) =>
  resampleSimd(pixels, width, height, sizes[i]![1], sizes[i]![0]),
);
await cpuPerImage('JavaScript, exact', (pixels, width, height, i) =>
  resampleBilinear(pixels, width, height, sizes[i]![1], sizes[i]![0]),
);
await cpuPerImage('libvips linear, a second sharp call (within the tolerance)', (pixels, width, height, i) =>
  sharp(pixels, { raw: { width, height, channels: 3 } })
    .resize({ width: sizes[i]![1], height: sizes[i]![0], fit: 'fill', kernel: 'linear', fastShrinkOnLoad: false })
    .raw()
    .toBuffer(),
);
reportLoad('after');
