import type { TensorInfo } from '@tensorflow/tfjs';
import type { WasmKernelScope } from './kernel-scope.js';

/** Padding on each side of the two spatial axes of an NHWC tensor: [[top, bottom], [left, right]]. */
export type SpatialPads = readonly [readonly [number, number], readonly [number, number]];

/**
 * Convolutions take only non-negative padding; a negative pad means "drop that many rows/columns".
 * Returns `x` with the negative sides cropped and the remaining (non-negative) padding, or
 * `undefined` when nothing is left: the convolution would read padding only, so its result is 0.
 */
export function cropNegativePads(
  scope: WasmKernelScope,
  x: TensorInfo,
  [[top, bottom], [left, right]]: SpatialPads,
): { x: TensorInfo; pads: SpatialPads } | undefined {
  const pads: SpatialPads = [
    [Math.max(0, top), Math.max(0, bottom)],
    [Math.max(0, left), Math.max(0, right)],
  ];
  if (top >= 0 && bottom >= 0 && left >= 0 && right >= 0) return { x, pads };
  const [n, h, w, c] = x.shape as [number, number, number, number];
  const begin = [0, Math.max(0, -top), Math.max(0, -left), 0];
  const size = [n, h - begin[1]! - Math.max(0, -bottom), w - begin[2]! - Math.max(0, -right), c];
  if (size[1]! <= 0 || size[2]! <= 0) return undefined;
  return { x: scope.run('Slice', { x }, { begin, size }), pads };
}

export const explicitPadding = ([[top, bottom], [left, right]]: SpatialPads) => [
  [0, 0],
  [top, bottom],
  [left, right],
  [0, 0],
];

/** A zero-filled float32 tensor owned by the scope's backend. */
export const zeros = (scope: WasmKernelScope, shape: number[]): TensorInfo =>
  scope.run('Fill', {}, { shape, value: 0, dtype: 'float32' });
