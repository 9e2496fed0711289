import type * as tf from '@tensorflow/tfjs';
import { alexnet } from './alexnet.js';
import type { AlexNetVariant } from './alexnet-options.js';
import { UnknownArchitectureError } from './errors.js';
import { withWeights } from './load-weights.js';
import type { TorchStateDict } from './torch/torch-checkpoint.js';

/** What a state dict's keys and shapes say about the AlexNet that made it. */
export interface InferredAlexNet {
  readonly variant: AlexNetVariant;
  readonly widthDivisor: number;
  readonly numClasses: number;
}

type Shapes = Record<string, readonly number[]>;
/** The five convolutions' widths and the hidden layers'. */
type Widths = readonly [number, number, number, number, number, number];

const LAYOUTS: Record<
  AlexNetVariant,
  {
    readonly widths: Widths;
    readonly width: (w: number, d: number) => number;
    readonly shapes: (c: Widths, classes: number) => Shapes;
  }
> = {
  torchvision: {
    widths: [64, 192, 384, 256, 256, 4096],
    width: (w, d) => Math.max(1, Math.floor(w / d)),
    shapes: ([c1, c2, c3, c4, c5, hidden], classes) => ({
      'features.0': [c1, 3, 11, 11],
      'features.3': [c2, c1, 5, 5],
      'features.6': [c3, c2, 3, 3],
      'features.8': [c4, c3, 3, 3],
      'features.10': [c5, c4, 3, 3],
      'classifier.1': [hidden, c5 * 36],
      'classifier.4': [hidden, hidden],
      'classifier.6': [classes, hidden],
    }),
  },
  paper: {
    widths: [96, 256, 384, 384, 256, 4096],
    width: (w, d) => Math.max(2, 2 * Math.floor(w / d / 2)),
    shapes: ([c1, c2, c3, c4, c5, hidden], classes) => ({
      'features.0': [c1, 3, 11, 11],
      'features.4': [c2, c1 / 2, 5, 5],
      'features.8': [c3, c2, 3, 3],
      'features.10': [c4, c3 / 2, 3, 3],
      'features.12': [c5, c4 / 2, 3, 3],
      'classifier.0': [hidden, c5 * 36],
      'classifier.3': [hidden, hidden],
      'classifier.6': [classes, hidden],
    }),
  },
};

const sameShape = (a: readonly number[] | undefined, b: readonly number[]) =>
  a !== undefined && a.length === b.length && a.every((d, i) => d === b[i]);

/**
 * Reads the architecture off a state dict's keys and shapes: torchvision's AlexNet (`features.3`,
 * `classifier.1`, …) or the paper's (`features.4`, `classifier.0`, …), its width divisor (the
 * smallest that gives every layer's shape) and its classes (`classifier.6`'s outputs). Throws an
 * `UnknownArchitectureError` for anything else.
 */
export function inferAlexNetOptions(
  stateDict: ReadonlyMap<string, { readonly shape: readonly number[] }>,
  file?: string,
): InferredAlexNet {
  const weight = (module: string) => stateDict.get(`${module}.weight`)?.shape;
  const numClasses = weight('classifier.6')?.[0];
  const c1 = weight('features.0')?.[0];
  for (const variant of ['torchvision', 'paper'] as const) {
    const layout = LAYOUTS[variant];
    if (numClasses === undefined || c1 === undefined) break;
    for (let d = 1; d <= layout.widths[5]; d++) {
      if (layout.width(layout.widths[0], d) !== c1) continue;
      const expected = layout.shapes(layout.widths.map((w) => layout.width(w, d)) as unknown as Widths, numClasses);
      const fits = Object.entries(expected).every(
        ([module, shape]) =>
          sameShape(weight(module), shape) && sameShape(stateDict.get(`${module}.bias`)?.shape, [shape[0]!]),
      );
      if (fits && stateDict.size === Object.keys(expected).length * 2) return { variant, widthDivisor: d, numClasses };
    }
  }
  const seen = [...stateDict]
    .slice(0, 6)
    .map(([key, t]) => `${key} [${t.shape.join(', ')}]`)
    .join(', ');
  throw new UnknownArchitectureError(
    `expected the state dict of torchvision's AlexNet (features.0, 3, 6, 8, 10, classifier.1, 4, 6) or the paper's (features.0, 4, 8, 10, 12, classifier.0, 3, 6) at some width; it has ${stateDict.size} tensors: ${seen}${stateDict.size > 6 ? ', …' : ''}`,
    file,
  );
}

/** The AlexNet a state dict describes (see `inferAlexNetOptions`), with its weights loaded. */
export function alexnetFromStateDict(
  stateDict: TorchStateDict,
  file?: string,
): { model: tf.LayersModel; architecture: InferredAlexNet } {
  const architecture = inferAlexNetOptions(stateDict, file);
  return { model: withWeights(alexnet({ ...architecture, seed: 0 }), stateDict, file), architecture };
}
