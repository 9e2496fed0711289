import { ByteReader } from './byte-reader.js';
import type { Storage } from './materialize.js';
import { unpickle } from './pickle-vm.js';
import type { StorageType } from './storage-types.js';

const MAGIC_NUMBER = 0x1950a86a20f9469cfc6cn;
const PROTOCOL_VERSION = 1001;

/**
 * Pre-1.6 `torch.save`: pickles of the magic number, the protocol version and the system info, then
 * the object (persistent ids name storages), then the list of storage keys, then each storage's
 * bytes, preceded by its little-endian 64-bit element count.
 */
export function readLegacyCheckpoint(bytes: Uint8Array, file?: string): unknown {
  const reader = new ByteReader(bytes, 0, 'legacy checkpoint', file);
  const header = (what: string) => unpickle(reader, () => reader.fail(`the ${what} pickle names a storage`));
  if (header('magic number') !== MAGIC_NUMBER) reader.fail('not a torch.save file: wrong magic number');
  const version = header('protocol version');
  if (version !== PROTOCOL_VERSION) reader.fail(`unsupported legacy protocol version ${String(version)}`);
  const systemInfo = header('system info');
  if (!(systemInfo instanceof Map) || systemInfo.get('little_endian') !== true) reader.fail('only little-endian checkpoints are supported');

  const roots = new Map<string, { type: StorageType; bytes?: Uint8Array }>();
  const result = unpickle(reader, (pid, type): Storage => {
    const [, , key, , numel, view] = pid;
    if (typeof key !== 'string' || !Number.isSafeInteger(numel) || (numel as number) < 0) return reader.fail('malformed storage id');
    const root = roots.get(key) ?? { type };
    if (root.type !== type) reader.fail(`storage ${key} is used with two element types`);
    roots.set(key, root);
    const rootBytes = () => root.bytes ?? reader.fail(`storage ${key} has no data`);
    if (view === null || view === undefined) return { key, type, bytes: rootBytes, elementOffset: 0, numel: numel as number };
    const [, offset, viewSize] = Array.isArray(view) ? view : [];
    if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(viewSize)) return reader.fail(`malformed view of storage ${key}`);
    return { key, type, bytes: rootBytes, elementOffset: offset as number, numel: viewSize as number };
  });

  const keys = header('storage keys');
  if (!Array.isArray(keys)) reader.fail('storage key list is not a list');
  for (const key of keys as unknown[]) {
    const root = roots.get(String(key)) ?? reader.fail(`storage ${String(key)} is not used by any tensor`);
    const numel = reader.u64();
    root.bytes = reader.bytesOf(numel * root.type.elementSize);
  }
  return result;
}
