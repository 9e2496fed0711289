import test from 'ava';
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Batch } from '../../../src/data/batch-types.js';
import { loader } from '../../../src/data/loader/index.js';
import {
  shardLoader,
  shardsOfRank,
  shardsOfWorkers,
  webDataset,
  writeShards,
  type ShardItem,
} from '../../../src/data/shards/index.js';
import { listDataFolder } from '../../../src/data/sources/index.js';
import { seedTrainPipeline } from '../../../src/data/transforms.js';
import { tempFolder } from '../../temp-folder.js';
import { corruptMember, itemsOf, keysOf, sha256, shardSet } from './fixtures.js';

test('the same folder gives the same shard bytes, and the index counts each split', async (t) => {
  const { data, out, index } = await shardSet(t, 12, 4);
  const again = join(await tempFolder(t, 'again'), 'set');
  await writeShards({ data, out: again, shardSize: 4, split: 0.75, seed: 3 });
  const names = (await readdir(out)).sort();
  t.deepEqual(names, (await readdir(again)).sort());
  t.deepEqual(names, ['index.json', 'train-000000.tar', 'train-000001.tar', 'train-000002.tar', 'valid-000000.tar']);
  for (const name of names)
    t.is(sha256(await readFile(join(out, name))), sha256(await readFile(join(again, name))), name);
  t.deepEqual(
    index.splits.train.map((s) => s.count),
    [4, 4, 1],
  );
  t.deepEqual(
    index.splits.valid.map((s) => s.count),
    [3],
  );
  t.deepEqual(index.classes, ['cat', 'dog']);
});

test('writing into a folder that holds files is refused, naming it', async (t) => {
  const { data, out } = await shardSet(t, 4, 4);
  await t.throwsAsync(writeShards({ data, out }), {
    name: 'ShardError',
    message: new RegExp(`${out}: expected a new or empty folder`),
  });
});

test.serial(
  'folder → shards: an epoch of the shard loader holds the same samples, pixel for pixel, as the folder loader’s',
  async (t) => {
    const { data, out } = await shardSet(t, 14, 3);
    const before = tf.memory().numTensors;
    const transform = seedTrainPipeline({ imageSize: 12, concurrency: 1 });
    const folderLoader = loader(
      () => listDataFolder(data, { mode: 'train', split: 0.75, seed: 3, shuffle: 'python' }),
      transform,
      { batchSize: 4, shuffle: true, seed: 9, workers: 0 },
    );
    const shards = shardLoader(webDataset(out, { shuffle: true, seed: 9, shuffleBuffer: 4, workers: 2 }), transform, {
      batchSize: 4,
      seed: 9,
    });
    const samplesOf = async (batches: AsyncIterable<Batch>) => {
      const found: string[] = [];
      for await (const batch of batches) {
        const x = await batch.x.data();
        const y = await batch.y.data();
        const size = x.length / y.length;
        for (let i = 0; i < y.length; i++)
          found.push(`${y[i]}:${sha256(new Uint8Array(x.slice(i * size, (i + 1) * size).buffer))}`);
        tf.dispose([batch.x, batch.y]);
      }
      return found.sort();
    };
    for (const epoch of [0, 1]) {
      const fromFolder = await samplesOf(folderLoader.epoch(epoch));
      t.is(fromFolder.length, 10);
      t.deepEqual(await samplesOf(shards.epoch(epoch)), fromFolder, `epoch ${epoch}`);
    }
    t.is(await shards.batchesPerEpoch(), await folderLoader.batchesPerEpoch());
    t.deepEqual(await shards.classes(), ['cat', 'dog']);
    t.is(tf.memory().numTensors, before);
  },
);

test.serial(
  'the shard loader gives bit-identical batches and skipped notices with 0, 1 and 2 loader workers, and moves the members to them',
  async (t) => {
    const { out } = await shardSet(t, 14, 3);
    const shard = join(out, 'train-000001.tar');
    await corruptMember(shard, '000003.jpg');
    const before = tf.memory().numTensors;
    const read = async (workers: number) => {
      const dataset = webDataset(out, { shuffle: true, seed: 4, shuffleBuffer: 3, workers: 2 });
      const handed: Uint8Array[] = [];
      const watched = { ...dataset, samples: (epoch: number) => watch(dataset.samples(epoch), handed) };
      const batches = [];
      for await (const batch of shardLoader(watched, seedTrainPipeline({ imageSize: 12, concurrency: 1 }), {
        batchSize: 3,
        seed: 8,
        workers,
      }).epoch(1)) {
        batches.push({
          paths: batch.paths,
          skipped: batch.skipped.map((s) => s.path),
          x: Array.from(batch.x.dataSync()),
          y: Array.from(batch.y.dataSync()),
        });
        tf.dispose([batch.x, batch.y]);
      }
      return { batches, moved: handed.filter((b) => b.byteLength === 0).length, members: handed.length };
    };
    const inProcess = await read(0);
    t.deepEqual(
      inProcess.batches.map((b) => b.paths.length),
      [3, 3, 3],
    );
    t.deepEqual(
      inProcess.batches.flatMap((b) => b.skipped),
      [`${shard}#000003.jpg`],
    );
    t.is(inProcess.moved, 0);
    for (const workers of [1, 2]) {
      const inWorkers = await read(workers);
      t.deepEqual(inWorkers.batches, inProcess.batches, `${workers} workers`);
      t.is(
        inWorkers.moved,
        inWorkers.members,
        `${workers} workers: every member's buffer was moved to a worker, not copied`,
      );
    }
    t.is(tf.memory().numTensors, before);
  },
);

