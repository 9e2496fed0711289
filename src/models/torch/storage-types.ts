/** Element types of `torch.<Name>Storage`, the globals a state dict's persistent ids name. */
export interface StorageType {
  readonly name: string;
  readonly elementSize: number;
  /** Reads element `index` of a little-endian storage as a number (to be stored as float32). */
  readonly read: (view: DataView, index: number) => number;
}

const halfToFloat = (bits: number): number => {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 0x1f) return fraction ? NaN : sign * Infinity;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
};

const bfloat16 = new DataView(new ArrayBuffer(4));
const bfloatToFloat = (bits: number): number => {
  bfloat16.setUint32(0, bits << 16, false);
  return bfloat16.getFloat32(0, false);
};

const types: readonly StorageType[] = [
  { name: 'FloatStorage', elementSize: 4, read: (v, i) => v.getFloat32(i * 4, true) },
  { name: 'DoubleStorage', elementSize: 8, read: (v, i) => v.getFloat64(i * 8, true) },
  { name: 'HalfStorage', elementSize: 2, read: (v, i) => halfToFloat(v.getUint16(i * 2, true)) },
  { name: 'BFloat16Storage', elementSize: 2, read: (v, i) => bfloatToFloat(v.getUint16(i * 2, true)) },
  { name: 'LongStorage', elementSize: 8, read: (v, i) => Number(v.getBigInt64(i * 8, true)) },
  { name: 'IntStorage', elementSize: 4, read: (v, i) => v.getInt32(i * 4, true) },
  { name: 'ShortStorage', elementSize: 2, read: (v, i) => v.getInt16(i * 2, true) },
  { name: 'CharStorage', elementSize: 1, read: (v, i) => v.getInt8(i) },
  { name: 'ByteStorage', elementSize: 1, read: (v, i) => v.getUint8(i) },
  { name: 'BoolStorage', elementSize: 1, read: (v, i) => (v.getUint8(i) ? 1 : 0) },
];

export const storageTypes: ReadonlyMap<string, StorageType> = new Map(types.map((type) => [type.name, type]));
