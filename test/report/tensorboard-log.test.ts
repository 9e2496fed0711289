import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import fc from 'fast-check';
import { from, lastValueFrom, toArray } from 'rxjs';
import sharp from 'sharp';
import { logTensorBoard } from '../../src/report/index.js';
import { maskedCrc32c, tfRecord } from '../../src/report/tensorboard/tfrecord.js';
import type { DoneEvent } from '../../src/train/loop/events.js';
import { bankOf, doneEvent, runEvents } from './events.js';
import { tempFolder } from '../temp-folder.js';
import { crc32cBitwise, decodeEvent, masked, readRecords } from './tfevents-reader.js';

test("the reader's own CRC32C gives the standard check value, and the writer's masked CRC agrees with it", (t) => {
  t.is(crc32cBitwise(new TextEncoder().encode('123456789')), 0xe3069283);
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => maskedCrc32c(bytes) === masked(crc32cBitwise(bytes))),
  );
});

test('framing law: any payloads framed one after another read back as the same payloads, every length and CRC right', (t) => {
  fc.assert(
    fc.property(fc.array(fc.uint8Array({ maxLength: 2000 }), { maxLength: 8 }), (payloads) => {
      const records = readRecords(Buffer.concat(payloads.map(tfRecord)));
      return (
        records.length === payloads.length &&
        records.every(
          (r, i) =>
            r.lengthCrcOk &&
            r.payloadCrcOk &&
            r.length === payloads[i]!.length &&
            Buffer.from(r.payload).equals(payloads[i]!),
        )
      );
    }),
  );
  const bytes = tfRecord(new Uint8Array([1, 2, 3]));
  bytes[13]! ^= 0xff;
  t.false(readRecords(bytes)[0]!.payloadCrcOk, 'a flipped payload byte fails its CRC');
});

test('a run becomes one event file: version first, START at the first step, scalars at their steps, PNG images on done', async (t) => {
  const dir = await tempFolder(t, 'tb');
  const kernels = bankOf([5, 5, 3, 6], (y, x, c, k) => (k % 2 ? y : x) + c);
  const maps = {
    path: 'valid/cat.1.jpg',
    shape: [7, 9, 4] as [number, number, number],
    values: Array.from({ length: 7 * 9 * 4 }, (_, i) => Math.sin(i)),
  };
  const run = [
    ...runEvents(2, 3, (s) => 1 / s),
    doneEvent({ steps: 6, firstLayerKernels: kernels, firstLayerFeatureMaps: maps }),
  ];
  const out = await lastValueFrom(from(run).pipe(logTensorBoard({ dir }), toArray()));

  const names = await readdir(dir);
  t.is(names.length, 1);
  t.regex(names[0]!, /^events\.out\.tfevents\.\d+\./);
  t.deepEqual(out.slice(0, -1), run.slice(0, -1), 'other events pass unchanged');
  t.is((out.at(-1) as DoneEvent).artifacts.tensorboard, join(dir, names[0]!));

  const records = readRecords(await readFile(join(dir, names[0]!)));
  for (const r of records) t.true(r.lengthCrcOk && r.payloadCrcOk);
  const events = records.map((r) => decodeEvent(r.payload));
  t.is(events[0]!.fileVersion, 'brain.Event:2');
  t.true(events.every((e) => e.wallTime > 1.7e9));
  t.deepEqual(events[1], { ...events[1], step: 1, sessionStatus: 1, values: [] });

  const scalar = (tag: string) =>
    events.flatMap((e) => e.values.filter((v) => v.tag === tag).map((v) => [e.step, v.scalar!]));
  const near = (pairs: number[][], expected: number[][]) =>
    pairs.length === expected.length &&
    pairs.every(([s, v], i) => s === expected[i]![0] && Math.abs(v! - expected[i]![1]!) < 1e-6);
  t.true(
    near(
      scalar('train/loss'),
      [1, 2, 3, 4, 5, 6].map((s) => [s, 1 / s]),
    ),
    JSON.stringify(scalar('train/loss')),
  );
  t.true(
    near(
      scalar('train/lr'),
      [1, 2, 3, 4, 5, 6].map((s) => [s, 0.001]),
    ),
  );
  t.true(
    near(scalar('valid/loss'), [
      [3, 1 / 6],
      [6, 1 / 12],
    ]),
    JSON.stringify(scalar('valid/loss')),
  );
  t.true(
    near(scalar('valid/accuracy'), [
      [3, 0.9],
      [6, 0.9],
    ]),
  );

  const images = events.flatMap((e) =>
    e.values.filter((v) => v.image).map((v) => ({ step: e.step, tag: v.tag, ...v.image! })),
  );
  t.deepEqual(
    images.map((i) => [i.step, i.tag]),
    [
      [6, 'kernels/first_layer'],
      [6, 'feature_maps/first_layer'],
    ],
  );
  for (const image of images) {
    const meta = await sharp(image.png).metadata();
    t.is(meta.format, 'png');
    t.deepEqual([meta.width, meta.height, image.colorspace], [image.width, image.height, 3]);
  }
});

test('a second run in the same folder writes its own file', async (t) => {
  const dir = await tempFolder(t, 'tb');
  await lastValueFrom(from(runEvents(1, 2, () => 1)).pipe(logTensorBoard({ dir }), toArray()));
  await lastValueFrom(from(runEvents(1, 2, () => 1)).pipe(logTensorBoard({ dir }), toArray()));
  t.is((await readdir(dir)).filter((n) => n.startsWith('events.out.tfevents.')).length, 2);
});