async function* watch(items: AsyncIterable<ShardItem>, handed: Uint8Array[]): AsyncGenerator<ShardItem> {
  for await (const item of items) {
    if ('sample' in item) handed.push(item.sample.bytes);
    yield item;
  }
}

test('2 processes × 2 workers read disjoint samples that cover the split, every epoch', async (t) => {
  const { out, index } = await shardSet(t, 24, 2);
  const total = index.splits.train.reduce((sum, s) => sum + s.count, 0);
  for (const epoch of [0, 1]) {
    const perRank = [];
    for (const rank of [0, 1]) {
      const dataset = webDataset(out, { rank, worldSize: 2, workers: 2, shuffle: true, seed: 5, shuffleBuffer: 3 });
      const keys = keysOf(await itemsOf(dataset, epoch));
      t.is(keys.length, (await dataset.count()) ?? -1);
      perRank.push(keys);
    }
    const all = perRank.flat();
    t.is(new Set(all).size, all.length, 'no sample twice');
    t.is(all.length, total);
  }
});

test('law: every shard goes to exactly one (rank, worker), whatever the counts, seed and epoch', (t) => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 40 }),
      fc.integer({ min: 1, max: 5 }),
      fc.integer({ min: 1, max: 4 }),
      fc.nat(),
      fc.nat(9),
      (shards, worldSize, workers, seed, epoch) => {
        const all = Array.from({ length: shards }, (_, i) => i);
        const dealt = Array.from({ length: worldSize }, (_, rank) =>
          shardsOfWorkers(shardsOfRank(all, { rank, worldSize }), workers, epoch, { shuffle: true, seed }),
        ).flat(2);
        return dealt.length === shards && new Set(dealt).size === shards;
      },
    ),
  );
  t.pass();
});

test('a corrupt image member is skipped in its batch, naming the shard and the member', async (t) => {
  const { out } = await shardSet(t, 8, 8);
  const shard = join(out, 'train-000000.tar');
  await corruptMember(shard, '000000.jpg');
  const shards = shardLoader(webDataset(out), seedTrainPipeline({ imageSize: 12, concurrency: 1 }), { batchSize: 2 });
  const skipped = [];
  let samples = 0;
  for await (const batch of shards.epoch(0)) {
    skipped.push(...batch.skipped);
    samples += batch.y.shape[0];
    tf.dispose([batch.x, batch.y]);
  }
  t.is(samples, 5);
  t.is(skipped.length, 1);
  t.is(skipped[0]!.path, `${shard}#000000.jpg`);
});

test('with dropLast, a member skipped in the dropped tail is reported with the last batch', async (t) => {
  const { out } = await shardSet(t, 8, 8);
  const shard = join(out, 'train-000000.tar');
  await corruptMember(shard, '000005.jpg');
  const shards = shardLoader(webDataset(out), seedTrainPipeline({ imageSize: 12, concurrency: 1 }), {
    batchSize: 4,
    dropLast: true,
  });
  const batches = [];
  for await (const batch of shards.epoch(0)) {
    batches.push({ size: batch.y.shape[0], skipped: batch.skipped.map((s) => s.path) });
    tf.dispose([batch.x, batch.y]);
  }
  t.deepEqual(batches, [{ size: 4, skipped: [`${shard}#000005.jpg`] }]);
});

test('a truncated shard gives its samples up to the break, then a skipped event naming the shard and the member', async (t) => {
  const { out } = await shardSet(t, 8, 8);
  const shard = join(out, 'train-000000.tar');
  const bytes = await readFile(shard);
  const third = bytes.indexOf(Buffer.from('000002.jpg'));
  await writeFile(shard, bytes.subarray(0, third + 700));
  const items = await itemsOf(webDataset(out));
  t.deepEqual(keysOf(items), ['000000', '000001']);
  const skipped = items.flatMap((item) => ('skipped' in item ? [item.skipped] : []));
  t.is(skipped.length, 1);
  t.is(skipped[0]!.shard, shard);
  t.regex(skipped[0]!.member, /^000002\./);
  t.regex(skipped[0]!.reason, /corrupt/);
});

test('a slow consumer holds the reader back: bytes read stay within the shuffle buffer and the loader window', async (t) => {
  const { out, index } = await shardSet(t, 80, 80, true);
  const shardBytes = (await readFile(join(out, index.splits.train[0]!.name))).length;
  let read = 0;
  let heldMost = 0;
  const batchSize = 2;
  const prefetch = 1;
  const dataset = webDataset(out, { shuffle: true, shuffleBuffer: 4, onBytes: (n) => void (read += n) });
  const shards = shardLoader(dataset, seedTrainPipeline({ imageSize: 12, concurrency: 1 }), {
    batchSize,
    prefetch,
    concurrency: 2,
    monitor: ({ inFlight, held }) => void (heldMost = Math.max(heldMost, inFlight + held)),
  });
  let batches = 0;
  for await (const batch of shards.epoch(0)) {
    tf.dispose([batch.x, batch.y]);
    if (++batches === 2) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      break;
    }
  }
  // The loader's window: samples read ahead, in the transform or waiting in batches, (prefetch + 1) × batchSize.
  const window = (prefetch + 1) * batchSize;
  // 2 batches given + 4 in the buffer + the window + the reader's look-ahead (the sample the merge
  // holds, and the next key that ends a sample), plus the streams' buffers (a 64 KiB file chunk, 2 × 16 KiB).
  const perSample = shardBytes / index.splits.train[0]!.count;
  t.true(read <= (2 * batchSize + 4 + window + 2) * perSample + 96 * 1024, `read ${read} of ${shardBytes}`);
  t.true(read < shardBytes / 2, `read ${read} of ${shardBytes}`);
  t.true(heldMost <= window, `held ${heldMost}`);
});
