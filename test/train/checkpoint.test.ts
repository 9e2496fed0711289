import test, { type ExecutionContext } from 'ava';
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { lastValueFrom, takeWhile, toArray, type Observable } from 'rxjs';
import {
  checkpoint,
  CheckpointReadError,
  CheckpointWriteError,
  decodeCheckpoint,
  encodeCheckpoint,
  fit,
  readCheckpoint,
  resumeRun,
  stepLR,
  validate,
  type RunState,
  type TrainEvent,
} from '../../src/train/index.js';
import { initBackend } from '../../src/backend/index.js';
import { nextTurn, tinyRun, useCpu } from './fixtures.js';
import { tempFolder } from '../temp-folder.js';

test.before(useCpu);

const folder = (t: ExecutionContext) => tempFolder(t, 'ckpt');

/** A full run: stepLR, validation and checkpoints on a tiny model; `until` cuts it short. */
function pipeline(run: ReturnType<typeof tinyRun>, dir: string, epochs = 3): Observable<TrainEvent> {
  return fit(run.context, run.loader, { epochs }).pipe(
    stepLR(run.context, { stepSize: 1, gamma: 0.5 }),
    validate(run.context, run.loader),
    checkpoint(run.context, { dir, keepLast: 2 }),
  );
}

/** Step losses and learning rates, and validation losses, from epoch `from` on. */
const summary = (events: TrainEvent[], from: number) =>
  events.flatMap((e) =>
    e.kind === 'step' && e.epoch >= from
      ? [`${e.step}:${e.loss}:${e.lr}`]
      : e.kind === 'validation' && e.epoch >= from
        ? [`v${e.epoch}:${e.loss}`]
        : [],
  );

for (const backend of ['cpu', 'wasm'] as const) {
  test.serial(
    `${backend}: a run resumed from its latest checkpoint replays the uninterrupted run exactly (losses, lr, validation)`,
    async (t) => {
      await initBackend({ backend });
      t.teardown(useCpu);
      const baseline = tf.memory().numTensors;
      const whole = tinyRun();
      const uninterrupted = await lastValueFrom(pipeline(whole, await folder(t)).pipe(toArray()));
      whole.dispose();

      const dir = await folder(t);
      const first = tinyRun();
      await lastValueFrom(
        pipeline(first, dir).pipe(
          takeWhile((e) => e.kind !== 'checkpoint', true),
          toArray(),
        ),
      );
      await nextTurn();
      first.dispose();

      const second = tinyRun();
      t.is(await resumeRun(second.context, 'latest', dir), join(dir, 'epoch-0001.ckpt'));
      const resumed = await lastValueFrom(pipeline(second, dir).pipe(toArray()));
      second.dispose();
      t.deepEqual(summary(resumed, 0), summary(uninterrupted, 1));
      t.is(summary(resumed, 0).length, 8);
      t.is(tf.memory().numTensors, baseline);
    },
  );
}

test.serial(
  'checkpoint keeps the last `keepLast` epochs and best.ckpt, and reports them in events and done',
  async (t) => {
    const dir = await folder(t);
    const run = tinyRun();
    const events = await lastValueFrom(pipeline(run, dir, 4).pipe(toArray()));
    run.dispose();
    t.deepEqual((await readdir(dir)).sort(), ['best.ckpt', 'epoch-0003.ckpt', 'epoch-0004.ckpt']);
    const saved = events.filter((e) => e.kind === 'checkpoint');
    t.deepEqual(
      saved.map((e) => e.path),
      [1, 2, 3, 4].map((n) => join(dir, `epoch-000${n}.ckpt`)),
    );
    t.true(saved[0]!.best);
    const done = events.at(-1);
    t.true(
      done?.kind === 'done' &&
        done.artifacts.checkpoint === join(dir, 'epoch-0004.ckpt') &&
        done.artifacts.bestCheckpoint === join(dir, 'best.ckpt'),
    );
    const latest = await readCheckpoint(join(dir, 'epoch-0004.ckpt'));
    t.is(latest.epoch, 4);
    t.is(latest.step, 12);
    t.deepEqual(latest.optimizer.lrs, [0.05 / 16, 0.05 / 16]);
  },
);

