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

const explicitPad = fc
  .tuple(fc.nat(3), fc.nat(3), fc.nat(3), fc.nat(3))
  .map(([t, b, l, r]): Pad => [[0, 0], [t, b], [l, r], [0, 0]]);

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
  .map(
    (r): ConvCase => ({
      xShape: [r.batch, r.height, r.width, r.inChannels],
      filterShape: [r.filterHeight, r.filterWidth, r.inChannels, r.outChannels],
      strides: r.strides,
      pad: r.padding.pad,
      dimRoundingMode: r.padding.dimRoundingMode,
      seed: r.seed,
    }),
  )
  .filter((c) => {
    try {
      const [, h, w] = outputShape(c);
      return h >= 1 && w >= 1;
    } catch {
      return false;
    }
  });
