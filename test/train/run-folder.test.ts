import test from 'ava';
import * as tf from '@tensorflow/tfjs';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { lastValueFrom, toArray } from 'rxjs';
import {
  checkpoint,
  CheckpointWriteError,
  ConfigError,
  fit,
  NothingToTrainError,
  readCheckpoint,
  RunFolderError,
  trainStream,
  type DoneEvent,
  type TrainConfig,
  type TrainEvent,
} from '../../src/train/index.js';
import { tempFolder } from '../temp-folder.js';
import { tinyRun, tinyTrainConfigs, useCpu } from './fixtures.js';

test.before(useCpu);

const config = tinyTrainConfigs(16, { lrDecay: null, epochs: 2 });
const run = (extra: Partial<TrainConfig>): Promise<TrainEvent[]> =>
  lastValueFrom(trainStream(config(extra)).pipe(toArray()));
const doneOf = (events: TrainEvent[]): DoneEvent => events.find((e): e is DoneEvent => e.kind === 'done')!;
const notices = (events: TrainEvent[]): string[] => events.flatMap((e) => (e.kind === 'notice' ? [e.message] : []));

const runFolder = (t: import('ava').ExecutionContext): Promise<string> => tempFolder(t, 'folder');

test.serial('best.ckpt is a hard link to the best epoch checkpoint, not a second copy', async (t) => {
  const outDir = await runFolder(t);
  const events = await run({ outDir, epochs: 3, keepLast: 3 });
  const bestEpoch = events.filter((e) => e.kind === 'checkpoint' && e.best).at(-1);
  t.truthy(bestEpoch);
  const best = statSync(join(outDir, 'checkpoints', 'best.ckpt'));
  const epochFile = statSync(bestEpoch!.kind === 'checkpoint' ? bestEpoch!.path : '');
  t.is(best.ino, epochFile.ino);
  t.is(best.nlink, 2);
  const inodes = new Map(
    readdirSync(join(outDir, 'checkpoints')).map((name) => {
      const stat = statSync(join(outDir, 'checkpoints', name));
      return [stat.ino, stat.size] as const;
    }),
  );
  t.log(
    `${readdirSync(join(outDir, 'checkpoints')).length} names, ${[...inodes.values()].reduce((a, b) => a + b, 0)} bytes on disk`,
  );
  t.is(inodes.size, 3);
});

test.serial(
  'a best.ckpt missing after a kill between the epoch file and the link is made again on resume, so the run never claims a missing file',
  async (t) => {
    const outDir = await runFolder(t);
    await run({ outDir, epochs: 1 });
    await unlink(join(outDir, 'checkpoints', 'best.ckpt'));
    const events = await run({ outDir, epochs: 2, lr: 0, resume: 'latest' });
    const done = doneOf(events);
    t.is(done.artifacts.bestCheckpoint, join(outDir, 'checkpoints', 'best.ckpt'));
    t.true(existsSync(done.artifacts.bestCheckpoint!));
  },
);

test.serial('temporary files a kill left are removed when the next run starts, with a notice', async (t) => {
  const outDir = await runFolder(t);
  await run({ outDir, epochs: 1 });
  const leftovers = ['epoch-0002.ckpt.tmp', 'best.ckpt.tmp'].map((name) => join(outDir, 'checkpoints', name));
  for (const path of leftovers) await writeFile(path, 'half a checkpoint');
  const events = await run({ outDir, epochs: 2, resume: 'latest' });
  t.false(leftovers.some((path) => existsSync(path)));
  t.deepEqual(
    notices(events)
      .filter((n) => n.includes('interrupted save'))
      .sort(),
    leftovers.map((path) => `removed ${path}, left by an interrupted save`).sort(),
  );
});

