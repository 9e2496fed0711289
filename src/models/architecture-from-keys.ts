import type * as tf from '@tensorflow/tfjs';
import { alexnetFromStateDict, inferAlexNetOptions } from './alexnet-from-state-dict.js';
import type { AlexNetVariant } from './alexnet-options.js';
import { UnknownArchitectureError } from './errors.js';
import { withWeights } from './load-weights.js';
import { createModel, MODEL_NAMES, type ModelName } from './model-registry.js';
import type { TorchStateDict } from './torch/torch-checkpoint.js';

/** A state dict's keys and shapes: what is known of a `.pth` before any tensor is inflated. */
type StateDictShapes = ReadonlyMap<string, { readonly shape: readonly number[] }>;
import { torchParameters } from './torch-parameters.js';
import { makeDivisible } from './torchvision/make-divisible.js';
import { narrowed } from './torchvision/torchvision-options.js';

/** What a state dict's keys and shapes say about the model that made it. */
export interface Architecture {
  readonly model: ModelName;
  readonly numClasses: number;
  readonly widthDivisor: number;
  /** AlexNet's layout. */
  readonly variant?: AlexNetVariant;
}

type TorchvisionFamily = Exclude<ModelName, 'alexnet'>;
type Layout = ReadonlyArray<readonly [key: string, shape: readonly number[]]>;

/** Each family's first convolution's width at a width divisor: a cheap test before building its layout. */
const FIRST_WIDTH: Readonly<Record<TorchvisionFamily, (widthDivisor: number) => number>> = {
  resnet18: (d) => narrowed(64, d),
  resnet34: (d) => narrowed(64, d),
  resnet50: (d) => narrowed(64, d),
  mobilenet_v2: (d) => makeDivisible(32 / d),
  mobilenet_v3_small: (d) => makeDivisible(16 / d),
  mobilenet_v3_large: (d) => makeDivisible(16 / d),
};

/** Each family's first convolution and last linear layer. */
const ENDS: Readonly<Record<TorchvisionFamily, readonly [first: string, head: string]>> = {
  resnet18: ['conv1.weight', 'fc.weight'],
  resnet34: ['conv1.weight', 'fc.weight'],
  resnet50: ['conv1.weight', 'fc.weight'],
  mobilenet_v2: ['features.0.0.weight', 'classifier.1.weight'],
  mobilenet_v3_small: ['features.0.0.weight', 'classifier.3.weight'],
  mobilenet_v3_large: ['features.0.0.weight', 'classifier.3.weight'],
};
const FAMILIES = MODEL_NAMES.filter((name): name is TorchvisionFamily => name !== 'alexnet');
const MAX_WIDTH_DIVISOR = 64;

/** PyTorch leaves `num_batches_tracked` out of checkpoints older than 0.4.1 and loads them anyway. */
const counted = (key: string) => !key.endsWith('.num_batches_tracked');

function layoutOf(name: ModelName, numClasses: number, widthDivisor: number): Layout {
  const model = createModel(name, { numClasses, widthDivisor, initialize: false });
  try {
    return torchParameters(model).map((p) => [p.key, p.torchShape] as const);
  } finally {
    model.dispose();
  }
}

const fullWidth = new Map<ModelName, Layout>();
const fullWidthLayout = (name: ModelName): Layout => {
  if (!fullWidth.has(name)) fullWidth.set(name, layoutOf(name, 1000, name === 'alexnet' ? 16 : 1)); // AlexNet's keys are the same at any width
  return fullWidth.get(name)!;
};

function fits(layout: Layout, stateDict: StateDictShapes): boolean {
  const keys = layout.filter(([key]) => counted(key));
  return (
    keys.length === [...stateDict.keys()].filter(counted).length &&
    keys.every(([key, shape]) => stateDict.get(key)?.shape.join() === shape.join()) &&
    [...stateDict.keys()].every((key) => counted(key) || layout.some(([k]) => k === key))
  );
}

/** The family (of those a state dict's first and last layers fit) and the width divisor whose layout it has. */
function findTorchvision(stateDict: StateDictShapes): Architecture | undefined {
  for (const name of FAMILIES) {
    const [first, head] = ENDS[name];
    const firstShape = stateDict.get(first)?.shape;
    const numClasses = stateDict.get(head)?.shape[0];
    if (firstShape === undefined || numClasses === undefined || stateDict.size < 10) continue;
    for (let widthDivisor = 1; widthDivisor <= MAX_WIDTH_DIVISOR; widthDivisor++) {
      if (FIRST_WIDTH[name](widthDivisor) !== firstShape[0]) continue;
      if (fits(layoutOf(name, numClasses, widthDivisor), stateDict)) return { model: name, numClasses, widthDivisor };
    }
  }
  return undefined;
}

/** How many keys, in order, a state dict shares with each full-width family; the one sharing most. */
function closest(stateDict: StateDictShapes): {
  name: ModelName;
  agreeing: number;
  expected: string | undefined;
  got: string | undefined;
} {
  const keys = [...stateDict.keys()].filter(counted);
  const scored = MODEL_NAMES.map((name) => {
    const expected = fullWidthLayout(name)
      .map(([key]) => key)
      .filter(counted);
    let agreeing = 0;
    while (agreeing < keys.length && agreeing < expected.length && keys[agreeing] === expected[agreeing]) agreeing++;
    return { name, agreeing, expected: expected[agreeing], got: keys[agreeing] };
  });
  return scored.reduce((a, b) => (b.agreeing > a.agreeing ? b : a));
}

/**
 * Reads a state dict's architecture off its keys and shapes: torchvision's AlexNet (either layout),
 * ResNet-18/34/50, MobileNetV2, MobileNetV3 small or large, at any width divisor up to 64 and any
 * number of classes. Anything else is an `UnknownArchitectureError` naming the closest known
 * family (the one sharing the longest run of leading keys) and the first key that differs.
 */
export function inferArchitecture(stateDict: StateDictShapes, file?: string): Architecture {
  try {
    const alexnet = inferAlexNetOptions(stateDict, file);
    return { model: 'alexnet', ...alexnet };
  } catch (error) {
    if (!(error instanceof UnknownArchitectureError)) throw error;
  }
  const found = findTorchvision(stateDict);
  if (found !== undefined) return found;
  const near = closest(stateDict);
  const differs =
    near.got === undefined
      ? `it ends after ${near.agreeing} keys where ${near.name} goes on with \`${near.expected}\``
      : near.expected === undefined
        ? `it goes on with \`${near.got}\` after the ${near.agreeing} keys ${near.name} has`
        : `the first key that differs is #${near.agreeing + 1}, \`${near.got}\`, where ${near.name} has \`${near.expected}\``;
  const agree = near.agreeing === 0 ? 'no leading key agrees' : `its first ${near.agreeing} keys agree`;
  throw new UnknownArchitectureError(
    `not the state dict of a model rxtrain builds (${MODEL_NAMES.join(', ')}); the closest is ${near.name} (${agree}; shapes aside): ${differs}`,
    file,
  );
}

/** The model a state dict describes (see `inferArchitecture`), with its weights loaded. */
export function modelFromStateDict(
  stateDict: TorchStateDict,
  file?: string,
): { model: tf.LayersModel; architecture: Architecture } {
  const architecture = inferArchitecture(stateDict, file);
  if (architecture.model === 'alexnet') return { model: alexnetFromStateDict(stateDict, file).model, architecture };
  const model = createModel(architecture.model, {
    numClasses: architecture.numClasses,
    widthDivisor: architecture.widthDivisor,
    initialize: false,
  });
  return { model: withWeights(model, stateDict, file), architecture };
}
