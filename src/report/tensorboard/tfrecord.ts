import { crc32c } from '@aws-crypto/crc32c';

const MASK_DELTA = 0xa282ead8;

/** TFRecord's masked CRC32C: the checksum rotated right by 15 bits plus a constant, mod 2³². */
export function maskedCrc32c(bytes: Uint8Array): number {
  const crc = crc32c(bytes);
  return ((((crc >>> 15) | (crc << 17)) >>> 0) + MASK_DELTA) >>> 0;
}

/**
 * One TFRecord: the payload's length (u64, little endian), the length's masked CRC32C, the payload,
 * the payload's masked CRC32C.
 */
export function tfRecord(payload: Uint8Array): Buffer {
  const record = Buffer.alloc(8 + 4 + payload.length + 4);
  record.writeBigUInt64LE(BigInt(payload.length), 0);
  record.writeUInt32LE(maskedCrc32c(record.subarray(0, 8)), 8);
  record.set(payload, 12);
  record.writeUInt32LE(maskedCrc32c(payload), 12 + payload.length);
  return record;
}
