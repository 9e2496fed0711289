import { UnsafePickleError } from '../errors.js';
import type { ByteReader } from './byte-reader.js';
import { PAUSE, type Work } from './cooperative.js';
import { storageTypes, type StorageType } from './storage-types.js';

/** A `module.name` global the pickle referred to; only allow-listed ones are ever created. */
export class PickleGlobal {
  constructor(
    readonly module: string,
    readonly name: string,
  ) {}
  get qualifiedName(): string {
    return `${this.module}.${this.name}`;
  }
}

/** A tensor as the pickle describes it: a view (offset, size, stride) into a storage. */
export interface TensorView<S> {
  readonly kind: 'tensor';
  readonly storage: S;
  readonly storageOffset: number;
  readonly size: readonly number[];
  readonly stride: readonly number[];
}

/** Resolves a persistent id (PyTorch's `('storage', type, key, location, numel, ...)`) to a storage. */
export type PersistentLoad<S> = (pid: readonly unknown[], storageType: StorageType) => S;

const MARK = Symbol('mark');
const strided = Object.freeze({ layout: 'torch.strided' });

const allowedGlobals = new Set([
  'collections.OrderedDict',
  'torch._utils._rebuild_tensor_v2',
  'torch._utils._rebuild_parameter',
  'torch._utils._rebuild_parameter_with_state',
  'torch.serialization._get_layout',
  'torch.strided',
  ...[...storageTypes.keys()].map((name) => `torch.${name}`),
]);

const isTuple = (value: unknown): value is readonly unknown[] => Array.isArray(value) && Object.isFrozen(value);
const tuple = (items: unknown[]): readonly unknown[] => Object.freeze(items);
const isIndex = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/** PyTorch tensors have at most 64 dimensions (`at::native::MAX_DIMS`-style limits are lower still). */
export const MAX_TENSOR_DIMS = 64;
/** Items an opcode may walk, in total, per byte of pickle: what memo references can make an opcode revisit. */
const WORK_PER_BYTE = 4;
const WORK_FLOOR = 2 ** 16;
const OPCODES_PER_SLICE = 2 ** 14;

/** A little-endian two's-complement integer of any length, in time linear in its bytes. */
export function decodeLong(bytes: Uint8Array): number | bigint {
  if (bytes.length === 0) return 0;
  if (bytes.length <= 6) {
    let value = 0;
    for (let i = bytes.length - 1; i >= 0; i--) value = value * 256 + bytes[i]!;
    return bytes[bytes.length - 1]! & 0x80 ? value - 2 ** (8 * bytes.length) : value;
  }
  const hex = Buffer.from(bytes).reverse().toString('hex');
  let value = BigInt(`0x${hex}`);
  if (bytes[bytes.length - 1]! & 0x80) value -= 1n << BigInt(bytes.length * 8);
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}

/**
 * A restricted pickle interpreter (protocols 2–5, the opcodes of a tensor state dict). Globals are
 * checked against an allow-list when they are named, before anything could call them, so a pickle
 * naming `os.system` or `builtins.eval` is refused with an `UnsafePickleError`; the only "calls" are
 * the built-in reconstructions of ordered dicts, tensors and parameters. Work is linear in the
 * pickle's bytes: every item an opcode walks is charged to a budget proportional to the pickle's
 * length, so memo references cannot make it revisit a large list again and again. Returns the
 * unpickled value, leaving `reader` just after its STOP (the legacy format reads on from there);
 * pauses every few thousand opcodes.
 */
