import { readFile } from 'node:fs/promises';
import { TorchCheckpointError } from '../errors.js';
import { readLegacyCheckpoint } from './legacy-checkpoint.js';
import { materialize, type Storage, type TorchTensor } from './materialize.js';
import type { TensorView } from './pickle-vm.js';
import { readZipCheckpoint } from './zip-checkpoint.js';

export type { TorchTensor } from './materialize.js';

/** Named float32 tensors in the checkpoint's order, PyTorch's shapes (`features.0.weight` is OIHW). */
export type TorchStateDict = ReadonlyMap<string, TorchTensor>;

const NESTED_STATE_DICT_KEYS = ['state_dict', 'model_state_dict'];

const isTensorView = (value: unknown): value is TensorView<Storage> =>
  typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'tensor';

/**
 * Reads the bytes of a `torch.save` file: the zip format (PyTorch ≥ 1.6) or the legacy format
 * (torchvision's `alexnet-owt-4df8aa71.pth`). Accepts a state dict or a checkpoint dict nesting one
 * under `state_dict`/`model_state_dict`. Throws `TorchCheckpointError` for malformed input and
 * `UnsafePickleError` for a pickle that names anything but a state dict's globals.
 */
export function parseTorchCheckpoint(bytes: Uint8Array, file?: string): TorchStateDict {
  const isZip = bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  const isPickle = bytes.length >= 2 && bytes[0] === 0x80;
  if (!isZip && !isPickle) throw new TorchCheckpointError('not a torch.save file: expected a zip archive or a pickle', file);
  const root = isZip ? readZipCheckpoint(bytes, file) : readLegacyCheckpoint(bytes, file);
  if (!(root instanceof Map)) throw new TorchCheckpointError('the checkpoint is not a dict of tensors', file);
  const nested = NESTED_STATE_DICT_KEYS.map((key) => root.get(key)).find((value) => value instanceof Map) as Map<unknown, unknown> | undefined;
  const stateDict = new Map<string, TorchTensor>();
  for (const [key, value] of nested ?? root) {
    if (typeof key === 'string' && isTensorView(value)) stateDict.set(key, materialize(value, key, file));
  }
  if (stateDict.size === 0) throw new TorchCheckpointError('the checkpoint holds no tensors', file);
  return stateDict;
}

/** Reads a `torch.save` file from disk; see `parseTorchCheckpoint`. */
export async function loadTorchCheckpoint(path: string): Promise<TorchStateDict> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new TorchCheckpointError(`cannot read: ${(error as Error).message}`, path);
  }
  return parseTorchCheckpoint(bytes, path);
}
