import { TransformError } from '../errors.js';

export function checkSize(transform: string, option: string, value: number): void {
  if (!Number.isInteger(value) || value <= 0)
    throw new TransformError(transform, `${option} to be a positive integer`, value);
}

/** `[height, width]` from torchvision's size argument: an int means a square. */
export function pairOf(transform: string, size: number | readonly [number, number]): [number, number] {
  const [h, w] = typeof size === 'number' ? [size, size] : size;
  checkSize(transform, 'height', h);
  checkSize(transform, 'width', w);
  return [h, w];
}
