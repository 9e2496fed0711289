import test from 'ava';
import { readdir, readFile } from 'node:fs/promises';
import { connect, createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { webDataset } from '../../../src/data/shards/index.js';
import { tempFolder } from '../../temp-folder.js';
import { fileServer, itemsOf, keysOf, shardSet } from './fixtures.js';

const sorted = (keys: string[]) => [...keys].sort();

test('HTTP: a shard set and brace-expanded shard URLs read the same samples as the folder of shards', async (t) => {
  const { out } = await shardSet(t, 16, 4);
  const local = sorted(keysOf(await itemsOf(webDataset(out))));
  const server = await fileServer(t, out);
  t.deepEqual(sorted(keysOf(await itemsOf(webDataset(server.url)))), local);
  const braces = webDataset(`${server.url}/train-{000000..000002}.tar`);
  t.deepEqual(sorted(keysOf(await itemsOf(braces))), local);
  t.is(await braces.count(), undefined);
});

test('HTTP: a connection dropped mid-shard resumes with a Range request, and no sample is lost or repeated', async (t) => {
  const { out } = await shardSet(t, 16, 6, true);
  const local = keysOf(await itemsOf(webDataset(out, { shuffle: true, seed: 2, shuffleBuffer: 3 })));
  const server = await fileServer(t, out, { dropAfter: 50_000 });
  const remote = keysOf(
    await itemsOf(webDataset(server.url, { shuffle: true, seed: 2, shuffleBuffer: 3, backoffMs: 10 })),
  );
  t.true(server.dropped >= 2, `dropped ${server.dropped}`);
  t.true(server.ranged >= server.dropped);
  t.deepEqual(remote, local);
});

test('HTTP: a missing shard fails at once, naming it; a server that keeps failing fails after the retries', async (t) => {
  const { out } = await shardSet(t, 4, 4);
  const server = await fileServer(t, out);
  await t.throwsAsync(itemsOf(webDataset(`${server.url}/train-00000{0,9}.tar`)), {
    name: 'PermanentShardError',
    message: /train-000009\.tar: expected HTTP 200 or 206, got 404/,
  });
  const refused = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => refused.listen(0, '127.0.0.1', resolve));
  t.teardown(() => refused.close());
  const url = `http://127.0.0.1:${(refused.address() as AddressInfo).port}/x.tar`;
  await t.throwsAsync(itemsOf(webDataset(url, { retries: 2, backoffMs: 5 })), {
    name: 'ShardReadError',
    message: /x\.tar: cannot read past byte 0 after 3 attempts/,
  });
});

/** A loopback TCP proxy to `port` that cuts the first connection whose replies pass `cutAfter` bytes. */
async function cuttingProxy(t: import('ava').ExecutionContext, port: number, cutAfter: number) {
  const state = { cut: 0 };
  const sockets = new Set<Socket>();
  const proxy = createServer((client) => {
    const upstream = connect(port, '127.0.0.1');
    sockets.add(client).add(upstream);
    let replied = 0;
    client.pipe(upstream);
    upstream.on('data', (chunk: Buffer) => {
      replied += chunk.length;
      if (state.cut === 0 && replied > cutAfter) {
        state.cut += 1;
        client.destroy();
        upstream.destroy();
        return;
      }
      client.write(chunk);
    });
    upstream.on('end', () => client.end());
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  t.teardown(() => {
    for (const socket of sockets) socket.destroy();
    proxy.close();
  });
  return { port: (proxy.address() as AddressInfo).port, state };
}

test('S3: a shard set under s3://bucket/prefix is read through the SDK, also across a dropped connection', async (t) => {
  const { out } = await shardSet(t, 16, 6, true);
  const s3Dir = await tempFolder(t, 's3');
  const server = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory: s3Dir,
    configureBuckets: [{ name: 'data', configs: [] }],
  });
  const { port } = await server.run();
  t.teardown(() => server.close());
  const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
  const client = new S3Client({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials,
    requestChecksumCalculation: 'WHEN_REQUIRED',
  });
  for (const name of await readdir(out))
    await client.send(
      new PutObjectCommand({ Bucket: 'data', Key: `sets/cats/${name}`, Body: await readFile(join(out, name)) }),
    );
  client.destroy();

  const local = keysOf(await itemsOf(webDataset(out, { shuffle: true, seed: 4, shuffleBuffer: 2 })));
  const direct = webDataset('s3://data/sets/cats', {
    shuffle: true,
    seed: 4,
    shuffleBuffer: 2,
    s3: { endpoint: `http://127.0.0.1:${port}`, credentials },
  });
  t.deepEqual(keysOf(await itemsOf(direct)), local);
  t.deepEqual(await direct.classes(), ['cat', 'dog']);
  direct.close();

  const proxy = await cuttingProxy(t, port, 60_000);
  const cut = webDataset('s3://data/sets/cats', {
    shuffle: true,
    seed: 4,
    shuffleBuffer: 2,
    backoffMs: 10,
    s3: { endpoint: `http://127.0.0.1:${proxy.port}`, credentials },
  });
  t.deepEqual(keysOf(await itemsOf(cut)), local);
  t.is(proxy.state.cut, 1);
  cut.close();

  const listed = webDataset('s3://data/sets/cats/train-', {
    s3: { endpoint: `http://127.0.0.1:${port}`, credentials },
  });
  t.deepEqual(sorted(keysOf(await itemsOf(listed))), sorted(local));
  listed.close();
});
