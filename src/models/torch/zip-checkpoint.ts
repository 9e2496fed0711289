import { ByteReader } from './byte-reader.js';
import { unpickle } from './pickle-vm.js';
import type { StorageType } from './storage-types.js';
import { ZipArchive } from './zip-archive.js';
import type { Storage } from './materialize.js';

/**
 * PyTorch ≥ 1.6 `torch.save` (a zip): `<prefix>/data.pkl` pickles the object, whose persistent ids
 * name storages stored as raw little-endian bytes in `<prefix>/data/<key>`.
 */
export function readZipCheckpoint(bytes: Uint8Array, file?: string): unknown {
  const archive = new ZipArchive(bytes, file);
  const pickleName = archive.names.find((name) => name === 'data.pkl' || name.endsWith('/data.pkl'));
  const fail = (message: string): never => new ByteReader(bytes, 0, 'zip checkpoint', file).fail(message);
  if (pickleName === undefined) return fail('no data.pkl entry');
  const prefix = pickleName.slice(0, -'data.pkl'.length);
  const byteOrder = `${prefix}byteorder`;
  if (archive.has(byteOrder) && new TextDecoder().decode(archive.read(byteOrder)).trim() !== 'little') {
    fail('big-endian checkpoints are not supported');
  }
  const loaded = new Map<string, Storage>();
  return unpickle(new ByteReader(archive.read(pickleName), 0, 'pickle', file), (pid, type: StorageType) => {
    const key = pid[2];
    if (typeof key !== 'string') return fail('storage key is not a string');
    const cached = loaded.get(key);
    if (cached !== undefined) return cached;
    const name = `${prefix}data/${key}`;
    if (!archive.has(name)) return fail(`storage ${key} has no entry ${name}`);
    const data = archive.read(name);
    const storage: Storage = { key, type, bytes: () => data, elementOffset: 0, numel: Math.floor(data.length / type.elementSize) };
    loaded.set(key, storage);
    return storage;
  });
}
