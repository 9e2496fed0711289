// The worker threads' entry: transforms chunks of entries and writes each image into the epoch's batch memory.
import { from, lastValueFrom, mergeMap } from 'rxjs';
import { ImageDecodeError } from '../../errors.js';
import { seededRandom } from '../../random.js';
import { writeFinalImageInto } from '../../operators/output-memory.js';
import type { Entry, FloatImage } from '../../sample-types.js';
import { runSample, type SampleTransform } from '../run-sample.js';
import { buildFromRecipe } from '../worker-transform.js';
import { CANCELLED, FINISHED, progressIndex, STARTED, type ChunkOutcome, type ChunkTask } from './chunk-task.js';

const transforms = new Map<number, Promise<SampleTransform>>();

export default async function transformChunk(task: ChunkTask): Promise<ChunkOutcome[]> {
  let built = transforms.get(task.recipeId);
  if (!built) transforms.set(task.recipeId, (built = buildFromRecipe<SampleTransform>(task.recipe)));
  const transform = await built;
  const progress = new Int32Array(task.progress);
  const memory = task.memory && new Float32Array(task.memory);
  const outcomes = new Array<ChunkOutcome>(task.entries.length);
  const one = async (i: number): Promise<void> => {
    if (Atomics.load(progress, CANCELLED)) return void (outcomes[i] = { kind: 'cancelled' });
    Atomics.store(progress, progressIndex(i), STARTED);
    outcomes[i] = await transformOne(task, task.entries[i]!, transform, memory, task.slots[i]!);
    Atomics.store(progress, progressIndex(i), FINISHED);
  };
  await lastValueFrom(from(task.entries.keys()).pipe(mergeMap(one, task.concurrency)), { defaultValue: undefined });
  return outcomes;
}

async function transformOne(
  task: ChunkTask,
  entry: Entry,
  transform: SampleTransform,
  memory: Float32Array | undefined,
  slot: number,
): Promise<ChunkOutcome> {
  const { bytes } = entry as { bytes?: Uint8Array };
  const sample = {
    path: entry.path,
    label: entry.label,
    index: entry.index,
    image: undefined,
    random: seededRandom(task.seed, task.epoch, entry.index),
    ...(bytes && { bytes }),
  };
  if (memory !== undefined && slot >= 0)
    writeFinalImageInto(sample.random, memory.subarray(slot * task.slotFloats, (slot + 1) * task.slotFloats));
  try {
    const outcome = await runSample(sample, transform, task.onBadImage).outcome;
    if ('skipped' in outcome) return { kind: 'skipped', ...outcome.skipped };
    const images: readonly FloatImage[] =
      'data' in outcome.sample.image ? [outcome.sample.image] : outcome.sample.image;
    const shape =
      'data' in outcome.sample.image
        ? [images[0]!.height, images[0]!.width, 3]
        : [images.length, images[0]!.height, images[0]!.width, 3];
    const size = images.reduce((sum, image) => sum + image.height * image.width * 3, 0);
    const sameShape = images.every((image) => image.height === images[0]!.height && image.width === images[0]!.width);
    const fits = memory !== undefined && slot >= 0 && size === task.slotFloats && sameShape;
    const out = fits ? memory.subarray(slot * size, (slot + 1) * size) : new Float32Array(size);
    let offset = 0;
    for (const image of images) {
      const values = image.data.subarray(0, image.height * image.width * 3);
      if (values.buffer !== out.buffer || values.byteOffset !== out.byteOffset + offset * 4) out.set(values, offset);
      offset += values.length;
    }
    return fits ? { kind: 'written', shape } : { kind: 'image', shape: sameShape ? shape : [-1], data: out };
  } catch (error) {
    if (error instanceof ImageDecodeError)
      return { kind: 'failed', path: error.path, reason: error.reason, decode: true };
    const { name, message } = error instanceof Error ? error : { name: 'Error', message: String(error) };
    return { kind: 'failed', path: entry.path, reason: `${name}: ${message}`, decode: false };
  }
}
