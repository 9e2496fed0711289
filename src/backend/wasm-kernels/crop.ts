import type { TensorInfo } from '@tensorflow/tfjs';
import type { WasmKernelScope } from './kernel-scope.js';

/** Padding on each side of the two spatial axes of an NHWC tensor: [[top, bottom], [left, right]]. */
export type SpatialPads = readonly [readonly [number, number], readonly [number, number]];

/**
 * Convolutions take only non-negative padding; a negative pad means "drop that many rows/columns".
 * Returns `x` with the negative sides cropped, and the remaining (non-negative) padding.
 */
export function cropNegativePads(
  scope: WasmKernelScope,
  x: TensorInfo,
  [[top, bottom], [left, right]]: SpatialPads,
): { x: TensorInfo; pads: SpatialPads } {
  const pads: SpatialPads = [
    [Math.max(0, top), Math.max(0, bottom)],
    [Math.max(0, left), Math.max(0, right)],
  ];
  if (top >= 0 && bottom >= 0 && left >= 0 && right >= 0) return { x, pads };
  const [n, h, w, c] = x.shape as [number, number, number, number];
  const begin = [0, Math.max(0, -top), Math.max(0, -left), 0];
  const size = [n, h - begin[1] - Math.max(0, -bottom), w - begin[2] - Math.max(0, -right), c];
  return { x: scope.run('Slice', { x }, { begin, size }), pads };
}

export const explicitPadding = ([[top, bottom], [left, right]]: SpatialPads) => [
  [0, 0],
  [top, bottom],
  [left, right],
  [0, 0],
];
