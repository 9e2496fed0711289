import { TorchCheckpointError } from '../errors.js';
import type { TensorView } from './pickle-vm.js';
import type { StorageType } from './storage-types.js';

/** A storage a persistent id named: its element type and where its elements start in the raw bytes. */
export interface Storage {
  readonly key: string;
  readonly type: StorageType;
  /** The raw bytes of the storage (or of its root storage, for a legacy view). */
  readonly bytes: () => Uint8Array;
  readonly elementOffset: number;
  readonly numel: number;
}

/** A named tensor read from a checkpoint: row-major float32 values in PyTorch's shape. */
export interface TorchTensor {
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

const MAX_ELEMENTS = 2 ** 28;

/** Copies a (possibly strided, offset) tensor view out of its storage into a row-major float32 array. */
export function materialize(view: TensorView<Storage>, name: string, file?: string): TorchTensor {
  const fail = (message: string): never => {
    throw new TorchCheckpointError(`tensor ${name}: ${message}`, file);
  };
  const { storage, size, stride } = view;
  const count = size.reduce((a, b) => a * b, 1);
  if (count > MAX_ELEMENTS) fail(`${count} elements is more than the ${MAX_ELEMENTS} supported`);
  const shape = [...size];
  if (count === 0) return { shape, data: new Float32Array(0) };
  const bytes = storage.bytes();
  const available = Math.min(storage.elementOffset + storage.numel, Math.floor(bytes.length / storage.type.elementSize));
  const base = storage.elementOffset + view.storageOffset;
  const last = base + size.reduce((sum, extent, axis) => sum + (extent - 1) * stride[axis], 0);
  if (last >= available) fail(`view (offset ${view.storageOffset}, size [${size}], stride [${stride}]) reaches element ${last} of a storage holding ${available - storage.elementOffset}`);

  const contiguous = size.every((_, axis) => size[axis] === 1 || stride[axis] === size.slice(axis + 1).reduce((a, b) => a * b, 1));
  const start = bytes.byteOffset + base * storage.type.elementSize;
  if (contiguous && storage.type.name === 'FloatStorage') {
    const copy = start % 4 === 0
      ? new Float32Array(bytes.buffer, start, count).slice()
      : alignedCopy(bytes.subarray(start - bytes.byteOffset, start - bytes.byteOffset + count * 4));
    return { shape, data: copy };
  }
  const data = new Float32Array(count);
  const dataView = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const index = new Array<number>(size.length).fill(0);
  let offset = base;
  for (let i = 0; i < count; i++) {
    data[i] = storage.type.read(dataView, offset);
    for (let axis = size.length - 1; axis >= 0; axis--) {
      if (++index[axis] < size[axis]) {
        offset += stride[axis];
        break;
      }
      offset -= (size[axis] - 1) * stride[axis];
      index[axis] = 0;
    }
  }
  return { shape, data };
}

function alignedCopy(bytes: Uint8Array): Float32Array {
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return new Float32Array(copy.buffer);
}
