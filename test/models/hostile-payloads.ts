import { constants, deflateRawSync } from 'node:zlib';
import { legacyCheckpoint, PickleBytes } from './pickle-bytes.js';

/** Checkpoints built to exhaust memory or CPU, or to read outside a storage; each describes its class. */

const opcodes = {
  proto: [0x80, 2],
  emptyDict: [0x7d],
  emptyList: [0x5d],
  mark: [0x28],
  appends: [0x65],
  pop: [0x30],
  none: [0x4e],
  tuple1: [0x85],
  tuple2: [0x86],
  reduce: [0x52],
  stop: [0x2e],
  setItem: [0x73],
  binint1: (v: number) => [0x4b, v & 0xff],
  put: (i: number) => [0x72, ...u32(i)],
  get: (i: number) => [0x6a, ...u32(i)],
} as const;

function u32(value: number): number[] {
  return [value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff, (value >>> 24) & 0xff];
}

const text = (value: string) => {
  const b = Buffer.from(value);
  return Buffer.from([0x58, ...u32(b.length), ...b]);
};
const global = (module: string, name: string) => Buffer.from([0x63, ...Buffer.from(`${module}\n${name}\n`)]);
const ops = (...bytes: number[]) => Buffer.from(bytes);

/** A state dict of `tensors`: `[name, storageType, key, numel, offset, size, stride]`, in one pickle. */
export function stateDictPickle(
  tensors: ReadonlyArray<readonly [string, string, string, number, number, readonly number[], readonly number[]]>,
): Uint8Array {
  const pickle = new PickleBytes().proto().global('collections', 'OrderedDict').emptyTuple().reduce().mark();
  for (const [name, type, key, numel, offset, size, stride] of tensors)
    pickle.string(name).tensor(type, key, numel, offset, size, stride);
  return pickle.setItems().stop().build();
}

const deflatedOnce = new WeakMap<Uint8Array, Buffer>();
const deflated = (data: Uint8Array): Buffer => {
  const known = deflatedOnce.get(data) ?? deflateRawSync(data, { level: 9 });
  deflatedOnce.set(data, known);
  return known;
};

interface ZipEntrySpec {
  readonly name: string;
  readonly data: Uint8Array;
  readonly deflate?: boolean;
  /** Deflated bytes to store as they are, inflating to `size` bytes (`data` is then ignored). */
  readonly precompressed?: { readonly body: Uint8Array; readonly size: number };
}

/**
 * The raw deflate stream of `count` × `chunk` zero bytes, built without holding them: one chunk
 * deflated with a full flush (which resets the dictionary, so the block repeats as it is), `count`
 * times, then an empty final block.
 */
export function deflatedZeros(chunk: number, count: number): { body: Uint8Array; size: number } {
  const block = deflateRawSync(new Uint8Array(chunk), { finishFlush: constants.Z_FULL_FLUSH });
  return {
    body: Buffer.concat([...Array.from({ length: count }, () => block), Buffer.from([0x03, 0x00])]),
    size: chunk * count,
  };
}

