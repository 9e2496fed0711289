import { isJpeg, isPng } from './header-size.js';

const endsWithJpegEnd = (b: Uint8Array): boolean => {
  for (let i = b.length - 1; i > 0 && i >= b.length - 64; i--) if (b[i - 1] === 0xff && b[i] === 0xd9) return true;
  return false;
};
const IEND = [0x49, 0x45, 0x4e, 0x44];
const hasPngEnd = (b: Uint8Array): boolean => b.length >= 12 && IEND.every((v, i) => b[b.length - 8 + i] === v);

/** What is wrong with a file the decoder failed on without saying why, from its bytes. */
export function diagnoseBytes(bytes: Uint8Array): string {
  if (bytes.length === 0) return 'empty file (0 bytes)';
  if (isJpeg(bytes))
    return endsWithJpegEnd(bytes)
      ? `corrupt JPEG data (${bytes.length} bytes)`
      : `premature end of JPEG file: no end-of-image marker after ${bytes.length} bytes`;
  if (isPng(bytes))
    return hasPngEnd(bytes)
      ? `corrupt PNG data (${bytes.length} bytes)`
      : `truncated PNG file: no IEND chunk after ${bytes.length} bytes`;
  return `not a recognised image format (${bytes.length} bytes)`;
}

/**
 * The reason a decode failed, in one line: libvips's messages once each (it repeats them), or,
 * when libvips lost its message (its error buffer is shared by concurrent decodes, so a failure
 * may arrive as "Unknown error"), what the file's bytes show.
 */
export function decodeReason(message: string, bytes: Uint8Array | undefined, maxPixels: number): string {
  if (/pixel limit/i.test(message)) return `more than ${maxPixels} pixels (decompression bomb limit, option maxPixels)`;
  const lines = [...new Set(message.split('\n').map((line) => line.replace(/\s+/g, ' ').trim()))].filter(
    (line) => line !== '' && !/^unknown error$/i.test(line),
  );
  if (lines.length > 0) return lines.join('; ');
  return bytes === undefined ? 'the decoder gave no reason' : diagnoseBytes(bytes);
}
