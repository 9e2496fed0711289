import { ModelFileError, loadTorchCheckpoint, transposeArray } from '../../models/index.js';
import { readCheckpoint } from '../checkpoint/index.js';
import type { KernelBank } from '../loop/index.js';

/** One convolution of a saved AlexNet: its kernels (HWIO, `I` = input channels per group) and biases. */
export interface ConvWeights {
  /** torchvision's module name, e.g. `features.0`. */
  readonly name: string;
  readonly kernel: KernelBank;
  readonly bias: Float32Array;
  /** Groups of a grouped convolution: the layer's input channels / the kernel's `I`. */
  readonly groups: number;
}

export type AlexNetLayout = 'torchvision' | 'paper';

/** The convolutions of an AlexNet in order, and which layout they come from. */
export interface AlexNetConvolutions {
  readonly layout: AlexNetLayout;
  readonly convolutions: readonly ConvWeights[];
}

interface Named {
  readonly name: string;
  readonly shape: readonly number[];
  readonly values: Float32Array;
}

/** Second convolution's module name in each layout: torchvision's `features.3`, the paper's `features.4` (after LRN). */
const SECOND_CONV: Readonly<Record<string, AlexNetLayout>> = { 'features.3': 'torchvision', 'features.4': 'paper' };

function convolutions(
  path: string,
  kernels: readonly Named[],
  biasOf: (name: string) => Float32Array | undefined,
  toHwio: (k: Named) => Float32Array,
  hwio: (shape: readonly number[]) => number[],
): AlexNetConvolutions {
  if (kernels.length < 2)
    throw new ModelFileError(path, `expected an AlexNet's convolutions, found ${kernels.length} 4-D weight(s)`);
  const layout = SECOND_CONV[kernels[1]!.name];
  if (layout === undefined) {
    throw new ModelFileError(
      path,
      `expected AlexNet's second convolution to be features.3 (torchvision) or features.4 (the paper's), found ${kernels[1]!.name}`,
    );
  }
  let inputs = hwio(kernels[0]!.shape)[2]!;
  const list = kernels.map((k) => {
    const shape = hwio(k.shape) as [number, number, number, number];
    const bias = biasOf(k.name);
    if (bias === undefined || bias.length !== shape[3])
      throw new ModelFileError(path, `${k.name} has no bias of ${shape[3]} values`);
    const groups = inputs / shape[2];
    if (!Number.isInteger(groups))
      throw new ModelFileError(
        path,
        `${k.name} takes ${shape[2]} input channels, which do not divide the ${inputs} before it`,
      );
    inputs = shape[3];
    return { name: k.name, kernel: { shape, values: Array.from(toHwio(k)) }, bias, groups };
  });
  return { layout, convolutions: list };
}

/** The convolutions of a PyTorch AlexNet state dict (`.pth`): `<module>.weight` OIHW and `<module>.bias`, in the file's order. */
export async function torchConvWeights(path: string): Promise<AlexNetConvolutions> {
  const dict = await loadTorchCheckpoint(path);
  const kernels = [...dict]
    .filter(([key, t]) => key.endsWith('.weight') && t.shape.length === 4)
    .map(([key, t]) => ({ name: key.slice(0, -'.weight'.length), shape: t.shape, values: t.data }));
  return convolutions(
    path,
    kernels,
    (name) => dict.get(`${name}.bias`)?.data,
    (k) => transposeArray(k.values, k.shape, [2, 3, 1, 0]),
    ([o, i, h, w]) => [h!, w!, i!, o!],
  );
}

/** The convolutions of an rxtrain checkpoint: `<layer>/kernel` HWIO and `<layer>/bias`, in the model's order. */
export async function checkpointConvWeights(path: string): Promise<AlexNetConvolutions> {
  const { weights } = await readCheckpoint(path);
  const kernels = Object.entries(weights)
    .filter(([name, w]) => name.endsWith('/kernel') && w.shape.length === 4)
    .map(([name, w]) => ({ name: name.slice(0, -'/kernel'.length), shape: w.shape, values: w.values }));
  return convolutions(
    path,
    kernels,
    (name) => weights[`${name}/bias`]?.values,
    (k) => k.values,
    (shape) => [...shape],
  );
}