test.serial(
  'a checkpoint that cannot be written errors the run with its path and leaves the earlier one intact',
  async (t) => {
    const baseline = tf.memory().numTensors;
    const dir = await folder(t);
    await mkdir(join(dir, 'epoch-0002.ckpt.tmp')); // the second write's temporary file cannot be created
    const run = tinyRun();
    const seen: TrainEvent[] = [];
    const error = await t.throwsAsync(lastValueFrom(pipeline(run, dir).pipe(takeWhile((e) => (seen.push(e), true)))), {
      instanceOf: CheckpointWriteError,
    });
    t.true(error.message.includes(join(dir, 'epoch-0002.ckpt')));
    const earlier = await readCheckpoint(join(dir, 'epoch-0001.ckpt'));
    t.is(earlier.epoch, 1);
    t.is(seen.filter((e) => e.kind === 'checkpoint').length, 1);
    t.is(run.context.epoch, 2);
    await nextTurn();
    run.dispose();
    t.is(tf.memory().numTensors, baseline);

    const file = join(dir, 'a-file');
    await writeFile(file, 'x');
    const blocked = tinyRun();
    const inside = join(file, 'runs');
    const second = await t.throwsAsync(lastValueFrom(pipeline(blocked, inside, 1)), {
      instanceOf: CheckpointWriteError,
    });
    t.true(second.message.includes(join(inside, 'epoch-0001.ckpt')));
    await nextTurn();
    blocked.dispose();
  },
);

const namedArrays = fc.dictionary(
  fc.stringMatching(/^[a-z][a-z0-9./_]{0,12}$/),
  fc
    .array(fc.integer({ min: 1, max: 3 }), { minLength: 0, maxLength: 3 })
    .chain((shape) =>
      fc
        .float32Array({ minLength: shape.reduce((a, b) => a * b, 1), maxLength: shape.reduce((a, b) => a * b, 1) })
        .map((values) => ({ shape, values })),
    ),
  { maxKeys: 4 },
);
const runState: fc.Arbitrary<RunState> = fc.record({
  epoch: fc.nat(100),
  step: fc.nat(10000),
  seed: fc.integer(),
  optimizer: fc.record({
    lrs: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 3 }),
    momentum: namedArrays,
  }),
  weights: namedArrays,
  operators: fc.dictionary(
    fc.string(),
    fc.jsonValue().map((v) => JSON.parse(JSON.stringify(v)) as unknown),
  ),
  config: fc.jsonValue().map((v) => JSON.parse(JSON.stringify(v)) as unknown),
});

test('decodeCheckpoint inverts encodeCheckpoint', (t) => {
  fc.assert(
    fc.property(runState, (state) => {
      t.deepEqual(decodeCheckpoint(encodeCheckpoint(state), 'x.ckpt'), state);
    }),
    { numRuns: 100 },
  );
});

test('any truncation or byte flip of a checkpoint is a CheckpointReadError naming the file, never a crash or a wrong state', (t) => {
  fc.assert(
    fc.property(runState, fc.nat(), fc.nat(255), fc.boolean(), (state, at, byte, truncate) => {
      const bytes = encodeCheckpoint(state);
      const position = at % bytes.length;
      const damaged = truncate ? bytes.subarray(0, position) : Buffer.from(bytes);
      if (!truncate) damaged[position]! ^= byte || 1;
      const error = t.throws(() => decodeCheckpoint(damaged, 'bad.ckpt'), { instanceOf: CheckpointReadError });
      t.true(error.message.startsWith('cannot read checkpoint bad.ckpt: '));
    }),
    { numRuns: 200 },
  );
});

test('resuming from a missing file, an empty folder or another model names the problem', async (t) => {
  const dir = await folder(t);
  const run = tinyRun();
  await t.throwsAsync(resumeRun(run.context, join(dir, 'nope.ckpt')), {
    instanceOf: CheckpointReadError,
    message: /nope\.ckpt/,
  });
  await t.throwsAsync(resumeRun(run.context, 'latest', dir), {
    instanceOf: CheckpointReadError,
    message: /no epoch-NNNN\.ckpt/,
  });
  const state = await run.context.snapshot();
  const renamed = {
    ...state,
    weights: Object.fromEntries(
      Object.entries(state.weights).map(([k, v]) => [k.replace('features.0', 'features.9'), v]),
    ),
  };
  await writeFile(join(dir, 'epoch-0001.ckpt'), encodeCheckpoint(renamed));
  await t.throwsAsync(resumeRun(run.context, 'latest', dir), {
    instanceOf: CheckpointReadError,
    message: /missing weight features\.0\/kernel.*unexpected weight features\.9\/kernel/,
  });
  t.is((await readFile(join(dir, 'epoch-0001.ckpt'))).length > 0, true);
  run.dispose();
});
