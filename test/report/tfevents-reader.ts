/**
 * A reader of TensorBoard event files written for the tests alone: its own CRC32C (bit by bit),
 * its own TFRecord parsing and its own protobuf wire-format decoding, sharing no code with the writer.
 */

const CASTAGNOLI_REFLECTED = 0x82f63b78;

export function crc32cBitwise(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ CASTAGNOLI_REFLECTED : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

export const masked = (crc: number): number => (((crc >>> 15) | (crc << 17)) + 0xa282ead8) >>> 0;

export interface RawRecord {
  readonly length: number;
  readonly lengthCrcOk: boolean;
  readonly payloadCrcOk: boolean;
  readonly payload: Uint8Array;
}

/** Splits a file into TFRecords; throws if the last one is cut short. */
export function readRecords(bytes: Uint8Array): RawRecord[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const records: RawRecord[] = [];
  let at = 0;
  while (at < bytes.length) {
    if (at + 12 > bytes.length) throw new Error(`record header cut short at byte ${at}`);
    const length = Number(view.getBigUint64(at, true));
    const lengthCrcOk = view.getUint32(at + 8, true) === masked(crc32cBitwise(bytes.subarray(at, at + 8)));
    if (at + 12 + length + 4 > bytes.length) throw new Error(`record of ${length} bytes cut short at byte ${at}`);
    const payload = bytes.subarray(at + 12, at + 12 + length);
    const payloadCrcOk = view.getUint32(at + 12 + length, true) === masked(crc32cBitwise(payload));
    records.push({ length, lengthCrcOk, payloadCrcOk, payload });
    at += 12 + length + 4;
  }
  return records;
}

type WireValue =
  | { wire: 0; value: bigint }
  | { wire: 1; value: DataView }
  | { wire: 2; value: Uint8Array }
  | { wire: 5; value: DataView };

/** Protobuf wire format: field number → its values in order. */
export function fields(bytes: Uint8Array): Map<number, WireValue[]> {
  const out = new Map<number, WireValue[]>();
  let at = 0;
  const varint = (): bigint => {
    let result = 0n;
    for (let shift = 0n; ; shift += 7n) {
      const byte = bytes[at++];
      if (byte === undefined) throw new Error('varint runs past the end');
      result |= BigInt(byte & 0x7f) << shift;
      if (!(byte & 0x80)) return result;
    }
  };
  while (at < bytes.length) {
    const key = Number(varint());
    const field = key >>> 3;
    const wire = key & 7;
    let value: WireValue;
    if (wire === 0) value = { wire, value: varint() };
    else if (wire === 1) ((value = { wire, value: new DataView(bytes.buffer, bytes.byteOffset + at, 8) }), (at += 8));
    else if (wire === 5) ((value = { wire, value: new DataView(bytes.buffer, bytes.byteOffset + at, 4) }), (at += 4));
    else if (wire === 2) {
      const length = Number(varint());
      value = { wire, value: bytes.subarray(at, at + length) };
      at += length;
    } else throw new Error(`unexpected wire type ${wire}`);
    if (at > bytes.length) throw new Error('field runs past the end');
    out.set(field, [...(out.get(field) ?? []), value]);
  }
  return out;
}

const one = (map: Map<number, WireValue[]>, field: number): WireValue | undefined => map.get(field)?.at(-1);
const text = (v: WireValue | undefined): string | undefined =>
  v?.wire === 2 ? new TextDecoder().decode(v.value) : undefined;

export interface DecodedValue {
  readonly tag: string;
  readonly scalar?: number;
  readonly image?: { height: number; width: number; colorspace: number; png: Uint8Array };
}

export interface DecodedEvent {
  readonly wallTime: number;
  readonly step: number;
  readonly fileVersion?: string | undefined;
  readonly sessionStatus?: number | undefined;
  readonly values: DecodedValue[];
}

/** Decodes `tensorboard.Event` (fields 1 wall_time, 2 step, 3 file_version, 5 summary, 7 session_log). */
export function decodeEvent(payload: Uint8Array): DecodedEvent {
  const event = fields(payload);
  const wall = one(event, 1);
  const step = one(event, 2);
  const session = one(event, 7);
  const summary = one(event, 5);
  const values = (summary?.wire === 2 ? (fields(summary.value).get(1) ?? []) : []).map((entry): DecodedValue => {
    if (entry.wire !== 2) throw new Error('Summary.value is not a message');
    const value = fields(entry.value);
    const tag = text(one(value, 1)) ?? '';
    const simple = one(value, 2);
    const image = one(value, 4);
    if (simple?.wire === 5) return { tag, scalar: simple.value.getFloat32(0, true) };
    if (image?.wire === 2) {
      const m = fields(image.value);
      const int = (f: number) => Number((one(m, f) as { value: bigint } | undefined)?.value ?? 0n);
      const png = one(m, 4);
      return {
        tag,
        image: {
          height: int(1),
          width: int(2),
          colorspace: int(3),
          png: png?.wire === 2 ? png.value : new Uint8Array(),
        },
      };
    }
    return { tag };
  });
  return {
    wallTime: wall?.wire === 1 ? wall.value.getFloat64(0, true) : 0,
    step: step?.wire === 0 ? Number(step.value) : 0,
    fileVersion: text(one(event, 3)),
    sessionStatus:
      session?.wire === 2
        ? Number((one(fields(session.value), 1) as { value: bigint } | undefined)?.value ?? 0n)
        : undefined,
    values,
  };
}
