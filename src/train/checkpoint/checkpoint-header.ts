import type { OptimizerHyper } from '../optim/index.js';

/** The sections of a checkpoint's data block, in file order. */
export const SECTIONS = ['weights', 'momentum'] as const;

export interface TensorEntry {
  readonly section: (typeof SECTIONS)[number];
  readonly name: string;
  readonly shape: readonly number[];
  /** In float32 elements from the start of the data block. */
  readonly offset: number;
}

export interface CheckpointHeader {
  readonly format: 1;
  readonly epoch: number;
  readonly step: number;
  readonly seed: number;
  readonly lrs: readonly number[];
  /** The optimiser's JSON state (absent in files written before optimisers had any). */
  readonly optimizer?: OptimizerHyper;
  readonly operators: Readonly<Record<string, unknown>>;
  readonly config: unknown;
  readonly tensors: readonly TensorEntry[];
}

const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks a decoded header field by field (a checksum proves the file is whole, not that its writer
 * was rxtrain): counts are non-negative integers, rates finite and non-negative, every tensor a
 * named, shaped, distinct slice inside the `dataLength` float32 elements. Returns the first problem.
 */
export function headerProblem(header: unknown, dataLength: number): string | undefined {
  if (!isRecord(header)) return 'the header is not an object';
  if (header.format !== 1) return `unknown format ${JSON.stringify(header.format)}`;
  for (const key of ['epoch', 'step'] as const) {
    if (!isCount(header[key])) return `${key} is ${JSON.stringify(header[key])}, expected a non-negative integer`;
  }
  if (!Number.isSafeInteger(header.seed)) return `seed is ${JSON.stringify(header.seed)}, expected an integer`;
  const { lrs, tensors } = header;
  if (!Array.isArray(lrs) || !lrs.every((lr) => typeof lr === 'number' && Number.isFinite(lr) && lr >= 0)) {
    return `lrs is ${JSON.stringify(lrs)}, expected a list of finite non-negative learning rates`;
  }
  if (header.optimizer !== undefined && !(isRecord(header.optimizer) && typeof header.optimizer.kind === 'string')) {
    return 'optimizer is not an object with a kind';
  }
  if (!isRecord(header.operators)) return 'operators is not an object';
  if (!Array.isArray(tensors)) return 'tensors is not a list';
  const seen = new Set<string>();
  for (const entry of tensors as unknown[]) {
    if (!isRecord(entry)) return 'a tensor entry is not an object';
    const { section, name, shape, offset } = entry;
    if (typeof name !== 'string' || name === '') return `a tensor has the name ${JSON.stringify(name)}`;
    if (!SECTIONS.includes(section as TensorEntry['section']))
      return `tensor ${name} is in the unknown section ${JSON.stringify(section)}`;
    if (!Array.isArray(shape) || !shape.every(isCount)) return `tensor ${name} has the shape ${JSON.stringify(shape)}`;
    if (!isCount(offset)) return `tensor ${name} has the offset ${JSON.stringify(offset)}`;
    const size = shape.reduce((a, b) => a * b, 1);
    if (!Number.isSafeInteger(offset + size) || offset + size > dataLength)
      return `tensor ${name} lies outside the data`;
    if (seen.has(`${String(section)}/${name}`)) return `tensor ${name} appears twice in ${String(section)}`;
    seen.add(`${String(section)}/${name}`);
  }
  return undefined;
}
