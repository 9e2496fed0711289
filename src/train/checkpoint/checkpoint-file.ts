import { createHash } from 'node:crypto';
import { link, mkdir, open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { headerProblem, SECTIONS, type CheckpointHeader as Header, type TensorEntry } from './checkpoint-header.js';
import { CheckpointReadError, CheckpointWriteError } from '../loop/index.js';
import type { NamedArrays } from '../optim/index.js';
import type { RunState } from '../loop/index.js';

const MAGIC = Buffer.from('RXTRAIN\u0001', 'latin1');

const DIGEST_BYTES = 32;
const sha256 = (bytes: Uint8Array): Buffer => createHash('sha256').update(bytes).digest();

/**
 * File layout: magic, u32 header length, JSON header, padding to 4 bytes, float32 data (little
 * endian), and the SHA-256 of everything before it, so any damage is detected. Returned as the
 * file's parts in order, the tensors' own bytes among them: nothing is copied into one buffer.
 */
export function checkpointParts(state: RunState): Uint8Array[] {
  const tensors: TensorEntry[] = [];
  const blocks: Uint8Array[] = [];
  let offset = 0;
  const sources: Record<(typeof SECTIONS)[number], NamedArrays> = {
    weights: state.weights,
    momentum: state.optimizer.momentum,
  };
  for (const section of SECTIONS) {
    for (const [name, { shape, values }] of Object.entries(sources[section])) {
      tensors.push({ section, name, shape, offset });
      blocks.push(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
      offset += values.length;
    }
  }
  const header: Header = {
    format: 1,
    epoch: state.epoch,
    step: state.step,
    seed: state.seed,
    lrs: state.optimizer.lrs,
    ...(state.optimizer.hyper === undefined ? {} : { optimizer: state.optimizer.hyper }),
    operators: state.operators,
    config: state.config,
    tensors,
  };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const padding = (4 - ((MAGIC.length + 4 + json.length) % 4)) % 4;
  const length = Buffer.alloc(4);
  length.writeUInt32LE(json.length + padding);
  const parts = [MAGIC, length, json, Buffer.alloc(padding, 0x20), ...blocks];
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return [...parts, hash.digest()];
}

/** The whole checkpoint file in one buffer; see `checkpointParts`. */
export const encodeCheckpoint = (state: RunState): Buffer => Buffer.concat(checkpointParts(state));

export function decodeCheckpoint(bytes: Buffer, path: string): RunState {
  const fail = (reason: string): never => {
    throw new CheckpointReadError(path, reason);
  };
  if (bytes.length < MAGIC.length + 4 + DIGEST_BYTES || !bytes.subarray(0, MAGIC.length).equals(MAGIC))
    fail('not an rxtrain checkpoint');
  const body = bytes.subarray(0, bytes.length - DIGEST_BYTES);
  if (!sha256(body).equals(bytes.subarray(body.length))) fail('the file is truncated or corrupt (checksum mismatch)');
  const dataStart = MAGIC.length + 4 + body.readUInt32LE(MAGIC.length);
  if (dataStart > body.length || (body.length - dataStart) % 4 !== 0) fail('inconsistent header length');
  let header: Header;
  try {
    header = JSON.parse(body.subarray(MAGIC.length + 4, dataStart).toString('utf8')) as Header;
  } catch {
    return fail('corrupt header');
  }
  const dataBytes = body.subarray(dataStart);
  const problem = headerProblem(header, dataBytes.length / 4);
  if (problem !== undefined) fail(`invalid header: ${problem}`);
  const data = new Float32Array(dataBytes.length / 4);
  Buffer.from(data.buffer).set(dataBytes);
  const sections: Record<(typeof SECTIONS)[number], NamedArrays> = { weights: {}, momentum: {} };
  for (const { section, name, shape, offset } of header.tensors) {
    const size = shape.reduce((a, b) => a * b, 1);
    sections[section][name] = { shape, values: data.slice(offset, offset + size) };
  }
  return {
    epoch: header.epoch,
    step: header.step,
    seed: header.seed,
    optimizer: {
      lrs: header.lrs,
      momentum: sections.momentum,
      ...(header.optimizer === undefined ? {} : { hyper: header.optimizer }),
    },
    weights: sections.weights,
    operators: header.operators,
    config: header.config,
  };
}

async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Writes `bytes` (one buffer, or parts in order) so that `path` always holds either its previous
 * content or all of it: a temporary file in the same folder, fsync, rename over `path`, fsync of
 * the folder.
 */
export async function writeAtomically(path: string, bytes: Uint8Array | readonly Uint8Array[]): Promise<void> {
  const temporary = `${path}.tmp`;
  try {
    await mkdir(dirname(path), { recursive: true });
    const file = await open(temporary, 'w');
    try {
      for (const part of bytes instanceof Uint8Array ? [bytes] : bytes) await file.writeFile(part);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temporary, path);
    await syncFolder(dirname(path));
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw new CheckpointWriteError(path, error);
  }
}

/**
 * Makes `path` a hard link to `target`, atomically (a temporary link renamed over `path`, then an
 * fsync of the folder): the pair shares one copy of the bytes, and `path` is never missing once it
 * existed.
 */
export async function linkAtomically(target: string, path: string): Promise<void> {
  const temporary = `${path}.tmp`;
  try {
    await unlink(temporary).catch(() => undefined);
    await link(target, temporary);
    await rename(temporary, path);
    // rename() between two links of one file does nothing and leaves the temporary name behind.
    await unlink(temporary).catch(() => undefined);
    await syncFolder(dirname(path));
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw new CheckpointWriteError(path, error);
  }
}

export const writeCheckpoint = (path: string, state: RunState): Promise<void> =>
  writeAtomically(path, checkpointParts(state));

export async function readCheckpoint(path: string): Promise<RunState> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new CheckpointReadError(path, error instanceof Error ? error.message : String(error));
  }
  return decodeCheckpoint(bytes, path);
}

const EPOCH_FILE = /^epoch-(\d+)\.ckpt$/;

export const epochCheckpointName = (epochsCompleted: number): string =>
  `epoch-${String(epochsCompleted).padStart(4, '0')}.ckpt`;

/** The epoch checkpoints in `dir`, oldest first. */
export async function epochCheckpoints(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names
    .filter((name) => EPOCH_FILE.test(name))
    .sort((a, b) => Number(EPOCH_FILE.exec(a)![1]) - Number(EPOCH_FILE.exec(b)![1]))
    .map((name) => join(dir, name));
}

/** The most recent epoch checkpoint in `dir`. */
export async function latestCheckpoint(dir: string): Promise<string> {
  const all = await epochCheckpoints(dir);
  if (all.length === 0) throw new CheckpointReadError(dir, 'no epoch-NNNN.ckpt checkpoint in this folder');
  return all[all.length - 1]!;
}
