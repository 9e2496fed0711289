import { ByteBudget, maxBytesOf } from './load-limits.js';
import { runSync } from './cooperative.js';
import { materialize, type Storage, type TorchTensor } from './materialize.js';
import type { TensorView } from './pickle-vm.js';
import { encodeTorchArchive, type TorchTensorOut } from './save-pth.js';
import { OP, PickleWriter } from './state-dict-pickle.js';
import { readZipCheckpoint } from './zip-checkpoint.js';

/** A Python float that happens to be whole (`1.0`), which a plain number would pickle as an int. */
export class PyFloat {
  constructor(readonly value: number) {}
}

/** What `encodeTorchObject` writes: Python's None, bool, int/float, str, list, dict (a `Map` keeps int keys) and float32 tensors. */
export type TorchValue =
  | null
  | boolean
  | number
  | PyFloat
  | string
  | TorchTensorOut
  | readonly TorchValue[]
  | ReadonlyMap<string | number, TorchValue>
  | { readonly [key: string]: TorchValue };

const isTensor = (value: object): value is TorchTensorOut =>
  'data' in value && value.data instanceof Float32Array && 'shape' in value;

/** `torch.save(value)` of a nest of dicts, lists and tensors (an optimiser's `state_dict`), in PyTorch's zip format. */
export function encodeTorchObject(value: TorchValue): Uint8Array {
  const tensors: TorchTensorOut[] = [];
  const pickle = new PickleWriter().op(OP.PROTO).op(2);
  const write = (item: TorchValue): void => {
    if (item === null) pickle.op(OP.NONE);
    else if (typeof item === 'boolean') pickle.op(item ? OP.NEWTRUE : OP.NEWFALSE);
    else if (typeof item === 'number') {
      if (Number.isInteger(item)) pickle.int(item);
      else pickle.float(item);
    } else if (item instanceof PyFloat) pickle.float(item.value);
    else if (typeof item === 'string') pickle.string(item);
    else if (Array.isArray(item)) {
      pickle.op(OP.EMPTY_LIST);
      if (item.length > 0) {
        pickle.op(OP.MARK);
        item.forEach(write);
        pickle.op(OP.APPENDS);
      }
    } else if (item instanceof Map || !isTensor(item)) {
      const entries = item instanceof Map ? [...item] : Object.entries(item as object);
      pickle.op(OP.EMPTY_DICT);
      if (entries.length > 0) {
        pickle.op(OP.MARK);
        for (const [key, entry] of entries) {
          write(key as string | number);
          write(entry as TorchValue);
        }
        pickle.op(OP.SETITEMS);
      }
    } else {
      tensors.push(item);
      pickle.tensor(tensors.length - 1, item);
    }
  };
  write(value);
  return encodeTorchArchive(pickle.op(OP.STOP).bytes(), tensors);
}

const isView = (value: unknown): value is TensorView<Storage> =>
  typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'tensor';

/**
 * What a `torch.save` zip file holds (a training checkpoint: dicts of state dicts, numbers and
 * strings), with every tensor copied out as a row-major float32 `TorchTensor`. Reads only what the
 * restricted unpickler accepts (see `loadTorchCheckpoint`).
 */
export function decodeTorchObject(bytes: Uint8Array, file?: string): unknown {
  const root = runSync(
    readZipCheckpoint(bytes, new ByteBudget(maxBytesOf({}, file), 'inflating the zip entries', file), file),
  );
  const copy = (value: unknown, name: string): unknown => {
    if (isView(value)) return runSync(materialize(value, name, file)) satisfies TorchTensor;
    if (value instanceof Map)
      return new Map([...value].map(([key, item]) => [key, copy(item, `${name}.${String(key)}`)]));
    if (Array.isArray(value)) return value.map((item, i) => copy(item, `${name}[${i}]`));
    return value;
  };
  return copy(root, '');
}
