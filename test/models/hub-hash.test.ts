import { createHash } from 'node:crypto';
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import test from 'ava';
import { hubHashPrefix, loadTorchCheckpoint, WeightsHashError } from '../../src/models/index.js';

const fixture = fileURLToPath(new URL('../fixtures/infer/alexnet_div32_c10.pth', import.meta.url));

test("the hash prefix is read from torchvision's file names only", (t) => {
  t.is(hubHashPrefix('data/alexnet-owt-7be5be79.pth'), '7be5be79');
  t.is(hubHashPrefix('alexnet-owt-4df8aa71.pth'), '4df8aa71');
  t.is(hubHashPrefix('alexnet_div32_c10.pth'), undefined);
  t.is(hubHashPrefix('model-final.pth'), undefined);
  t.is(hubHashPrefix('weights-1234abc.pth'), undefined);
});

test('a file named with its SHA-256 prefix loads; a wrong prefix is a WeightsHashError naming the file and both hashes', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'rxtrain-hub-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const sha = createHash('sha256')
    .update(await readFile(fixture))
    .digest('hex');
  const good = join(dir, `tiny-${sha.slice(0, 8)}.pth`);
  await copyFile(fixture, good);
  t.is((await loadTorchCheckpoint(good)).size, 16);
  const wrongPrefix = sha[0] === '0' ? '1' : '0';
  const bad = join(dir, `alexnet-owt-${wrongPrefix}${sha.slice(1, 8)}.pth`);
  await copyFile(fixture, bad);
  const error = await t.throwsAsync(loadTorchCheckpoint(bad), { instanceOf: WeightsHashError });
  t.is(error.sha256, sha);
  t.true(
    error.message.startsWith(
      `${bad}: its name promises a SHA-256 starting with ${wrongPrefix}${sha.slice(1, 8)}, the file's is ${sha}`,
    ),
  );
});
