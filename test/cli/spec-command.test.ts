import test from 'ava';
import { InvalidEnvironmentValueError, parseFlags, TRAIN_OPTIONS, UsageError } from '../../src/cli/index.js';

const SPECS = {
  backend: { type: 'choice', choices: ['auto', 'cpu'], env: 'RXTRAIN_SPEC_TEST', description: 'backend' },
  'no-bias-decay': { type: 'boolean', description: 'a switch whose name starts with no-' },
  port: { type: 'integer', min: 0, bare: 6006, description: 'port' },
} as const;

const withEnv = <T>(value: string | undefined, work: () => T): T => {
  const saved = process.env.RXTRAIN_SPEC_TEST;
  if (value === undefined) delete process.env.RXTRAIN_SPEC_TEST;
  else process.env.RXTRAIN_SPEC_TEST = value;
  try {
    return work();
  } finally {
    if (saved === undefined) delete process.env.RXTRAIN_SPEC_TEST;
    else process.env.RXTRAIN_SPEC_TEST = saved;
  }
};

const values = (argv: string[]) => {
  const parsed = parseFlags(argv, SPECS);
  if (parsed.help) throw new Error('unexpected help');
  return parsed.values;
};

test.serial(
  "an option's environment variable gives its value when the flag is absent; the flag wins; empty is unset",
  (t) => {
    t.is(
      withEnv('cpu', () => values([]).backend),
      'cpu',
    );
    t.is(
      withEnv('cpu', () => values(['--backend', 'auto']).backend),
      'auto',
    );
    t.false(withEnv('', () => 'backend' in values([])));
    t.false(withEnv(undefined, () => 'backend' in values([])));
  },
);

test.serial(
  'a bad value in the environment names the variable and is no usage error (the command line is fine)',
  (t) => {
    const error = withEnv('gpu', () => t.throws(() => values([]), { instanceOf: InvalidEnvironmentValueError }));
    t.is(error!.message, "RXTRAIN_SPEC_TEST is 'gpu'; expected one of auto, cpu");
    t.false(error instanceof UsageError);
    t.is(
      withEnv('gpu', () => values(['--backend', 'cpu']).backend),
      'cpu',
      'not read when the flag is given',
    );
  },
);

test('a switch named no-… is a switch of its own, not the negation of another option', (t) => {
  t.deepEqual(values(['--no-bias-decay']), { 'no-bias-decay': true });
  t.deepEqual(values([]), {});
  const parsed = parseFlags(['--data', 'd', '--no-bias-decay'], TRAIN_OPTIONS);
  t.true(!parsed.help && parsed.values['no-bias-decay']);
});

test('a bare-valued option takes its bare value alone, and a given value is checked like any other', (t) => {
  t.is(values(['--port']).port, 6006);
  t.is(values(['--port', '7']).port, 7);
  t.throws(() => values(['--port', '-1']), { message: "option --port is '-1'; expected an integer ≥ 0" });
  t.throws(() => values(['--port', '1', '--port']), { message: 'option --port is given more than once' });
});
