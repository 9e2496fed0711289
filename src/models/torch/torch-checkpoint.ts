import { readFile } from 'node:fs/promises';
import { TorchCheckpointError } from '../errors.js';
import { runAsync, runSync, type Work } from './cooperative.js';
import { checkHubHash } from './hub-hash.js';
import { readLegacyCheckpoint } from './legacy-checkpoint.js';
import { ByteBudget, maxBytesOf, OVERLAP_ALLOWANCE_BYTES, type TorchLoadOptions } from './load-limits.js';
import { elementCount, materialize, type Storage, type TorchTensor } from './materialize.js';
import type { TensorView } from './pickle-vm.js';
import { readZipCheckpoint } from './zip-checkpoint.js';

export type { TorchTensor } from './materialize.js';
export { TORCH_LOAD_MAX_BYTES, type TorchLoadOptions } from './load-limits.js';

/** Named float32 tensors in the checkpoint's order, PyTorch's shapes (`features.0.weight` is OIHW). */
export type TorchStateDict = ReadonlyMap<string, TorchTensor>;

const NESTED_STATE_DICT_KEYS = ['state_dict', 'model_state_dict'];

const isTensorView = (value: unknown): value is TensorView<Storage> =>
  typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'tensor';

const viewIdentity = ({ storage, storageOffset, size, stride }: TensorView<Storage>): string =>
  `${storage.key}:${storage.elementOffset}:${storageOffset}:${size.join(',')}:${stride.join(',')}`;

/** The named tensor views of a checkpoint's object: a state dict, or one nested under `state_dict`/`model_state_dict`. */
function tensorViews(root: unknown, file: string | undefined): Array<[string, TensorView<Storage>]> {
  if (!(root instanceof Map)) throw new TorchCheckpointError('the checkpoint is not a dict of tensors', file);
  const nested = NESTED_STATE_DICT_KEYS.map((key) => root.get(key)).find((value) => value instanceof Map) as
    Map<unknown, unknown> | undefined;
  const views = [...(nested ?? root)].filter(
    (entry): entry is [string, TensorView<Storage>] => typeof entry[0] === 'string' && isTensorView(entry[1]),
  );
  if (views.length === 0) throw new TorchCheckpointError('the checkpoint holds no tensors', file);
  return views;
}

function* parse(bytes: Uint8Array, file: string | undefined, options: TorchLoadOptions): Work<TorchStateDict> {
  const maxBytes = maxBytesOf(options, file);
  const isZip = bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  const isPickle = bytes.length >= 2 && bytes[0] === 0x80;
  if (!isZip && !isPickle)
    throw new TorchCheckpointError('not a torch.save file: expected a zip archive or a pickle', file);
  const checkShapes = (root: unknown): void => {
    const shapes = new Map(tensorViews(root, file).map(([key, view]) => [key, { shape: [...view.size] }]));
    options.checkShapes?.(shapes);
  };
  const root = isZip
    ? yield* readZipCheckpoint(bytes, new ByteBudget(maxBytes, 'inflating the zip entries', file), file, checkShapes)
    : yield* readLegacyCheckpoint(bytes, file);
  if (!isZip) checkShapes(root);
  const views = tensorViews(root, file);
  checkMaterialisedSize(
    views.map(([, view]) => view),
    maxBytes,
    file,
  );

  const copies = new Map<string, TorchTensor>();
  const stateDict = new Map<string, TorchTensor>();
  for (const [key, view] of views) {
    const identity = viewIdentity(view);
    const tensor = copies.get(identity) ?? (yield* materialize(view, key, file));
    copies.set(identity, tensor);
    stateDict.set(key, tensor);
  }
  return stateDict;
}

/**
 * The float32 bytes the distinct views will take must fit what their storages hold (plus an
 * allowance for overlapping views) and `maxBytes`: a stride-0 view of four bytes cannot become a
 * gigabyte. Checked before anything is copied.
 */
function checkMaterialisedSize(views: readonly TensorView<Storage>[], maxBytes: number, file?: string): void {
  const rootElements = new Map<string, number>();
  const counted = new Set<string>();
  let materialised = 0;
  for (const view of views) {
    const identity = viewIdentity(view);
    if (!counted.has(identity)) materialised += elementCount(view.size) * 4;
    counted.add(identity);
    rootElements.set(view.storage.key, Math.floor(view.storage.bytes().length / view.storage.type.elementSize));
  }
  const honest = [...rootElements.values()].reduce((a, b) => a + b, 0) * 4;
  if (materialised > honest + OVERLAP_ALLOWANCE_BYTES) {
    throw new TorchCheckpointError(
      `its tensors would materialise ${materialised} float32 bytes from storages holding ${honest}: overlapping or broadcast (stride-0) views may add at most ${OVERLAP_ALLOWANCE_BYTES}`,
      file,
    );
  }
  if (materialised > maxBytes)
    throw new TorchCheckpointError(
      `its tensors would materialise ${materialised} bytes, more than the ${maxBytes}-byte cap (maxBytes)`,
      file,
    );
}

/**
 * Reads the bytes of a `torch.save` file: the zip format (PyTorch ≥ 1.6) or the legacy format
 * (torchvision's `alexnet-owt-4df8aa71.pth`). Accepts a state dict or a checkpoint dict nesting one
 * under `state_dict`/`model_state_dict`. Throws `TorchCheckpointError` for malformed input or a file
 * over its limits, and `UnsafePickleError` for a pickle that names anything but a state dict's globals.
 */
export function parseTorchCheckpoint(bytes: Uint8Array, file?: string, options: TorchLoadOptions = {}): TorchStateDict {
  return runSync(parse(bytes, file, options));
}

/**
 * Reads a `torch.save` file from disk; see `parseTorchCheckpoint`. The parse runs in slices of about
 * 10 ms, so signals and timers are served meanwhile, and stops when `options.signal` aborts. A file
 * named like torchvision's downloads (`alexnet-owt-7be5be79.pth`) must match the SHA-256 prefix in
 * its name (`WeightsHashError`).
 */
export async function loadTorchCheckpoint(path: string, options: TorchLoadOptions = {}): Promise<TorchStateDict> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path, { signal: options.signal });
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    throw new TorchCheckpointError(`cannot read: ${(error as Error).message}`, path);
  }
  checkHubHash(path, bytes);
  return runAsync(parse(bytes, path, options), options.signal);
}
