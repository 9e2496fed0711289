import { ByteReader } from './byte-reader.js';
import type { Work } from './cooperative.js';
import type { ByteBudget } from './load-limits.js';
import type { Storage } from './materialize.js';
import { unpickle } from './pickle-vm.js';
import type { StorageType } from './storage-types.js';
import { ZipArchive } from './zip-archive.js';

/**
 * PyTorch ≥ 1.6 `torch.save` (a zip): `<prefix>/data.pkl` pickles the object, whose persistent ids
 * name storages stored as raw little-endian bytes in `<prefix>/data/<key>`. Each storage is read
 * (inflated, charged to `inflateBudget`) once, after the pickle.
 */
export function* readZipCheckpoint(bytes: Uint8Array, inflateBudget: ByteBudget, file?: string): Work<unknown> {
  const archive = new ZipArchive(bytes, file);
  const pickleName = archive.names.find((name) => name === 'data.pkl' || name.endsWith('/data.pkl'));
  const fail = (message: string): never => new ByteReader(bytes, 0, 'zip checkpoint', file).fail(message);
  if (pickleName === undefined) return fail('no data.pkl entry');
  const prefix = pickleName.slice(0, -'data.pkl'.length);
  const byteOrder = `${prefix}byteorder`;
  if (archive.has(byteOrder) && new TextDecoder().decode(yield* archive.entry(byteOrder, inflateBudget)).trim() !== 'little') {
    fail('big-endian checkpoints are not supported');
  }
  const storages = new Map<string, { type: StorageType; bytes?: Uint8Array }>();
  const pickle = yield* archive.entry(pickleName, inflateBudget);
  const result = yield* unpickle(new ByteReader(pickle, 0, 'pickle', file), (pid, type): Storage => {
    const key = pid[2];
    if (typeof key !== 'string') return fail('storage key is not a string');
    const name = `${prefix}data/${key}`;
    if (!archive.has(name)) return fail(`storage ${key} has no entry ${name}`);
    const root = storages.get(key) ?? { type };
    if (root.type !== type) fail(`storage ${key} is used with two element types`);
    storages.set(key, root);
    return { key, type, bytes: () => root.bytes ?? fail(`storage ${key} was not read`), elementOffset: 0, numel: undefined };
  });
  for (const [key, root] of storages) root.bytes = yield* archive.entry(`${prefix}data/${key}`, inflateBudget);
  return result;
}
