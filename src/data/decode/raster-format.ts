/** The raster formats decoded: those Pillow opens and libvips reads alike. */
const SIGNATURES: ReadonlyArray<readonly [name: string, matches: (b: Uint8Array) => boolean]> = [
  ['JPEG', (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff],
  ['PNG', (b) => [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((v, i) => b[i] === v)],
  ['GIF', (b) => ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a'],
  ['WebP', (b) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP'],
  [
    'TIFF',
    (b) =>
      (b[0] === 0x49 && b[1] === 0x49 && b[2] === 0x2a && b[3] === 0x00) ||
      (b[0] === 0x4d && b[1] === 0x4d && b[2] === 0x00 && b[3] === 0x2a),
  ],
];

const ascii = (b: Uint8Array, start: number, length: number): string =>
  String.fromCharCode(...b.subarray(start, start + length));

/** What a file that is not one of the raster formats looks like, for the message. */
function looksLike(b: Uint8Array): string {
  const head = new TextDecoder('utf-8', { fatal: false })
    .decode(b.subarray(0, 512))
    .replace(/^\uFEFF/, '')
    .trimStart()
    .toLowerCase();
  if (head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg'))) return 'SVG (vector) content';
  if (head.startsWith('<')) return 'XML or HTML text';
  return `bytes starting ${Array.from(b.subarray(0, 4), (v) => v.toString(16).padStart(2, '0')).join(' ')}`;
}

/**
 * Why `bytes` will not be decoded, if they are not a JPEG, PNG, GIF, WebP or TIFF by their
 * signature: Pillow's `Image.open` opens no SVG, PDF or libvips-only format, so neither does this.
 */
export function rasterFormatProblem(bytes: Uint8Array): string | undefined {
  if (SIGNATURES.some(([, matches]) => matches(bytes))) return undefined;
  return `not a JPEG, PNG, GIF, WebP or TIFF image: ${looksLike(bytes)} (${bytes.length} bytes)`;
}
