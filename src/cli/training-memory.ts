import { totalmem } from 'node:os';
import type { BackendChoice } from '../backend/index.js';
import { UsageError } from './flags/errors.js';

/** What sizes a torchvision AlexNet run's memory. */
export interface TrainingShape {
  readonly imageSize: number;
  readonly widthDivisor: number;
  readonly numClasses: number;
  readonly batchSize: number;
  readonly validBatchSize: number;
}

/** WebAssembly memory is 32-bit: no wasm heap grows past 4 GiB. */
const WASM_HEAP_BYTES = 2 ** 32;

const convOut = (size: number, kernel: number, stride: number, padding: number) =>
  Math.floor((size + 2 * padding - kernel) / stride) + 1;
const poolOut = (size: number) => Math.floor((size - 3) / 2) + 1;

/**
 * A rough peak for training torchvision's AlexNet, in bytes: per image, every layer's output
 * (kept for the backward pass, and its gradient) plus the largest convolution's im2col patches;
 * times the larger of the training and validation batch; plus weights, gradients and momentum.
 * An estimate to refuse hopeless runs up front, not an exact figure.
 */
export function trainingMemoryBytes(shape: TrainingShape): { total: number; perImage: number; weights: number } {
  const width = (w: number) => Math.max(1, Math.floor(w / shape.widthDivisor));
  const [c1, c2, c3, c4, c5, hidden] = [64, 192, 384, 256, 256, 4096].map(width) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const s1 = convOut(shape.imageSize, 11, 4, 2);
  const p1 = poolOut(s1);
  const p2 = poolOut(p1);
  const p3 = poolOut(p2);
  const outputs =
    3 * shape.imageSize ** 2 +
    2 * c1 * s1 ** 2 +
    c1 * p1 ** 2 +
    2 * c2 * p1 ** 2 +
    c2 * p2 ** 2 +
    2 * (c3 + c4 + c5) * p2 ** 2 +
    c5 * p3 ** 2;
  const patches = Math.max(s1 ** 2 * 363, p1 ** 2 * 25 * c1, p2 ** 2 * 9 * Math.max(c2, c3, c4));
  const parameters =
    3 * 121 * c1 +
    25 * c1 * c2 +
    9 * (c2 * c3 + c3 * c4 + c4 * c5) +
    36 * c5 * hidden +
    hidden * hidden +
    hidden * shape.numClasses;
  const perImage = 4 * (2 * outputs + patches);
  const weights = 4 * 4 * parameters;
  return { total: Math.max(shape.batchSize, shape.validBatchSize) * perImage + weights, perImage, weights };
}

const gb = (bytes: number) => `${(bytes / 2 ** 30).toFixed(1)} GB`;

/** A run whose estimated memory exceeds what its backend can hold: names the flag to lower. */
export class TrainingMemoryError extends UsageError {
  override readonly name = 'TrainingMemoryError';
  constructor(
    readonly flag: string,
    readonly estimate: number,
    readonly limit: number,
    detail: string,
  ) {
    super(
      `--${flag}: this run needs about ${gb(estimate)} (${detail}), more than the ${gb(limit)} it can have; lower --batch-size or --image-size, or raise --width-divisor`,
    );
  }
}

/**
 * Refuses a run that cannot fit: more than 4 GiB on wasm (and on `auto`, which may pick it), or
 * more than the machine's memory on any backend. Throws `TrainingMemoryError` naming `--batch-size`
 * when the batch is what makes it big, else `--image-size`.
 */
export function checkTrainingMemory(shape: TrainingShape, backend: BackendChoice): void {
  const { total, perImage, weights } = trainingMemoryBytes(shape);
  const wasm = backend === 'wasm' || backend === 'auto';
  const limit = wasm ? Math.min(WASM_HEAP_BYTES, totalmem()) : totalmem();
  if (total <= limit) return;
  const batch = Math.max(shape.batchSize, shape.validBatchSize);
  const flag = batch * perImage > limit && perImage * 8 <= limit ? 'batch-size' : 'image-size';
  throw new TrainingMemoryError(
    flag,
    total,
    limit,
    `${batch} images × ${gb(perImage)} at ${shape.imageSize} px, and ${gb(weights)} for the weights`,
  );
}