export function* unpickle<S>(reader: ByteReader, persistentLoad: PersistentLoad<S>): Work<unknown> {
  const workLimit = WORK_FLOOR + WORK_PER_BYTE * reader.remaining;
  let work = 0;
  const charge = (items: number): void => {
    work += items;
    if (work > workLimit)
      reader.fail(`pickle walks more than ${WORK_PER_BYTE} items per byte (memo references to large objects)`);
  };
  const stack: unknown[] = [];
  const memo = new Map<number, unknown>();
  const pop = (): unknown => {
    if (stack.length === 0 || stack[stack.length - 1] === MARK) reader.fail('pickle stack underflow');
    return stack.pop();
  };
  const top = (): unknown => {
    if (stack.length === 0 || stack[stack.length - 1] === MARK) reader.fail('pickle stack underflow');
    return stack[stack.length - 1];
  };
  const marks: number[] = [];
  const popToMark = (): unknown[] => {
    const mark = marks.pop();
    if (mark === undefined) return reader.fail('pickle MARK missing');
    charge(stack.length - mark);
    return stack.splice(mark).slice(1);
  };
  const memoGet = (index: number) => {
    if (!memo.has(index)) reader.fail(`pickle memo ${index} undefined`);
    return memo.get(index);
  };
  const text = (bytes: Uint8Array) => new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  const global = (module: string, name: string): PickleGlobal => {
    const qualified = `${module}.${name}`;
    if (!allowedGlobals.has(qualified)) throw new UnsafePickleError(qualified, reader.file);
    return new PickleGlobal(module, name);
  };
  const setItems = (target: unknown, items: unknown[]) => {
    if (!(target instanceof Map)) reader.fail('pickle SETITEM(S) on a non-dict');
    if (items.length % 2 !== 0) reader.fail('pickle SETITEMS with an odd item count');
    charge(items.length);
    for (let i = 0; i < items.length; i += 2) {
      const key = items[i];
      if (typeof key !== 'string' && typeof key !== 'number')
        reader.fail('pickle dict key is not a string or a 53-bit integer');
      target.set(key, items[i + 1]);
    }
  };
  const append = (target: unknown, items: unknown[]) => {
    if (!Array.isArray(target) || isTuple(target)) reader.fail('pickle APPEND(S) on a non-list');
    charge(items.length);
    for (const item of items) (target as unknown[]).push(item);
  };
  const reduce = (callable: unknown, args: unknown): unknown => {
    if (!(callable instanceof PickleGlobal)) reader.fail('pickle REDUCE of a non-callable');
    if (!isTuple(args)) reader.fail('pickle REDUCE arguments are not a tuple');
    switch (callable.qualifiedName) {
      case 'collections.OrderedDict':
        return orderedDict(args);
      case 'torch._utils._rebuild_tensor_v2':
        return rebuildTensor(args);
      case 'torch._utils._rebuild_parameter':
      case 'torch._utils._rebuild_parameter_with_state':
        if (!isTensor(args[0])) reader.fail('pickle _rebuild_parameter without a tensor');
        return args[0];
      case 'torch.serialization._get_layout':
        return strided;
      default:
        return reader.fail(`pickle global ${callable.qualifiedName} is not callable`);
    }
  };
  const orderedDict = (args: readonly unknown[]): Map<unknown, unknown> => {
    const dict = new Map<unknown, unknown>();
    if (args.length === 0) return dict;
    if (args.length !== 1 || !Array.isArray(args[0])) reader.fail('pickle OrderedDict arguments');
    charge((args[0] as unknown[]).length);
    for (const pair of args[0] as unknown[]) {
      if (!Array.isArray(pair) || pair.length !== 2) reader.fail('pickle OrderedDict item is not a pair');
      if (typeof pair[0] !== 'string' && typeof pair[0] !== 'number')
        reader.fail('pickle dict key is not a string or a 53-bit integer');
      dict.set(pair[0], pair[1]);
    }
    return dict;
  };
  const isTensor = (value: unknown): value is TensorView<S> =>
    typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'tensor';
  const rebuildTensor = (args: readonly unknown[]): TensorView<S> => {
    const [storage, storageOffset, size, stride] = args;
    if (!storages.has(storage as S)) reader.fail('pickle _rebuild_tensor_v2 without a storage');
    if (!isIndex(storageOffset)) reader.fail('pickle tensor storage offset is not a non-negative integer');
    if (isTuple(size) && size.length > MAX_TENSOR_DIMS)
      reader.fail(`pickle tensor has ${size.length} dimensions, more than ${MAX_TENSOR_DIMS}`);
    if (!isTuple(size) || !size.every(isIndex))
      reader.fail('pickle tensor size is not a tuple of non-negative integers');
    if (!isTuple(stride) || !stride.every(isIndex) || stride.length !== size.length) {
      reader.fail('pickle tensor stride is not a tuple of non-negative integers matching the size');
    }
    return { kind: 'tensor', storage: storage as S, storageOffset, size, stride };
  };
  const storages = new Set<S>();
  const loadPersistent = (pid: unknown): S => {
    if (!isTuple(pid) || pid[0] !== 'storage' || !(pid[1] instanceof PickleGlobal))
      reader.fail('pickle persistent id is not a storage');
    const type = storageTypes.get(pid[1].name);
    if (pid[1].module !== 'torch' || type === undefined) reader.fail(`unknown storage type ${pid[1].qualifiedName}`);
    const storage = persistentLoad(pid, type);
    storages.add(storage);
    return storage;
  };

  for (let opcodes = 1; ; opcodes++) {
    if (opcodes % OPCODES_PER_SLICE === 0) yield PAUSE;
    const opcode = reader.u8();
    switch (opcode) {
      case 0x80: {
        // PROTO
        const version = reader.u8();
        if (version > 5) reader.fail(`unsupported pickle protocol ${version}`);
        break;
      }
      case 0x95:
        reader.u64();
        break; // FRAME: a length hint only
      case 0x2e:
        return pop(); // STOP
      case 0x28:
        marks.push(stack.length);
        stack.push(MARK);
        break;
      case 0x30:
        pop();
        break; // POP
      case 0x31:
        popToMark();
        break; // POP_MARK
      case 0x32:
        stack.push(top());
        break; // DUP
      case 0x4e:
        stack.push(null);
        break; // NONE
      case 0x88:
        stack.push(true);
        break;
      case 0x89:
        stack.push(false);
        break;
      case 0x4a:
        stack.push(reader.i32());
        break; // BININT
      case 0x4b:
        stack.push(reader.u8());
        break; // BININT1
      case 0x4d:
        stack.push(reader.u16());
        break; // BININT2
      case 0x8a:
        stack.push(decodeLong(reader.bytesOf(reader.u8())));
        break; // LONG1
      case 0x8b: {
        // LONG4
        const length = reader.i32();
        if (length < 0) reader.fail('pickle LONG4 with a negative length');
        stack.push(decodeLong(reader.bytesOf(length)));
        break;
      }
      case 0x47:
        stack.push(reader.f64be());
        break; // BINFLOAT
      case 0x58:
        stack.push(text(reader.bytesOf(reader.u32())));
        break; // BINUNICODE
      case 0x8c:
        stack.push(text(reader.bytesOf(reader.u8())));
        break; // SHORT_BINUNICODE
      case 0x8d:
        stack.push(text(reader.bytesOf(reader.u64())));
        break; // BINUNICODE8
      case 0x54: {
        // BINSTRING
        const length = reader.i32();
        if (length < 0) reader.fail('pickle BINSTRING with a negative length');
        stack.push(text(reader.bytesOf(length)));
        break;
      }
      case 0x55:
        stack.push(text(reader.bytesOf(reader.u8())));
        break; // SHORT_BINSTRING
      case 0x42:
        stack.push(reader.bytesOf(reader.u32()).slice());
        break; // BINBYTES
      case 0x43:
        stack.push(reader.bytesOf(reader.u8()).slice());
        break; // SHORT_BINBYTES
      case 0x29:
        stack.push(tuple([]));
        break; // EMPTY_TUPLE
      case 0x74:
        stack.push(tuple(popToMark()));
        break; // TUPLE
      case 0x85:
        stack.push(tuple([pop()]));
        break; // TUPLE1
      case 0x86: {
        const b = pop();
        const a = pop();
        stack.push(tuple([a, b]));
        break;
      } // TUPLE2
      case 0x87: {
        const c = pop();
        const b = pop();
        const a = pop();
        stack.push(tuple([a, b, c]));
        break;
      } // TUPLE3
      case 0x5d:
        stack.push([]);
        break; // EMPTY_LIST
      case 0x6c:
        stack.push(popToMark());
        break; // LIST
      case 0x61: {
        const item = pop();
        append(top(), [item]);
        break;
      } // APPEND
      case 0x65: {
        const items = popToMark();
        append(top(), items);
        break;
      } // APPENDS
      case 0x7d:
        stack.push(new Map());
        break; // EMPTY_DICT
      case 0x64: {
        const dict = new Map();
        setItems(dict, popToMark());
        stack.push(dict);
        break;
      } // DICT
      case 0x73: {
        const value = pop();
        const key = pop();
        setItems(top(), [key, value]);
        break;
      } // SETITEM
      case 0x75: {
        const items = popToMark();
        setItems(top(), items);
        break;
      } // SETITEMS
      case 0x71:
        memo.set(reader.u8(), top());
        break; // BINPUT
      case 0x72:
        memo.set(reader.u32(), top());
        break; // LONG_BINPUT
      case 0x94:
        memo.set(memo.size, top());
        break; // MEMOIZE
      case 0x68:
        stack.push(memoGet(reader.u8()));
        break; // BINGET
      case 0x6a:
        stack.push(memoGet(reader.u32()));
        break; // LONG_BINGET
      case 0x63: {
        const module = reader.line();
        stack.push(global(module, reader.line()));
        break;
      } // GLOBAL
      case 0x93: {
        // STACK_GLOBAL
        const name = pop();
        const module = pop();
        if (typeof module !== 'string' || typeof name !== 'string')
          reader.fail('pickle STACK_GLOBAL needs two strings');
        stack.push(global(module, name));
        break;
      }
      case 0x52: {
        const args = pop();
        stack.push(reduce(pop(), args));
        break;
      } // REDUCE
      case 0x62: {
        // BUILD: a state dict's `_metadata` attribute, or a parameter's state: not needed
        pop();
        const target = top();
        if (!(target instanceof Map) && !isTensor(target)) reader.fail('pickle BUILD of an unsupported object');
        break;
      }
      case 0x51:
        stack.push(loadPersistent(pop()));
        break; // BINPERSID
      default:
        reader.fail(`unsupported pickle opcode 0x${opcode.toString(16).padStart(2, '0')}`);
    }
  }
}
