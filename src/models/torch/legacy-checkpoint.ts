import { ByteReader } from './byte-reader.js';
import type { Work } from './cooperative.js';
import type { Storage } from './materialize.js';
import { unpickle } from './pickle-vm.js';
import type { StorageType } from './storage-types.js';

const MAGIC_NUMBER = 0x1950a86a20f9469cfc6cn;
const PROTOCOL_VERSION = 1001;

const isIndex = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/**
 * Pre-1.6 `torch.save`: pickles of the magic number, the protocol version and the system info, then
 * the object (persistent ids name storages), then the list of storage keys, then each storage's
 * bytes, preceded by its little-endian 64-bit element count, which must be the count the ids gave.
 */
export function* readLegacyCheckpoint(bytes: Uint8Array, file?: string): Work<unknown> {
  const reader = new ByteReader(bytes, 0, 'legacy checkpoint', file);
  const header = (what: string) => unpickle(reader, () => reader.fail(`the ${what} pickle names a storage`));
  if ((yield* header('magic number')) !== MAGIC_NUMBER) reader.fail('not a torch.save file: wrong magic number');
  const version = yield* header('protocol version');
  if (version !== PROTOCOL_VERSION) reader.fail(`unsupported legacy protocol version ${String(version)}`);
  const systemInfo = yield* header('system info');
  if (!(systemInfo instanceof Map) || systemInfo.get('little_endian') !== true)
    reader.fail('only little-endian checkpoints are supported');

  const roots = new Map<string, { type: StorageType; numel: number; bytes?: Uint8Array }>();
  const result = yield* unpickle(reader, (pid, type): Storage => {
    const [, , key, , numel, view] = pid;
    if (typeof key !== 'string' || !isIndex(numel)) return reader.fail('malformed storage id');
    const root = roots.get(key) ?? { type, numel };
    if (root.type !== type) reader.fail(`storage ${key} is used with two element types`);
    if (root.numel !== numel) reader.fail(`storage ${key} is given ${root.numel} and ${numel} elements`);
    roots.set(key, root);
    const rootBytes = () => root.bytes ?? reader.fail(`storage ${key} has no data`);
    if (view === null || view === undefined) return { key, type, bytes: rootBytes, elementOffset: 0, numel: undefined };
    const [, offset, viewSize] = Array.isArray(view) ? view : [];
    if (!isIndex(offset) || !isIndex(viewSize) || offset + viewSize > numel) {
      return reader.fail(
        `malformed view of storage ${key}: offset ${String(offset)}, size ${String(viewSize)} of ${numel} elements`,
      );
    }
    return { key, type, bytes: rootBytes, elementOffset: offset, numel: viewSize };
  });

  const keys = yield* header('storage keys');
  if (!Array.isArray(keys)) reader.fail('storage key list is not a list');
  for (const key of keys as unknown[]) {
    const root = roots.get(String(key)) ?? reader.fail(`storage ${String(key)} is not used by any tensor`);
    const numel = reader.u64();
    if (numel !== root.numel) reader.fail(`storage ${String(key)} holds ${numel} elements, its id says ${root.numel}`);
    root.bytes = reader.bytesOf(numel * root.type.elementSize);
  }
  return result;
}