test.serial(
  'a second run in the same outDir without resume is refused; force starts over, deleting the earlier checkpoints',
  async (t) => {
    const outDir = await runFolder(t);
    await run({ outDir, epochs: 2 });
    const error = await t.throwsAsync(run({ outDir, epochs: 1 }), { instanceOf: RunFolderError });
    t.is(
      error.message,
      `${join(outDir, 'checkpoints')}: holds 3 checkpoints of an earlier run: resume it (resume: 'latest', --resume latest), start over with force: true (--force, which deletes them), or use another folder`,
    );
    const events = await run({ outDir, epochs: 1, force: true });
    t.deepEqual(readdirSync(join(outDir, 'checkpoints')).sort(), ['best.ckpt', 'epoch-0001.ckpt']);
    t.is(doneOf(events).epochs, 1);
  },
);

test.serial('resuming a finished run says that nothing is left to train', async (t) => {
  const outDir = await runFolder(t);
  await run({ outDir, epochs: 2 });
  const error = await t.throwsAsync(run({ outDir, epochs: 2, resume: 'latest' }), { instanceOf: NothingToTrainError });
  t.is(
    error.message,
    `nothing left to train: ${join(outDir, 'checkpoints', 'epoch-0002.ckpt')} already completed 2 of the 2 epochs asked; ask for more epochs to train on`,
  );
});

test.serial(
  'settings the checkpoint overrides on resume (lr, seed) are named in notices; the checkpoint’s values continue',
  async (t) => {
    const outDir = await runFolder(t);
    await run({ outDir, epochs: 1 });
    const events = await run({ outDir, epochs: 2, resume: 'latest', lr: 0.5, seed: 7 });
    const path = join(outDir, 'checkpoints', 'epoch-0001.ckpt');
    t.deepEqual(notices(events), [
      `resuming from ${path}: lr 0.5 is not applied; the run started with 0.01 and its learning rates (0.01, 0.01) continue`,
      `resuming from ${path}: seed 7 is not applied; the checkpoint's seed 620 keeps the split, the order and the dropout masks`,
    ]);
    t.true(events.every((e) => e.kind !== 'step' || e.lr === 0.01));
  },
);

test.serial(
  'a resumed run folder that was moved reports its files in the new place, also before it writes a new one',
  async (t) => {
    const parent = await runFolder(t);
    const first = join(parent, 'first');
    await run({ outDir: first, epochs: 1 });
    const moved = join(parent, 'moved');
    await rename(first, moved);
    const dir = join(moved, 'checkpoints');
    const resumed = tinyRun();
    t.teardown(() => resumed.dispose());
    const state = await readCheckpoint(join(dir, 'epoch-0001.ckpt'));
    resumed.context.restore({
      ...state,
      weights: (await resumed.context.snapshot()).weights,
      optimizer: { lrs: state.optimizer.lrs.slice(0, 2), momentum: {} },
    });
    const events = await lastValueFrom(
      fit(resumed.context, resumed.loader, { epochs: 2 }).pipe(
        checkpoint(resumed.context, { dir, every: 5 }),
        toArray(),
      ),
    );
    t.is(doneOf(events).artifacts.checkpoint, join(dir, 'epoch-0001.ckpt'));
  },
);

test.serial('an unwritable checkpoint folder fails the run at start, before any step', async (t) => {
  const outDir = await runFolder(t);
  await writeFile(join(outDir, 'checkpoints'), 'a file where the folder should be');
  const seen: TrainEvent[] = [];
  const error = await new Promise<unknown>((resolve) =>
    trainStream(config({ outDir })).subscribe({
      next: (e) => seen.push(e),
      error: resolve,
      complete: () => resolve(undefined),
    }),
  );
  t.true(error instanceof CheckpointWriteError);
  t.regex((error as Error).message, /^cannot write checkpoint .*checkpoints: /);
  t.deepEqual(
    seen.filter((e) => e.kind === 'step'),
    [],
  );
});

test.serial('a run that fails at start leaves no checkpoint folder behind', async (t) => {
  const parent = await runFolder(t);
  const outDir = join(parent, 'run');
  const baseline = tf.memory().numTensors;
  await t.throwsAsync(run({ outDir, numClasses: 3 }), { instanceOf: ConfigError });
  t.false(existsSync(outDir));
  await mkdir(outDir);
  await t.throwsAsync(run({ outDir, numClasses: 3 }), { instanceOf: ConfigError });
  t.deepEqual(readdirSync(outDir), []);
  t.is(tf.memory().numTensors, baseline);
});
