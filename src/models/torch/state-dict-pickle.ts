/** A tensor to write, row-major in PyTorch's shape: float32, or int64 (whole numbers) where `dtype` says so. */
export interface TorchTensorOut {
  readonly shape: readonly number[];
  readonly data: Float32Array;
  readonly dtype?: 'int64';
}

export const OP = {
  PROTO: 0x80,
  GLOBAL: 0x63,
  EMPTY_TUPLE: 0x29,
  REDUCE: 0x52,
  MARK: 0x28,
  TUPLE: 0x74,
  BINPERSID: 0x51,
  BINUNICODE: 0x58,
  BININT: 0x4a,
  NEWFALSE: 0x89,
  SETITEMS: 0x75,
  STOP: 0x2e,
  NEWTRUE: 0x88,
  NONE: 0x4e,
  BINFLOAT: 0x47,
  EMPTY_DICT: 0x7d,
  EMPTY_LIST: 0x5d,
  APPENDS: 0x65,
} as const;

/** Appends pickle opcodes to a growing byte list. */
export class PickleWriter {
  private readonly parts: Uint8Array[] = [];
  op(code: number): this {
    this.parts.push(Uint8Array.of(code));
    return this;
  }
  global(module: string, name: string): this {
    this.op(OP.GLOBAL);
    this.parts.push(new TextEncoder().encode(`${module}\n${name}\n`));
    return this;
  }
  string(text: string): this {
    const bytes = new TextEncoder().encode(text);
    const length = new Uint8Array(4);
    new DataView(length.buffer).setUint32(0, bytes.length, true);
    this.parts.push(Uint8Array.of(OP.BINUNICODE), length, bytes);
    return this;
  }
  int(value: number): this {
    if (!Number.isInteger(value) || value < -(2 ** 31) || value >= 2 ** 31)
      throw new RangeError(`pickle: ${value} is not a 32-bit integer`);
    const bytes = new Uint8Array(5);
    bytes[0] = OP.BININT;
    new DataView(bytes.buffer).setInt32(1, value, true);
    this.parts.push(bytes);
    return this;
  }
  float(value: number): this {
    const bytes = new Uint8Array(9);
    bytes[0] = OP.BINFLOAT;
    new DataView(bytes.buffer).setFloat64(1, value, false);
    this.parts.push(bytes);
    return this;
  }
  /** A tensor (float32, or int64 where its `dtype` says so) whose values are storage `key`: `torch._utils._rebuild_tensor_v2` of a persistent id. */
  tensor(key: number, tensor: TorchTensorOut): this {
    this.global('torch._utils', '_rebuild_tensor_v2').op(OP.MARK);
    this.op(OP.MARK)
      .string('storage')
      .global('torch', tensor.dtype === 'int64' ? 'LongStorage' : 'FloatStorage')
      .string(String(key))
      .string('cpu')
      .int(tensor.data.length)
      .op(OP.TUPLE)
      .op(OP.BINPERSID);
    this.int(0).intTuple(tensor.shape).intTuple(rowMajorStrides(tensor.shape)).op(OP.NEWFALSE).emptyOrderedDict();
    return this.op(OP.TUPLE).op(OP.REDUCE);
  }
  intTuple(values: readonly number[]): this {
    this.op(OP.MARK);
    values.forEach((v) => this.int(v));
    return this.op(OP.TUPLE);
  }
  emptyOrderedDict(): this {
    return this.global('collections', 'OrderedDict').op(OP.EMPTY_TUPLE).op(OP.REDUCE);
  }
  bytes(): Uint8Array {
    const out = new Uint8Array(this.parts.reduce((n, p) => n + p.length, 0));
    this.parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
    return out;
  }
}

const rowMajorStrides = (shape: readonly number[]): number[] =>
  shape.map((_, axis) => shape.slice(axis + 1).reduce((a, b) => a * b, 1));

/**
 * The `data.pkl` of `torch.save(state_dict)` (pickle protocol 2): an `OrderedDict` of tensors, each
 * `torch._utils._rebuild_tensor_v2(storage, 0, size, stride, False, OrderedDict())` whose storage is
 * the persistent id `('storage', torch.FloatStorage, '<i>', 'cpu', numel)` (`LongStorage` for int64), tensor i's values being
 * stored in `data/<i>`. Only globals that `torch.load(..., weights_only=True)` accepts are named.
 */
export function stateDictPickle(keys: readonly string[], tensors: readonly TorchTensorOut[]): Uint8Array {
  const pickle = new PickleWriter().op(OP.PROTO).op(2).emptyOrderedDict().op(OP.MARK);
  tensors.forEach((tensor, i) => pickle.string(keys[i]!).tensor(i, tensor));
  return pickle.op(OP.SETITEMS).op(OP.STOP).bytes();
}
