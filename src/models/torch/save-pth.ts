import { zipSync, type Zippable } from 'fflate';
import { stateDictPickle, type TorchTensorOut } from './state-dict-pickle.js';

export type { TorchTensorOut } from './state-dict-pickle.js';

/** PyTorch's record alignment: each entry's data starts at a multiple of 64 bytes (for memory mapping). */
const ALIGNMENT = 64;
const LOCAL_HEADER = 30;
/** The zip extra field id PyTorch pads with ('FB'). */
const PADDING_FIELD = 0x4246;

/**
 * The bytes of `torch.save(state_dict)` in PyTorch's zip format: `archive/data.pkl`,
 * `archive/byteorder` (`little`), one `archive/data/<i>` of raw little-endian float32 per tensor
 * and `archive/version` (`3`), stored uncompressed with each entry's data 64-byte aligned, as
 * PyTorch writes them. `torch.load(path, weights_only=True)` reads it back as an `OrderedDict`.
 */
export function encodeTorchStateDict(stateDict: ReadonlyMap<string, TorchTensorOut>): Uint8Array {
  const keys = [...stateDict.keys()];
  const tensors = keys.map((key) => stateDict.get(key)!);
  for (const [i, tensor] of tensors.entries()) {
    const count = tensor.shape.reduce((a, b) => a * b, 1);
    if (count !== tensor.data.length)
      throw new RangeError(
        `tensor ${keys[i]}: shape [${tensor.shape}] holds ${count} values, got ${tensor.data.length}`,
      );
  }
  return encodeTorchArchive(stateDictPickle(keys, tensors), tensors);
}

/**
 * A `torch.save` zip of any pickle (`data.pkl`) whose persistent ids name storages `'0'`, `'1'`, …:
 * `tensors[i]`'s values are stored as `archive/data/<i>`, laid out as `encodeTorchStateDict` lays them.
 */
export function encodeTorchArchive(pickle: Uint8Array, tensors: readonly TorchTensorOut[]): Uint8Array {
  const little = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
  const records: Array<[string, Uint8Array]> = [
    ['archive/data.pkl', pickle],
    ['archive/byteorder', new TextEncoder().encode('little')],
    ...tensors.map((t, i): [string, Uint8Array] => [
      `archive/data/${i}`,
      t.dtype === 'int64'
        ? int64Bytes(`storage ${i}`, t.data)
        : little
          ? new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength)
          : bigEndianToLittle(t.data),
    ]),
    ['archive/version', new TextEncoder().encode('3\n')],
  ];
  const files: Zippable = {};
  let offset = 0;
  for (const [name, data] of records) {
    const header = LOCAL_HEADER + new TextEncoder().encode(name).length + 4;
    const padding = (ALIGNMENT - ((offset + header) % ALIGNMENT)) % ALIGNMENT;
    files[name] = [
      data,
      {
        level: 0,
        mtime: new Date('1980-01-01T00:00:00Z'),
        extra: { [PADDING_FIELD]: new Uint8Array(padding).fill(0x5a) },
      },
    ];
    offset += header + padding + data.length;
  }
  return zipSync(files);
}

function int64Bytes(key: string, data: Float32Array): Uint8Array {
  const out = new Uint8Array(data.length * 8);
  const view = new DataView(out.buffer);
  data.forEach((v, i) => {
    if (!Number.isInteger(v)) throw new RangeError(`tensor ${key}: int64 values must be whole numbers, got ${v}`);
    view.setBigInt64(i * 8, BigInt(v), true);
  });
  return out;
}

function bigEndianToLittle(data: Float32Array): Uint8Array {
  const out = new Uint8Array(data.length * 4);
  const view = new DataView(out.buffer);
  data.forEach((v, i) => view.setFloat32(i * 4, v, true));
  return out;
}