/** A zip archive; each `alias` is one more central directory entry pointing at `target`'s local header. */
export function zipArchive(
  entries: readonly ZipEntrySpec[],
  aliases: ReadonlyArray<{ name: string; target: number }> = [],
): Uint8Array {
  const locals: Buffer[] = [];
  const records: Array<{ name: Buffer; method: number; compressed: number; size: number; offset: number }> = [];
  let offset = 0;
  for (const { name, data, deflate, precompressed } of entries) {
    const nameBytes = Buffer.from(name);
    const method = deflate || precompressed ? 8 : 0;
    const body = precompressed ? Buffer.from(precompressed.body) : deflate ? deflated(data) : Buffer.from(data);
    const size = precompressed?.size ?? data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    records.push({ name: nameBytes, method, compressed: body.length, size, offset });
    locals.push(local, nameBytes, body);
    offset += local.length + nameBytes.length + body.length;
  }
  for (const { name, target } of aliases) records.push({ ...records[target]!, name: Buffer.from(name) });
  const centrals = records.flatMap(({ name, method, compressed, size, offset: at }) => {
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(compressed, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(at, 42);
    return [central, name];
  });
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(records.length, 8);
  end.writeUInt16LE(records.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** `count` tensors of `size` with all-zero strides over one 4-byte storage: PyTorch's `expand`. */
export function strideZeroViews(format: 'zip' | 'legacy', count: number, size: readonly number[]): Uint8Array {
  const tensors = Array.from(
    { length: count },
    (_, i) => [`w${i}`, 'FloatStorage', 's', 1, 0, size, size.map(() => 0)] as const,
  );
  const pickle = stateDictPickle(tensors);
  if (format === 'legacy') return legacyCheckpoint(pickle, [['s', Float32Array.of(1)]]);
  return zipArchive([
    { name: 'a/data.pkl', data: pickle },
    { name: 'a/data/s', data: new Uint8Array(Float32Array.of(1).buffer) },
  ]);
}

/** `count` storages whose directory entries all point at one deflated stream of `bytes` zeros. */
export function aliasedDeflateStream(count: number, bytes: number): Uint8Array {
  const tensors = Array.from(
    { length: count },
    (_, i) => [`w${i}`, 'FloatStorage', String(i), bytes / 4, 0, [bytes / 4], [1]] as const,
  );
  const aliases = Array.from({ length: count - 1 }, (_, i) => ({ name: `a/data/${i + 1}`, target: 1 }));
  return zipArchive(
    [
      { name: 'a/data.pkl', data: stateDictPickle(tensors) },
      { name: 'a/data/0', data: new Uint8Array(bytes), deflate: true },
    ],
    aliases,
  );
}

/** `count` distinct deflated storages of `bytes` zeros each: honest, but more in total than the cap. */
export function manyDeflateStreams(count: number, bytes: number): Uint8Array {
  const tensors = Array.from(
    { length: count },
    (_, i) => [`w${i}`, 'FloatStorage', String(i), bytes / 4, 0, [bytes / 4], [1]] as const,
  );
  const zeros = new Uint8Array(bytes);
  const storages = tensors.map((_, i) => ({ name: `a/data/${i}`, data: zeros, deflate: true }));
  return zipArchive([{ name: 'a/data.pkl', data: stateDictPickle(tensors) }, ...storages]);
}

/** A legacy checkpoint whose object pickle pushes and pops `count` LONG4 integers of `bytes` bytes each. */
export function longIntegers(count: number, bytes: number): Uint8Array {
  const digits = Buffer.alloc(bytes, 0x5a);
  const long4 = Buffer.concat([ops(0x8b, ...u32(bytes)), digits, ops(...opcodes.pop)]);
  const pickle = Buffer.concat([
    ops(...opcodes.proto),
    ...Array.from({ length: count }, () => long4),
    ops(...opcodes.emptyDict, ...opcodes.stop),
  ]);
  return legacyCheckpoint(pickle, []);
}

/** One list of `pairs` memoised pairs, then `calls` OrderedDict(list) calls that each walk it again. */
export function memoisedListCalls(pairs: number, calls: number): Uint8Array {
  const head = Buffer.concat([
    ops(...opcodes.proto),
    text('k'),
    ops(...opcodes.none, ...opcodes.tuple2, ...opcodes.put(0), ...opcodes.pop),
  ]);
  const list = Buffer.concat([
    ops(...opcodes.emptyList, ...opcodes.mark),
    Buffer.from(Array.from({ length: pairs }, () => opcodes.get(0)).flat()),
    ops(...opcodes.appends, ...opcodes.put(1), ...opcodes.pop),
  ]);
  const call = Buffer.concat([
    global('collections', 'OrderedDict'),
    ops(...opcodes.get(1), ...opcodes.tuple1, ...opcodes.reduce, ...opcodes.pop),
  ]);
  const pickle = Buffer.concat([
    head,
    list,
    ...Array.from({ length: calls }, () => call),
    ops(...opcodes.emptyDict, ...opcodes.stop),
  ]);
  return legacyCheckpoint(pickle, []);
}

/** A tensor of `dims` size-1 dimensions: its size and stride tuples are long, its element count is 1. */
export function manyDimensions(dims: number): Uint8Array {
  const ones = Array.from({ length: dims }, () => 1);
  return legacyCheckpoint(stateDictPickle([['w', 'FloatStorage', 's', 1, 0, ones, ones]]), [['s', Float32Array.of(7)]]);
}

/** A legacy storage view `(offset, viewSize)` of a root of `rootNumel` 7s, and a tensor view into it. */
export function legacyView(
  rootNumel: number,
  offset: number,
  viewSize: number,
  tensorOffset: number,
  size: readonly number[],
  stride: readonly number[],
): Uint8Array {
  const pickle = new PickleBytes()
    .proto()
    .global('collections', 'OrderedDict')
    .emptyTuple()
    .reduce()
    .mark()
    .string('w')
    .global('torch._utils', '_rebuild_tensor_v2')
    .mark()
    .mark()
    .string('storage')
    .global('torch', 'FloatStorage')
    .string('root')
    .string('cpu')
    .int(rootNumel)
    .mark()
    .string('view')
    .int(offset)
    .int(viewSize)
    .tuple()
    .tuple()
    .persistentId()
    .int(tensorOffset)
    .ints(size)
    .ints(stride)
    .false()
    .global('collections', 'OrderedDict')
    .emptyTuple()
    .reduce()
    .tuple()
    .reduce()
    .setItems()
    .stop()
    .build();
  return legacyCheckpoint(pickle, [['root', new Float32Array(rootNumel).fill(7)]]);
}

/** A zip checkpoint's tensor view `(offset, size, stride)` of a storage of `numel` 7s. */
export function zipView(numel: number, offset: number, size: readonly number[], stride: readonly number[]): Uint8Array {
  const pickle = stateDictPickle([['w', 'FloatStorage', 's', numel, offset, size, stride]]);
  const data = new Uint8Array(new Float32Array(numel).fill(7).buffer);
  return zipArchive([
    { name: 'a/data.pkl', data: pickle },
    { name: 'a/data/s', data },
  ]);
}

/** A legacy checkpoint whose object pickle is `pairs` NONE, POP pairs: slow to parse, and harmless. */
export function longPickle(pairs: number): Uint8Array {
  const body = Buffer.alloc(pairs * 2, Buffer.from([0x4e, 0x30]));
  return legacyCheckpoint(Buffer.concat([ops(...opcodes.proto), body, ops(...opcodes.emptyDict, ...opcodes.stop)]), []);
}
