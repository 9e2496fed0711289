import test from 'ava';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  loadTorchCheckpoint,
  parseTorchCheckpoint,
  TorchCheckpointError,
  UnsafePickleError,
} from '../../src/models/index.js';
import { ZipArchive } from '../../src/models/torch/zip-archive.js';
import { fixtureModels, fixturePath } from './fixtures.js';
import { deflatedZip, legacyCheckpoint, PickleBytes } from './pickle-bytes.js';

const [fixture] = Object.values(fixtureModels);

test('both fixture formats give the keys and shapes models.json lists, with identical values', async (t) => {
  const zip = await loadTorchCheckpoint(fixturePath(fixture!.checkpoint));
  const legacy = await loadTorchCheckpoint(fixturePath(fixture!.legacy_checkpoint));
  t.deepEqual(
    [...zip].map(([key, tensor]) => [key, tensor.shape]),
    Object.entries(fixture!.keys),
  );
  t.deepEqual([...legacy.keys()], [...zip.keys()]);
  for (const [key, tensor] of zip) {
    t.is(
      tensor.data.length,
      tensor.shape.reduce((a, b) => a * b, 1),
    );
    t.deepEqual(legacy.get(key)!.data, tensor.data, key);
  }
});

test('a deflated zip checkpoint reads the same as the stored one', (t) => {
  const bytes = readFileSync(fixturePath(fixture!.checkpoint));
  const archive = new ZipArchive(bytes);
  const repacked = deflatedZip(archive.names.map((name) => [name, archive.read(name)]));
  t.true(repacked.length < bytes.length);
  t.deepEqual(parseTorchCheckpoint(repacked), parseTorchCheckpoint(bytes));
});

test('strided views, storage offsets, shared storages and float64 storages are read element by element', (t) => {
  const state = new PickleBytes()
    .proto()
    .global('collections', 'OrderedDict')
    .emptyTuple()
    .reduce()
    .mark()
    .string('transposed')
    .tensor('FloatStorage', 's0', 6, 1, [2, 2], [1, 3])
    .string('every_other')
    .tensor('FloatStorage', 's0', 6, 0, [3], [2])
    .string('broadcast')
    .tensor('DoubleStorage', 's1', 4, 1, [2, 3], [0, 1])
    .setItems()
    .stop()
    .build();
  const file = legacyCheckpoint(state, [
    ['s0', Float32Array.of(0, 1, 2, 3, 4, 5)],
    ['s1', Float64Array.of(9, 7, 8, 0.5)],
  ]);
  const dict = parseTorchCheckpoint(file);
  t.deepEqual(dict.get('transposed'), { shape: [2, 2], data: Float32Array.of(1, 4, 2, 5) });
  t.deepEqual(dict.get('every_other'), { shape: [3], data: Float32Array.of(0, 2, 4) });
  t.deepEqual(dict.get('broadcast'), { shape: [2, 3], data: Float32Array.of(7, 8, 0.5, 7, 8, 0.5) });
});

test('a checkpoint dict nesting the weights under state_dict yields the nested tensors', (t) => {
  const state = new PickleBytes()
    .proto()
    .emptyDict()
    .mark()
    .string('epoch')
    .int(3)
    .string('state_dict')
    .global('collections', 'OrderedDict')
    .emptyTuple()
    .reduce()
    .mark()
    .string('fc.bias')
    .tensor('FloatStorage', 'b', 2, 0, [2], [1])
    .setItems()
    .setItems()
    .stop()
    .build();
  const dict = parseTorchCheckpoint(legacyCheckpoint(state, [['b', Float32Array.of(0.25, -1)]]));
  t.deepEqual([...dict.keys()], ['fc.bias']);
  t.deepEqual(dict.get('fc.bias')!.data, Float32Array.of(0.25, -1));
});

test('a view reaching past its storage is a TorchCheckpointError naming the tensor', (t) => {
  const state = new PickleBytes()
    .proto()
    .emptyDict()
    .mark()
    .string('w')
    .tensor('FloatStorage', 's', 4, 2, [2, 2], [2, 1])
    .setItems()
    .stop()
    .build();
  const error = t.throws(() => parseTorchCheckpoint(legacyCheckpoint(state, [['s', new Float32Array(4)]])), {
    instanceOf: TorchCheckpointError,
  });
  t.regex(error.message, /tensor w: .*storage holding 4/);
});

test('a pickle calling os.system is refused before anything runs, naming the global', (t) => {
  const marker = join(tmpdir(), `rxtrain-pickle-${process.pid}-${Date.now()}`);
  const payload = new PickleBytes()
    .proto()
    .global('os', 'system')
    .string(`touch ${marker}`)
    .tuple1()
    .reduce()
    .stop()
    .build();
  for (const bytes of [payload, legacyCheckpoint(payload, [])]) {
    const error = t.throws(() => parseTorchCheckpoint(bytes, 'evil.pth'), { instanceOf: UnsafePickleError });
    t.is(error.global, 'os.system');
    t.regex(error.message, /^evil\.pth: refusing to load pickle global `os\.system`/);
  }
  t.false(existsSync(marker));
});

test('builtins.eval named through STACK_GLOBAL inside a state dict is refused', (t) => {
  const payload = new PickleBytes()
    .proto()
    .emptyDict()
    .mark()
    .string('x')
    .string('builtins')
    .string('eval')
    .stackGlobal()
    .string('1+1')
    .tuple1()
    .reduce()
    .setItems()
    .stop()
    .build();
  const error = t.throws(() => parseTorchCheckpoint(legacyCheckpoint(payload, [])), { instanceOf: UnsafePickleError });
  t.is(error.global, 'builtins.eval');
});

test('a file that is neither a zip nor a pickle, or is missing, is a TorchCheckpointError naming it', async (t) => {
  t.throws(() => parseTorchCheckpoint(Buffer.from('{"weights": []}'), 'model.json'), {
    instanceOf: TorchCheckpointError,
    message: /^model\.json: not a torch\.save file/,
  });
  await t.throwsAsync(loadTorchCheckpoint('/nonexistent/alexnet.pth'), {
    instanceOf: TorchCheckpointError,
    message: /^\/nonexistent\/alexnet\.pth: cannot read/,
  });
});

test('a checkpoint gives the same tensors wherever its bytes start in memory (aligned or not)', (t) => {
  const bytes = readFileSync(fixturePath(fixture!.legacy_checkpoint));
  const expected = parseTorchCheckpoint(bytes);
  for (const shift of [1, 2, 3, 4]) {
    const moved = new Uint8Array(bytes.length + shift);
    moved.set(bytes, shift);
    t.deepEqual(parseTorchCheckpoint(moved.subarray(shift)), expected, `shifted by ${shift}`);
  }
});
