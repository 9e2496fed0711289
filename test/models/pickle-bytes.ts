import { deflateRawSync } from 'node:zlib';

/** Hand-assembled pickle bytes (protocol 2 opcodes), to build checkpoints byte by byte in tests. */
export class PickleBytes {
  private readonly parts: number[] = [];

  private push(...bytes: number[]): this {
    this.parts.push(...bytes);
    return this;
  }

  private u32(value: number): number[] {
    return [value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff, (value >>> 24) & 0xff];
  }

  proto(): this {
    return this.push(0x80, 2);
  }
  global(module: string, name: string): this {
    return this.push(0x63, ...Buffer.from(`${module}\n${name}\n`));
  }
  stackGlobal(): this {
    return this.push(0x93);
  }
  string(text: string): this {
    const bytes = Buffer.from(text, 'utf8');
    return this.push(0x58, ...this.u32(bytes.length), ...bytes);
  }
  int(value: number): this {
    return this.push(0x4a, ...this.u32(value));
  }
  long1(value: bigint, length: number): this {
    const bytes = Array.from({ length }, (_, i) => Number((value >> BigInt(8 * i)) & 0xffn));
    return this.push(0x8a, length, ...bytes);
  }
  none(): this {
    return this.push(0x4e);
  }
  true(): this {
    return this.push(0x88);
  }
  false(): this {
    return this.push(0x89);
  }
  mark(): this {
    return this.push(0x28);
  }
  tuple(): this {
    return this.push(0x74);
  }
  tuple1(): this {
    return this.push(0x85);
  }
  emptyTuple(): this {
    return this.push(0x29);
  }
  emptyDict(): this {
    return this.push(0x7d);
  }
  emptyList(): this {
    return this.push(0x5d);
  }
  setItems(): this {
    return this.push(0x75);
  }
  appends(): this {
    return this.push(0x65);
  }
  reduce(): this {
    return this.push(0x52);
  }
  persistentId(): this {
    return this.push(0x51);
  }
  stop(): this {
    return this.push(0x2e);
  }
  ints(values: readonly number[]): this {
    this.mark();
    values.forEach((v) => this.int(v));
    return this.tuple();
  }
  /** `_rebuild_tensor_v2(storage, offset, size, stride, False, OrderedDict())` for a legacy storage id. */
  tensor(
    storageType: string,
    key: string,
    numel: number,
    offset: number,
    size: readonly number[],
    stride: readonly number[],
  ): this {
    this.global('torch._utils', '_rebuild_tensor_v2').mark();
    this.mark()
      .string('storage')
      .global('torch', storageType)
      .string(key)
      .string('cpu')
      .int(numel)
      .none()
      .tuple()
      .persistentId();
    this.int(offset).ints(size).ints(stride).false().global('collections', 'OrderedDict').emptyTuple().reduce();
    return this.tuple().reduce();
  }
  build(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

const u64 = (value: number) => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt(value));
  return b;
};

/** The legacy `torch.save` layout around an object pickle: header pickles, storage keys, storage bytes. */
export function legacyCheckpoint(
  objectPickle: Uint8Array,
  storages: ReadonlyArray<[key: string, data: Float32Array | Float64Array]>,
): Uint8Array {
  const magic = new PickleBytes().proto().long1(0x1950a86a20f9469cfc6cn, 10).stop().build();
  const version = new PickleBytes().proto().int(1001).stop().build();
  const info = new PickleBytes().proto().emptyDict().mark().string('little_endian').true().setItems().stop().build();
  const keys = new PickleBytes().proto().emptyList().mark();
  storages.forEach(([key]) => keys.string(key));
  const data = storages.flatMap(([, values]) => [
    u64(values.length),
    Buffer.from(values.buffer, values.byteOffset, values.byteLength),
  ]);
  return Buffer.concat([magic, version, info, objectPickle, keys.appends().stop().build(), ...data]);
}

/** A zip archive with every entry deflated (PyTorch stores entries uncompressed; readers must take both). */
export function deflatedZip(entries: ReadonlyArray<[name: string, data: Uint8Array]>): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of entries) {
    const nameBytes = Buffer.from(name);
    const compressed = deflateRawSync(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, compressed);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
