/**
 * Images per second of the seed's training input read two ways from the same images:
 *   - the folder loader (`classificationLoaders`' training loader: listing, worker threads, `classificationTrainPipeline`);
 *   - WebDataset shards written by `writeShards` and served by a loopback HTTP server, read by
 *     `webDataset` (seeded shard shuffle and a 1000-sample buffer, `--readers` shards at once) into
 *     `shardLoader` with the same pipeline and the same `--workers` threads (the members' bytes are
 *     moved to them, decoded there and written into the shared batch memory);
 * and the shards' rate as a ratio of the folder's. Batches of 128 (`--batch`) on the cpu backend,
 * `--batches` of them per loader after one warm-up batch.
 *
 *   npm run bench:shards -- --data DIR [--batches N] [--batch B] [--workers W] [--readers R] [--image-size S]
 *   npm run bench:shards -- --images 256 [...]   (synthesises a Kaggle folder of 256 noisy 320×240 JPEGs)
 */
import * as tf from '@tensorflow/tfjs';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import sharp from 'sharp';
import { initBackend } from '../src/backend/index.js';
import type { BatchLoader } from '../src/data/batch-types.js';
import { loader } from '../src/data/loader/index.js';
import { shardLoader, webDataset, writeShards } from '../src/data/shards/index.js';
import { listDataFolder } from '../src/data/sources/index.js';
import { classificationTrainPipeline } from '../src/data/transforms.js';

const args = Object.fromEntries(
  process.argv.slice(2).flatMap((arg, i, all) => (arg.startsWith('--') ? [[arg.slice(2), all[i + 1]]] : [])),
);
const batchSize = Number(args.batch ?? 128);
const batches = Number(args.batches ?? 8);
const workers = Number(args.workers ?? availableParallelism());
const readers = Number(args.readers ?? 2);
const imageSize = Number(args['image-size'] ?? 224);

const scratch = await mkdtemp(join(tmpdir(), 'rxtrain-bench-shards-'));
try {
  await initBackend({ backend: 'cpu' });
  const data = args.data ?? (await synthesise(join(scratch, 'images'), Number(args.images ?? 256)));
  const shards = join(scratch, 'shards');
  await writeShards({ data, out: shards, shardSize: Math.max(1, Math.ceil(batchSize * 2)), split: 1, seed: 620 });
  const server = serve(shards);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const pipeline = classificationTrainPipeline({ imageSize, concurrency: 1 });
  const folder = loader(
    () => listDataFolder(data, { mode: 'train', split: 1, seed: 620, shuffle: 'python' }),
    pipeline,
    { batchSize, shuffle: true, seed: 620, workers },
  );
  const http = shardLoader(webDataset(url, { shuffle: true, seed: 620, workers: readers }), pipeline, {
    batchSize,
    seed: 620,
    workers,
  });
  const folderRate = await rate(folder);
  const httpRate = await rate(http);
  console.log(`folder loader (${workers} workers): ${folderRate.toFixed(1)} images/s`);
  console.log(`HTTP shards (${readers} readers, ${workers} workers): ${httpRate.toFixed(1)} images/s`);
  console.log(`shards / folder: ${(httpRate / folderRate).toFixed(2)}`);
  server.closeAllConnections();
  server.close();
} finally {
  await rm(scratch, { recursive: true, force: true });
}

/** Images per second over `batches` batches after a warm-up one (fewer when the epoch is shorter). */
async function rate(source: BatchLoader): Promise<number> {
  let images = 0;
  let started = 0;
  let seen = 0;
  for await (const batch of source.epoch(0)) {
    if (seen++ === 0) started = performance.now();
    else images += batch.y.shape[0];
    tf.dispose([batch.x, batch.y]);
    if (seen > batches) break;
  }
  if (images === 0) throw new Error('the epoch gave fewer than 2 batches: pass more images or a smaller --batch');
  return images / ((performance.now() - started) / 1000);
}

async function synthesise(folder: string, count: number): Promise<string> {
  const { mkdir } = await import('node:fs/promises');
  await mkdir(folder, { recursive: true });
  for (let i = 0; i < count; i++) {
    const create = {
      width: 320,
      height: 240,
      channels: 3 as const,
      background: { r: i % 256, g: 80, b: 160 },
      noise: { type: 'gaussian' as const, mean: 128, sigma: 40 },
    };
    await sharp({ create })
      .jpeg({ quality: 90 })
      .toFile(join(folder, `${i % 2 ? 'dog' : 'cat'}.${i}.jpg`));
  }
  return folder;
}

/** A static file server with `Range: bytes=N-`, as object stores and CDNs answer. */
function serve(root: string) {
  return createServer(async (request, response) => {
    const path = join(root, normalize(decodeURIComponent(new URL(request.url!, 'http://x').pathname)));
    const size = await stat(path).then(
      (s) => s.size,
      () => undefined,
    );
    if (size === undefined) return void response.writeHead(404).end();
    const start = Number(/^bytes=(\d+)-$/.exec(request.headers.range ?? '')?.[1] ?? 0);
    response.writeHead(start > 0 ? 206 : 200, { 'content-length': size - start });
    createReadStream(path, { start }).pipe(response);
  });
}
