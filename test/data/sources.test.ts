import test, { type ExecutionContext } from 'ava';
import { execFileSync } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { firstValueFrom, toArray } from 'rxjs';
import {
  DataSourceError,
  fromFiles,
  imageFolder,
  kaggleFolder,
  listKaggleFolder,
  PythonRandom,
} from '../../src/data/index.js';
import { tempFolder } from '../temp-folder.js';

const tempDir = (t: ExecutionContext) => tempFolder(t, 'data');
const touch = async (dir: string, names: readonly string[]) => {
  for (const name of names) closeSync(openSync(join(dir, name), 'w'));
};

const catDogNames = (n: number) => Array.from({ length: n }, (_, i) => `${i % 3 ? 'dog' : 'cat'}.${i}.jpg`);

test('PythonRandom reproduces hand-checked CPython vectors for seed 620', (t) => {
  // python3 -c "import random; random.seed(620); print([random.getrandbits(32) for _ in range(3)])"
  const r = new PythonRandom(620);
  t.deepEqual([r.nextUint32(), r.nextUint32(), r.nextUint32()], [959560371, 1866591148, 2180282775]);
  // python3 -c "import random; random.seed(620); x=list(range(10)); random.shuffle(x); print(x)"
  t.deepEqual(new PythonRandom(620).shuffle([...Array(10).keys()]), [2, 1, 5, 9, 0, 8, 4, 7, 6, 3]);
});

test("kaggleFolder's python split equals python3's random.seed(620); random.shuffle(sorted(names))", async (t) => {
  const dir = await tempDir(t);
  const names = catDogNames(203);
  await touch(dir, names);
  const script =
    'import os,random,json,sys; n=sorted(x for x in os.listdir(sys.argv[1]) if x.endswith(".jpg")); random.seed(620); random.shuffle(n); print(json.dumps(n))';
  const expected: string[] = JSON.parse(execFileSync('python3', ['-c', script, dir], { encoding: 'utf8' }));
  const k = Math.floor(names.length * 0.9);
  const train = await firstValueFrom(kaggleFolder(dir, { mode: 'train' }).pipe(toArray()));
  const valid = await firstValueFrom(kaggleFolder(dir, { mode: 'valid' }).pipe(toArray()));
  t.deepEqual(
    train.map((e) => basename(e.path)),
    expected.slice(0, k),
  );
  t.deepEqual(
    valid.map((e) => basename(e.path)),
    expected.slice(k),
  );
  t.deepEqual(
    train.map((e) => e.index),
    [...Array(k).keys()],
  );
  t.true(train.every((e) => e.label === (basename(e.path).startsWith('cat') ? 0 : 1)));
});

test('a listing of 25,000 files is sorted, split and labelled', async (t) => {
  const dir = await tempDir(t);
  await touch(dir, catDogNames(25_000));
  const listing = await listKaggleFolder(dir, { mode: 'train', seed: 3 });
  t.deepEqual(listing.classes, ['cat', 'dog']);
  t.is(listing.entries.length, 22_500);
});

test('an empty or missing folder is a DataSourceError naming the folder', async (t) => {
  const dir = await tempDir(t);
  const empty = await t.throwsAsync(listKaggleFolder(dir), { instanceOf: DataSourceError });
  t.true(empty.message.includes(dir) && empty.message.includes('.jpg'));
  await t.throwsAsync(firstValueFrom(imageFolder(join(dir, 'missing'))), {
    instanceOf: DataSourceError,
    message: /missing/,
  });
});

test('imageFolder labels by sorted class folder and walks files in sorted order', async (t) => {
  const dir = await tempDir(t);
  await mkdir(join(dir, 'zebra', 'sub'), { recursive: true });
  await mkdir(join(dir, 'ant'));
  await touch(join(dir, 'zebra'), ['b.png', 'a.JPG', 'notes.txt']);
  await touch(join(dir, 'zebra', 'sub'), ['c.webp']);
  await touch(join(dir, 'ant'), ['x.tiff']);
  const entries = await firstValueFrom(imageFolder(dir).pipe(toArray()));
  t.deepEqual(
    entries.map((e) => [e.path.slice(dir.length + 1), e.label]),
    [
      ['ant/x.tiff', 0],
      ['zebra/a.JPG', 1],
      ['zebra/b.png', 1],
      ['zebra/sub/c.webp', 1],
    ],
  );
});

test('fromFiles indexes in order and rejects a non-image path by name', async (t) => {
  const entries = await firstValueFrom(
    fromFiles([
      { path: 'a.jpg', label: 1 },
      { path: 'b.PNG', label: 0 },
    ]).pipe(toArray()),
  );
  t.deepEqual(entries, [
    { path: 'a.jpg', label: 1, index: 0 },
    { path: 'b.PNG', label: 0, index: 1 },
  ]);
  await t.throwsAsync(firstValueFrom(fromFiles([{ path: 'notes.txt', label: 0 }])), {
    instanceOf: DataSourceError,
    message: /notes\.txt/,
  });
});
