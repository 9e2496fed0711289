import test from 'ava';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureDemoData } from '../../src/cli/demo/demo-data.js';
import { EXIT, runCli } from '../../src/cli/index.js';
import { fileServer } from '../data/shards/fixtures.js';
import { tempFolder } from '../temp-folder.js';
import { captureIo } from './io.js';

test.serial(
  'rxtrain shard writes the shard set, and rxtrain train --data takes it by folder and by HTTP URL',
  async (t) => {
    const dir = await tempFolder(t, 'shard-cli');
    const data = join(dir, 'data');
    await ensureDemoData(data, { perClass: 6 });
    const io = captureIo();
    t.is(
      await runCli(['shard', '--data', data, '--out', join(dir, 'shards'), '--shard-size', '4', '--split', '0.75'], io),
      EXIT.ok,
    );
    t.is(
      io.stdout[0]!.split('\n').slice(0, 3).join('\n'),
      'train: 9 samples in 3 shards\nvalid: 3 samples in 1 shard\nclasses: cat, dog',
    );
    t.deepEqual((await readdir(join(dir, 'shards'))).sort(), [
      'index.json',
      'train-000000.tar',
      'train-000001.tar',
      'train-000002.tar',
      'valid-000000.tar',
    ]);

    const again = captureIo();
    t.is(await runCli(['shard', '--data', data, '--out', join(dir, 'shards')], again), EXIT.failed);
    t.regex(again.stderr.join('\n'), /expected a new or empty folder/);

    const server = await fileServer(t, join(dir, 'shards'));
    for (const source of [join(dir, 'shards'), server.url]) {
      const run = captureIo();
      const flags = [
        '--width-divisor',
        '32',
        '--image-size',
        '64',
        '--batch-size',
        '4',
        '--epochs',
        '1',
        '--backend',
        'cpu',
        '--out',
        join(dir, `run-${source === server.url ? 'http' : 'folder'}`),
      ];
      t.is(await runCli(['train', '--data', source, ...flags], run), EXIT.ok, run.stderr.join('\n'));
      t.true(
        (await readdir(join(dir, `run-${source === server.url ? 'http' : 'folder'}`, 'checkpoints'))).includes(
          'epoch-0001.ckpt',
        ),
      );
    }
  },
);

test('rxtrain export --format torchrun needs --checkpoint, and names it when missing', async (t) => {
  const io = captureIo();
  t.is(await runCli(['export', '--weights', 'x.pth', '--format', 'torchrun', '--out', 'o'], io), EXIT.usage);
  t.regex(io.stderr.join('\n'), /--format torchrun: expected --checkpoint FILE/);
});
