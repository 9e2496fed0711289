/** File extensions read as images (compared case-insensitively). */
export const IMAGE_EXTENSIONS: readonly string[] = ['jpg', 'jpeg', 'png', 'webp', 'gif', 'tif', 'tiff'];

const imageName = new RegExp(`\\.(${IMAGE_EXTENSIONS.join('|')})$`, 'i');

export const isImageFile = (name: string): boolean => imageName.test(name);

export const lookedFor = `image files (${IMAGE_EXTENSIONS.map((e) => `.${e}`).join(', ')})`;

/** Orders names as Python's `sorted` does (by code point), not by UTF-16 code unit. */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}
