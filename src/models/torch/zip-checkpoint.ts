import { ByteReader } from './byte-reader.js';
import type { Work } from './cooperative.js';
import { ByteBudget } from './load-limits.js';
import type { Storage } from './materialize.js';
import { unpickle } from './pickle-vm.js';
import type { StorageType } from './storage-types.js';
import { ZipArchive } from './zip-archive.js';

/** torch.save stores tensors uncompressed, and real weights deflate by a little; zeros deflate 1000:1. */
export const MAX_STORAGE_DEFLATE_RATIO = 16;
const DEFLATE_ALLOWANCE_BYTES = 2 ** 20;

/**
 * PyTorch ≥ 1.6 `torch.save` (a zip): `<prefix>/data.pkl` pickles the object, whose persistent ids
 * name storages stored as raw little-endian bytes in `<prefix>/data/<key>`. `beforeStorages` sees
 * the unpickled object (its tensors' keys and shapes) before any storage is read. Then the storages'
 * declared sizes are charged to `inflateBudget` and, for deflated ones, held to
 * `MAX_STORAGE_DEFLATE_RATIO` times their deflated size (plus 1 MiB in all): a 3 MB file cannot
 * make gigabytes of zeros. Each storage is then read once.
 */
export function* readZipCheckpoint(
  bytes: Uint8Array,
  inflateBudget: ByteBudget,
  file?: string,
  beforeStorages: (root: unknown) => void = () => undefined,
): Work<unknown> {
  const archive = new ZipArchive(bytes, file);
  const pickleName = archive.names.find((name) => name === 'data.pkl' || name.endsWith('/data.pkl'));
  const fail = (message: string): never => new ByteReader(bytes, 0, 'zip checkpoint', file).fail(message);
  if (pickleName === undefined) return fail('no data.pkl entry');
  const prefix = pickleName.slice(0, -'data.pkl'.length);
  const byteOrder = `${prefix}byteorder`;
  if (
    archive.has(byteOrder) &&
    new TextDecoder().decode(yield* archive.entry(byteOrder, inflateBudget)).trim() !== 'little'
  ) {
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
    return {
      key,
      type,
      bytes: () => root.bytes ?? fail(`storage ${key} was not read`),
      elementOffset: 0,
      numel: undefined,
    };
  });
  beforeStorages(result);
  const entries = [...storages.keys()].map((key) => archive.sizes(`${prefix}data/${key}`));
  const deflated = entries.filter((entry) => entry.method !== 0);
  const [size, compressed] = [
    deflated.reduce((sum, e) => sum + e.size, 0),
    deflated.reduce((sum, e) => sum + e.compressedSize, 0),
  ];
  inflateBudget.charge(size);
  if (size > MAX_STORAGE_DEFLATE_RATIO * compressed + DEFLATE_ALLOWANCE_BYTES) {
    fail(
      `its deflated storages claim ${size} bytes from ${compressed}, more than ${MAX_STORAGE_DEFLATE_RATIO} times (torch.save stores tensors uncompressed; weights do not deflate that far)`,
    );
  }
  const noBudget = new ByteBudget(Number.MAX_SAFE_INTEGER, 'inflating the zip entries', file);
  for (const [key, root] of storages) root.bytes = yield* archive.entry(`${prefix}data/${key}`, noBudget);
  return result;
}
