import test from 'ava';
import { from, lastValueFrom, toArray } from 'rxjs';
import { earlyStopping, fit, validate, type TrainEvent } from '../../src/train/index.js';
import { tinyRun, useCpu } from './fixtures.js';

test.before(useCpu);

const validation = (epoch: number, loss: number): TrainEvent => ({
  kind: 'validation',
  epoch,
  step: epoch,
  loss,
  accuracy: 0.5,
  perClass: [0.5, 0.5],
});

test.serial(
  'earlyStopping asks for a stop after `patience` validations without an improvement larger than minDelta',
  async (t) => {
    const run = tinyRun();
    const losses = [1, 0.95, 0.94, 0.96, 0.945];
    await lastValueFrom(
      from(losses.map((loss, epoch) => validation(epoch, loss))).pipe(
        earlyStopping(run.context, { patience: 3, minDelta: 0.02 }),
      ),
    );
    // best 1 → 0.95 improves by 0.05; 0.94, 0.96, 0.945 each within 0.02 of 0.95: wait 1, 2, 3 → stop
    t.true(run.context.stopRequested);
    const early = tinyRun();
    await lastValueFrom(
      from(losses.slice(0, 4).map((loss, epoch) => validation(epoch, loss))).pipe(
        earlyStopping(early.context, { patience: 3, minDelta: 0.02 }),
      ),
    );
    t.false(early.context.stopRequested);
    run.dispose();
    early.dispose();
  },
);

test.serial('a run that stops learning ends early with done saying when and why', async (t) => {
  const run = tinyRun({ lr: 0 });
  const events = await lastValueFrom(
    fit(run.context, run.loader, { epochs: 10 }).pipe(
      validate(run.context, run.loader),
      earlyStopping(run.context, { patience: 2 }),
      toArray(),
    ),
  );
  const done = events.at(-1);
  t.is(events.filter((e) => e.kind === 'epoch').length, 3);
  t.true(done?.kind === 'done' && done.epochs === 3 && done.stoppedEarly?.epoch === 2);
  t.regex(
    done?.kind === 'done' ? (done.stoppedEarly?.reason ?? '') : '',
    /validation loss did not improve for 2 validations/,
  );
  run.dispose();
});
