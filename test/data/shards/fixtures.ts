import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';
import type { ExecutionContext } from 'ava';
import sharp from 'sharp';
import { writeShards, type WebDataset } from '../../../src/data/shards/index.js';
import type { ShardItem } from '../../../src/data/shards/index.js';
import { tempFolder } from '../../temp-folder.js';

/** A Kaggle folder of `count` small JPEGs, cats and dogs, each a different colour and size; `noisy`: 192×192 of noise (~35 KB each). */
export async function kaggleImages(t: ExecutionContext, count: number, noisy = false): Promise<string> {
  const folder = await tempFolder(t, 'kaggle');
  for (let i = 0; i < count; i++) {
    const name = `${i % 2 ? 'dog' : 'cat'}.${i}.jpg`;
    const background = { r: (i * 37) % 256, g: (i * 91) % 256, b: (i * 13) % 256 };
    const create = noisy
      ? {
          width: 192,
          height: 192,
          channels: 3 as const,
          background,
          noise: { type: 'gaussian' as const, mean: 128, sigma: 60 },
        }
      : { width: 20 + (i % 5), height: 18 + (i % 3), channels: 3 as const, background };
    await sharp({ create }).jpeg({ quality: 95 }).toFile(join(folder, name));
  }
  return folder;
}

/** `count` images written as shards of `shardSize` (split 0.75, seed 3): the folder and the shard set. */
export async function shardSet(t: ExecutionContext, count: number, shardSize: number, noisy = false) {
  const data = await kaggleImages(t, count, noisy);
  const out = join(await tempFolder(t, 'shards'), 'set');
  const index = await writeShards({ data, out, shardSize, split: 0.75, seed: 3 });
  return { data, out, index };
}

/** Overwrites the first 40 bytes of JPEG member `member` of `shard`, so it no longer decodes. */
export async function corruptMember(shard: string, member: string): Promise<void> {
  const bytes = await readFile(shard);
  const jpeg = bytes.indexOf(Buffer.from([0xff, 0xd8, 0xff]), bytes.indexOf(Buffer.from(member)));
  bytes.fill(7, jpeg, jpeg + 40);
  await writeFile(shard, bytes);
}

/** Every item of an epoch. */
export async function itemsOf(dataset: WebDataset, epoch = 0): Promise<ShardItem[]> {
  const items: ShardItem[] = [];
  for await (const item of dataset.samples(epoch)) items.push(item);
  return items;
}

export const keysOf = (items: readonly ShardItem[]): string[] =>
  items.flatMap((item) => ('sample' in item ? [item.sample.key] : []));

export const sha256 = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');

export interface FileServer {
  readonly url: string;
  /** Responses cut short on purpose, and requests that asked for a Range. */
  readonly dropped: number;
  readonly ranged: number;
  /** Bytes written to responses. */
  readonly sent: number;
}

/**
 * A loopback HTTP server of the files under `root`, honouring `Range: bytes=N-`. With `dropAfter`,
 * the first response of each file longer than that is cut (the socket destroyed) after that many bytes.
 */
export async function fileServer(
  t: ExecutionContext,
  root: string,
  options: { dropAfter?: number } = {},
): Promise<FileServer> {
  const state = { dropped: 0, ranged: 0, sent: 0 };
  const droppedOnce = new Set<string>();
  const server: Server = createServer(async (request, response) => {
    const path = join(root, normalize(decodeURIComponent(new URL(request.url!, 'http://x').pathname)));
    const size = await stat(path).then(
      (s) => (s.isFile() ? s.size : undefined),
      () => undefined,
    );
    if (size === undefined) {
      response.writeHead(404).end();
      return;
    }
    const range = /^bytes=(\d+)-$/.exec(request.headers.range ?? '');
    const start = range ? Number(range[1]) : 0;
    if (range) state.ranged += 1;
    response.writeHead(range ? 206 : 200, {
      'content-length': size - start,
      ...(range ? { 'content-range': `bytes ${start}-${size - 1}/${size}` } : {}),
    });
    const drop = options.dropAfter !== undefined && size - start > options.dropAfter && !droppedOnce.has(path);
    let written = 0;
    const stream = createReadStream(path, { start });
    stream.on('data', (data: string | Buffer) => {
      const chunk = Buffer.from(data);
      if (drop && written + chunk.length > options.dropAfter!) {
        droppedOnce.add(path);
        state.dropped += 1;
        stream.destroy();
        response.write(chunk.subarray(0, options.dropAfter! - written), () => response.socket?.destroy());
        return;
      }
      written += chunk.length;
      state.sent += chunk.length;
      if (!response.write(chunk)) {
        stream.pause();
        response.once('drain', () => stream.resume());
      }
    });
    stream.on('end', () => response.end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get dropped() {
      return state.dropped;
    },
    get ranged() {
      return state.ranged;
    },
    get sent() {
      return state.sent;
    },
  };
}
