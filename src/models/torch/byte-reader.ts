import { TorchCheckpointError } from '../errors.js';

/** Bounds-checked little/big-endian reads over a byte array; reading past the end is a typed error. */
export class ByteReader {
  private readonly view: DataView;
  position: number;

  constructor(
    readonly bytes: Uint8Array,
    start = 0,
    readonly what = 'checkpoint',
    readonly file?: string,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.position = start;
  }

  get remaining(): number {
    return this.bytes.length - this.position;
  }

  fail(message: string): never {
    throw new TorchCheckpointError(`${this.what}: ${message} (at byte ${this.position})`, this.file);
  }

  private take(length: number): number {
    if (!Number.isSafeInteger(length) || length < 0 || length > this.remaining) {
      this.fail(`truncated: needs ${length} more bytes, ${this.remaining} left`);
    }
    const at = this.position;
    this.position += length;
    return at;
  }

  u8(): number {
    return this.view.getUint8(this.take(1));
  }
  u16(): number {
    return this.view.getUint16(this.take(2), true);
  }
  u32(): number {
    return this.view.getUint32(this.take(4), true);
  }
  i32(): number {
    return this.view.getInt32(this.take(4), true);
  }
  f64be(): number {
    return this.view.getFloat64(this.take(8), false);
  }

  /** An unsigned 64-bit little-endian integer that must fit a JS safe integer. */
  u64(): number {
    const value = this.view.getBigUint64(this.take(8), true);
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) this.fail(`64-bit size ${value} is too large`);
    return Number(value);
  }

  bytesOf(length: number): Uint8Array {
    const at = this.take(length);
    return this.bytes.subarray(at, at + length);
  }

  /** Bytes up to (not including) the next `\n`, which is consumed. */
  line(): string {
    const end = this.bytes.indexOf(0x0a, this.position);
    if (end < 0) this.fail('truncated: unterminated text line');
    const text = new TextDecoder().decode(this.bytes.subarray(this.position, end));
    this.position = end + 1;
    return text;
  }
}
