/**
 * Where the pixels of an image made by crops and horizontal flips come from, without copying them:
 * pixel (y, x) of the current `width` x `height` image is source pixel (top + y, left ± x) (minus
 * when `mirrored`) if that lies in the source rectangle [x0, x1) x [y0, y1) that every crop so far
 * kept, and black (Pillow's padding) otherwise.
 */
export interface PixelWindow {
  readonly width: number;
  readonly height: number;
  readonly top: number;
  readonly left: number;
  readonly mirrored: boolean;
  readonly x0: number;
  readonly x1: number;
  readonly y0: number;
  readonly y1: number;
}

/** The window of a whole `width` x `height` image. */
export const wholeWindow = (width: number, height: number): PixelWindow => ({
  width,
  height,
  top: 0,
  left: 0,
  mirrored: false,
  x0: 0,
  x1: width,
  y0: 0,
  y1: height,
});

/** `crop(image, top, left, height, width)` of the window's image: what stays outside its image turns black. */
export function cropWindow(window: PixelWindow, top: number, left: number, height: number, width: number): PixelWindow {
  const { mirrored } = window;
  const [extentX0, extentX1] = mirrored
    ? [window.left - window.width + 1, window.left + 1]
    : [window.left, window.left + window.width];
  return {
    width,
    height,
    top: window.top + top,
    left: mirrored ? window.left - left : window.left + left,
    mirrored,
    x0: Math.max(window.x0, extentX0),
    x1: Math.min(window.x1, extentX1),
    y0: Math.max(window.y0, window.top),
    y1: Math.min(window.y1, window.top + window.height),
  };
}

/** `hflip` of the window's image. */
export const flipWindow = (window: PixelWindow): PixelWindow => ({
  ...window,
  left: window.mirrored ? window.left - (window.width - 1) : window.left + (window.width - 1),
  mirrored: !window.mirrored,
});
