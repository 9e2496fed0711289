import { TorchCheckpointError } from '../errors.js';
import { PAUSE, type Work } from './cooperative.js';
import type { TensorView } from './pickle-vm.js';
import type { StorageType } from './storage-types.js';

/**
 * A storage a persistent id named: its element type, the raw bytes of its root storage, and the
 * elements of the root it covers (a legacy view covers a part; otherwise `numel` is undefined and it
 * covers all of them). The bytes are read after the pickle, hence a function.
 */
export interface Storage {
  readonly key: string;
  readonly type: StorageType;
  readonly bytes: () => Uint8Array;
  readonly elementOffset: number;
  readonly numel: number | undefined;
}

/** A named tensor read from a checkpoint: row-major float32 values in PyTorch's shape. */
export interface TorchTensor {
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

const ELEMENTS_PER_SLICE = 2 ** 20;

export const elementCount = (size: readonly number[]): number => size.reduce((a, b) => a * b, 1);

/** The elements of its root storage a storage covers: `[start, end)`, checked to lie inside the root. */
export function storageSpan(storage: Storage, fail: (message: string) => never): { start: number; end: number } {
  const rootElements = Math.floor(storage.bytes().length / storage.type.elementSize);
  const start = storage.elementOffset;
  const end = storage.numel === undefined ? rootElements : start + storage.numel;
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start || end > rootElements) {
    fail(
      `storage ${storage.key}: view (offset ${start}, size ${storage.numel}) lies outside its root storage of ${rootElements} elements`,
    );
  }
  return { start, end };
}

/**
 * Copies a (possibly strided, offset) tensor view out of its storage into a row-major float32
 * array, after checking that every element it reads lies inside the storage. Pauses every million
 * elements.
 */
export function* materialize(view: TensorView<Storage>, name: string, file?: string): Work<TorchTensor> {
  const fail = (message: string): never => {
    throw new TorchCheckpointError(`tensor ${name}: ${message}`, file);
  };
  const { storage, size, stride } = view;
  const shape = [...size];
  const count = elementCount(size);
  const span = storageSpan(storage, fail);
  if (count === 0) return { shape, data: new Float32Array(0) };
  // Size-1 axes move nothing: without them every axis has ≥ 2 elements, so there are at most log2(count).
  const axes = size.flatMap((extent, axis) => (extent === 1 ? [] : [{ extent, stride: stride[axis]! }]));
  const base = span.start + view.storageOffset;
  const last = base + axes.reduce((sum, axis) => sum + (axis.extent - 1) * axis.stride, 0);
  if (!Number.isSafeInteger(last) || last >= span.end) {
    fail(
      `view (offset ${view.storageOffset}, size [${size}], stride [${stride}]) reaches element ${last - span.start} of a storage holding ${span.end - span.start}`,
    );
  }

  const bytes = storage.bytes();
  let expected = 1;
  let contiguous = true;
  for (let i = axes.length - 1; i >= 0; i--) {
    contiguous &&= axes[i]!.stride === expected;
    expected *= axes[i]!.extent;
  }
  const start = bytes.byteOffset + base * storage.type.elementSize;
  if (contiguous && storage.type.name === 'FloatStorage') {
    const copy =
      start % 4 === 0
        ? new Float32Array(bytes.buffer, start, count).slice()
        : alignedCopy(bytes.subarray(start - bytes.byteOffset, start - bytes.byteOffset + count * 4));
    return { shape, data: copy };
  }
  const data = new Float32Array(count);
  const dataView = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const index = new Array<number>(axes.length).fill(0);
  let offset = base;
  for (let i = 0; i < count; i++) {
    if (i % ELEMENTS_PER_SLICE === ELEMENTS_PER_SLICE - 1) yield PAUSE;
    data[i] = storage.type.read(dataView, offset);
    for (let a = axes.length - 1; a >= 0; a--) {
      if (++index[a]! < axes[a]!.extent) {
        offset += axes[a]!.stride;
        break;
      }
      offset -= (axes[a]!.extent - 1) * axes[a]!.stride;
      index[a] = 0;
    }
  }
  return { shape, data };
}

function alignedCopy(bytes: Uint8Array): Float32Array {
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return new Float32Array(copy.buffer);
}
