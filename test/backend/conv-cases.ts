import { backend_util } from '@tensorflow/tfjs';
import fc from 'fast-check';

export type Pad = 'same' | 'valid' | number | [[number, number], [number, number], [number, number], [number, number]];

export interface ConvCase {
  readonly xShape: [number, number, number, number];
  readonly filterShape: [number, number, number, number];
  readonly strides: [number, number];
  readonly pad: Pad;
  readonly dimRoundingMode: 'floor' | 'round' | 'ceil' | undefined;
  readonly seed: number;
}

const explicitPad = fc.tuple(fc.nat(3), fc.nat(3), fc.nat(3), fc.nat(3)).map(([t, b, l, r]): Pad => [
  [0, 0],
  [t, b],
  [l, r],
  [0, 0],
]);

const padding = fc.oneof(
  fc.record({ pad: fc.constantFrom<Pad>('same', 'valid'), dimRoundingMode: fc.constant(undefined) }),
  fc.record({ pad: fc.nat(3), dimRoundingMode: fc.constantFrom('floor', 'round', 'ceil', undefined) }),
  fc.record({ pad: explicitPad, dimRoundingMode: fc.constant(undefined) }),
);

/** Output height/width of the forward convolution, as TensorFlow.js computes them. */
export function outputShape(c: ConvCase): [number, number, number, number] {
  const info = backend_util.computeConv2DInfo(c.xShape, c.filterShape, c.strides, 1, c.pad, c.dimRoundingMode);
  return info.outShape;
}

/** Whether a case's convolution is valid and has at least one output row and column. */
const hasOutput =
  <C>(shapeOf: (c: C) => readonly number[]) =>
  (c: C): boolean => {
    try {
      const [, h, w] = shapeOf(c);
      return h! >= 1 && w! >= 1;
    } catch {
      return false;
    }
  };

/** Random NHWC convolutions (batch 1–3, up to 12×12, filters up to 6×6, strides 1–4) with a non-empty output. */
export const convCases: fc.Arbitrary<ConvCase> = fc
  .record({
    batch: fc.integer({ min: 1, max: 3 }),
    height: fc.integer({ min: 1, max: 12 }),
    width: fc.integer({ min: 1, max: 12 }),
    inChannels: fc.integer({ min: 1, max: 4 }),
    outChannels: fc.integer({ min: 1, max: 4 }),
    filterHeight: fc.integer({ min: 1, max: 6 }),
    filterWidth: fc.integer({ min: 1, max: 6 }),
    strides: fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 })),
    padding,
    seed: fc.integer(),
  })
  .map((r): ConvCase => ({
    xShape: [r.batch, r.height, r.width, r.inChannels],
    filterShape: [r.filterHeight, r.filterWidth, r.inChannels, r.outChannels],
    strides: r.strides,
    pad: r.padding.pad,
    dimRoundingMode: r.padding.dimRoundingMode,
    seed: r.seed,
  }))
  .filter(hasOutput(outputShape));

/** A depthwise convolution: the filter [kh, kw, C, M] (M the channel multiplier) read with dilations. */
export interface DepthwiseCase extends ConvCase {
  readonly dilations: [number, number];
}

/** Output shape of the forward depthwise convolution, as TensorFlow.js computes it: C·M channels. */
export function depthwiseOutputShape(c: DepthwiseCase): [number, number, number, number] {
  return backend_util.computeConv2DInfo(c.xShape, c.filterShape, c.strides, c.dilations, c.pad, c.dimRoundingMode, true)
    .outShape;
}

/** The filter with d − 1 zero taps inserted between taps: a dilated filter as an undilated one. */
export function dilatedFilter(
  values: Float32Array,
  [kh, kw, c, m]: readonly number[],
  [dh, dw]: readonly [number, number],
) {
  const shape = [(kh! - 1) * dh + 1, (kw! - 1) * dw + 1, c!, m!];
  const out = new Float32Array(shape.reduce((a, b) => a * b, 1));
  const tap = c! * m!;
  for (let i = 0; i < kh!; i += 1) {
    for (let j = 0; j < kw!; j += 1)
      out.set(values.subarray((i * kw! + j) * tap, (i * kw! + j + 1) * tap), (i * dh * shape[1]! + j * dw) * tap);
  }
  return { values: out, shape };
}

/** Random depthwise convolutions: the convolution cases with multiplier 1–4 and dilations 1–3, non-empty output. */
export const depthwiseCases: fc.Arbitrary<DepthwiseCase> = fc
  .record({ conv: convCases, dilations: fc.tuple(fc.constantFrom(1, 1, 1, 2, 3), fc.constantFrom(1, 1, 1, 2, 3)) })
  .map(({ conv, dilations }): DepthwiseCase => ({ ...conv, dilations }))
  .filter(hasOutput(depthwiseOutputShape));
