/** What a PNG's IHDR or a JPEG's start-of-frame says, read without decoding. */
export interface ImageHeader {
  readonly format: 'png' | 'jpeg';
  readonly width: number;
  readonly height: number;
  /** Bits per sample (PNG: 1–16; JPEG: 8 or 12). */
  readonly bitDepth: number;
  /** PNG colour type (0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGBA); JPEG: the component count. */
  readonly layout: number;
}

/** Width and height from a PNG's IHDR or a JPEG's start-of-frame header, without decoding; `undefined` for anything else. */
export function headerSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  const header = imageHeader(bytes);
  return header && { width: header.width, height: header.height };
}

/** The header of a PNG or JPEG file; `undefined` for anything else, or a header that cannot be read. */
export function imageHeader(bytes: Uint8Array): ImageHeader | undefined {
  return pngHeader(bytes) ?? jpegHeader(bytes);
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const IHDR = [0x49, 0x48, 0x44, 0x52];

export const isPng = (b: Uint8Array): boolean => b.length >= 8 && PNG_SIGNATURE.every((v, i) => b[i] === v);
export const isJpeg = (b: Uint8Array): boolean => b.length >= 2 && b[0] === 0xff && b[1] === 0xd8;

function pngHeader(b: Uint8Array): ImageHeader | undefined {
  if (b.length < 26 || !isPng(b) || IHDR.some((v, i) => b[12 + i] !== v)) return undefined;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return positive({
    format: 'png',
    width: view.getUint32(16),
    height: view.getUint32(20),
    bitDepth: b[24]!,
    layout: b[25]!,
  });
}

/** Start-of-frame markers: C0–CF except DHT (C4), JPG (C8) and DAC (CC). */
const isStartOfFrame = (marker: number): boolean =>
  marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

function jpegHeader(b: Uint8Array): ImageHeader | undefined {
  if (b.length < 4 || !isJpeg(b)) return undefined;
  for (let i = 2; i + 9 < b.length;) {
    if (b[i] !== 0xff) return undefined;
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i += 1;
      continue;
    }
    if (isStartOfFrame(marker)) {
      return positive({
        format: 'jpeg',
        width: (b[i + 7]! << 8) | b[i + 8]!,
        height: (b[i + 5]! << 8) | b[i + 6]!,
        bitDepth: b[i + 4]!,
        layout: b[i + 9]!,
      });
    }
    if (marker === 0xd9 || marker === 0xda) return undefined;
    i += 2 + ((b[i + 2]! << 8) | b[i + 3]!);
  }
  return undefined;
}

const positive = (header: ImageHeader): ImageHeader | undefined =>
  header.width > 0 && header.height > 0 ? header : undefined;
