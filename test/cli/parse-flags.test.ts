import test from 'ava';
import { closest } from '../../src/cli/flags/suggest.js';
import fc from 'fast-check';
import {
  InvalidOptionValueError,
  MissingArgumentError,
  MissingOptionValueError,
  MissingRequiredOptionError,
  parseFlags,
  RepeatedOptionError,
  TRAIN_OPTIONS,
  trainConfigFromFlags,
  UnexpectedArgumentError,
  UnknownOptionError,
} from '../../src/cli/index.js';
import { resolveConfig } from '../../src/train/stream/config.js';

const SPECS = {
  data: { type: 'string', required: true, description: 'folder' },
  epochs: { type: 'integer', min: 1, default: 3, description: 'epochs' },
  lr: { type: 'number', above: 0, description: 'rate' },
  backend: { type: 'choice', choices: ['auto', 'cpu'], default: 'auto', description: 'backend' },
  quiet: { type: 'boolean', description: 'switch' },
} as const;

/** Any flag set `rxtrain train` accepts, as values by flag name. */
const trainFlagValues = fc.record(
  {
    data: fc.stringMatching(/^[a-z][a-z0-9/._-]{0,20}$/),
    weights: fc.stringMatching(/^[a-z][a-z0-9/._-]{0,20}\.pth$/),
    epochs: fc.integer({ min: 1, max: 100 }),
    'batch-size': fc.integer({ min: 1, max: 512 }),
    lr: fc.double({ min: 0, max: 10, noNaN: true }),
    momentum: fc.double({ min: 0, max: 1, noNaN: true }),
    'weight-decay': fc.double({ min: 0, max: 1, noNaN: true }),
    'features-lr-scale': fc.double({ min: 0, max: 1, noNaN: true }),
    'lr-step': fc.integer({ min: 1, max: 10 }),
    'lr-gamma': fc.double({ min: 0, max: 1, noNaN: true, minExcluded: true }),
    'image-size': fc.integer({ min: 63, max: 512 }),
    'width-divisor': fc.integer({ min: 1, max: 16 }),
    'num-classes': fc.integer({ min: 2, max: 1000 }),
    split: fc.double({ min: 0, max: 1, noNaN: true, minExcluded: true }),
    'log-interval': fc.integer({ min: 1, max: 50 }),
    'val-interval': fc.integer({ min: 1, max: 5 }),
    resume: fc.constantFrom('latest', 'runs/a/checkpoints/epoch-1.ckpt'),
    backend: fc.constantFrom('auto', 'tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'),
    'max-iterations': fc.integer({ min: 1, max: 10_000 }),
    workers: fc.integer({ min: 0, max: 32 }),
    seed: fc.nat(2 ** 31),
  },
  { requiredKeys: ['data'] },
);

const toArgv = (values: Record<string, unknown>, inline: boolean): string[] =>
  Object.entries(values).flatMap(([name, value]) => (inline ? [`--${name}=${value}`] : [`--${name}`, String(value)]));

test('any valid train flag set round-trips to a config with the same values and the defaults elsewhere', (t) => {
  fc.assert(
    fc.property(trainFlagValues, fc.boolean(), (values, inline) => {
      const parsed = parseFlags(toArgv(values, inline), TRAIN_OPTIONS);
      if (parsed.help) return false;
      const given = { ...values } as Record<string, unknown>;
      for (const [name, spec] of Object.entries(TRAIN_OPTIONS)) {
        const expected = name in given ? given[name] : 'default' in spec ? spec.default : undefined;
        if (!Object.is((parsed.values as Record<string, unknown>)[name], expected)) return false;
      }
      const config = trainConfigFromFlags(parsed.values, 'runs/x');
      const gamma = parsed.values['lr-gamma'];
      return (
        config.data === values.data &&
        config.batchSize === parsed.values['batch-size'] &&
        config.featuresLrScale === parsed.values['features-lr-scale'] &&
        config.maxIterations === values['max-iterations'] &&
        config.workers === values.workers &&
        (gamma === 1
          ? config.lrDecay === null
          : JSON.stringify(config.lrDecay) === JSON.stringify({ stepSize: parsed.values['lr-step'], gamma }))
      );
    }),
  );
  t.pass();
});

test('every train flag set the parser accepts is a config trainStream accepts', (t) => {
  fc.assert(
    fc.property(trainFlagValues, (values) => {
      const parsed = parseFlags(toArgv(values, false), TRAIN_OPTIONS);
      if (parsed.help) return false;
      resolveConfig(trainConfigFromFlags(parsed.values, 'runs/x'));
      return true;
    }),
  );
  t.pass();
});

test('an unknown option is an UnknownOptionError naming it and the closest option, or else the options expected', (t) => {
  fc.assert(
    fc.property(fc.stringMatching(/^[a-z][a-z0-9-]{0,15}$/), (name) => {
      fc.pre(!(name in TRAIN_OPTIONS) && name !== 'help');
      try {
        parseFlags(['--data', 'd', `--${name}`, '1'], TRAIN_OPTIONS);
        return false;
      } catch (error) {
        const guess = closest(name, Object.keys(TRAIN_OPTIONS));
        const hint = guess === undefined ? '(expected one of --data, --weights,' : `(did you mean --${guess}?)`;
        return error instanceof UnknownOptionError && error.message.startsWith(`unknown option --${name} ${hint}`);
      }
    }),
  );
  t.pass();
});

test('values are checked against their option: integers, bounds and choices', (t) => {
  const bad: Array<[string[], RegExp]> = [
    [['--data', 'd', '--epochs', '1.5'], /--epochs is '1.5'; expected an integer ≥ 1/],
    [['--data', 'd', '--epochs', '0'], /--epochs is '0'; expected an integer ≥ 1/],
    [['--data', 'd', '--lr', 'fast'], /--lr is 'fast'; expected a number > 0/],
    [['--data', 'd', '--lr='], /--lr is ''; expected a number > 0/],
    [['--data', 'd', '--backend', 'gpu'], /--backend is 'gpu'; expected one of auto, cpu/],
    [['--data', 'd', '--quiet=yes'], /--quiet is 'yes'; expected no value/],
  ];
  for (const [argv, message] of bad)
    t.throws(() => parseFlags(argv, SPECS), { instanceOf: InvalidOptionValueError, message }, argv.join(' '));
});

test('missing, repeated and positional arguments each have their own error', (t) => {
  t.throws(() => parseFlags(['--epochs', '2'], SPECS), {
    instanceOf: MissingRequiredOptionError,
    message: 'option --data is required',
  });
  t.throws(() => parseFlags(['--data'], SPECS), {
    instanceOf: MissingOptionValueError,
    message: /--data needs a value/,
  });
  t.throws(() => parseFlags(['--data', '--epochs', '2'], SPECS), { instanceOf: MissingOptionValueError });
  t.throws(() => parseFlags(['--data', 'a', '--data=b'], SPECS), {
    instanceOf: RepeatedOptionError,
    message: /--data is given more than once/,
  });
  t.throws(() => parseFlags(['data'], SPECS), { instanceOf: UnexpectedArgumentError, message: /'data'/ });
});

test('switches, inline values, negative numbers and defaults', (t) => {
  const parsed = parseFlags(['--quiet', '--data=a=b', '--lr', '1e-3'], SPECS);
  t.deepEqual(parsed, {
    help: false,
    values: { quiet: true, data: 'a=b', lr: 0.001, epochs: 3, backend: 'auto' },
    positionals: [],
  });
  const negative = parseFlags(['--data', 'd', '--x', '-1'], { ...SPECS, x: { type: 'number', description: 'x' } });
  t.is(!negative.help && negative.values.x, -1);
});

test('a command that takes arguments gets them in order between its options, and too few is a MissingArgumentError', (t) => {
  const files = { placeholder: 'IMAGE', min: 1 };
  const parsed = parseFlags(['a.jpg', '--data', 'd', 'b.jpg', '--quiet', 'c'], SPECS, files);
  t.deepEqual(!parsed.help && parsed.positionals, ['a.jpg', 'b.jpg', 'c']);
  t.deepEqual(!parsed.help && parsed.values.data, 'd');
  t.throws(() => parseFlags(['--data', 'd'], SPECS, files), {
    instanceOf: MissingArgumentError,
    message: 'expected at least 1 IMAGE argument',
  });
});

test('--help or -h anywhere asks for help, even beside bad options', (t) => {
  t.deepEqual(parseFlags(['--nonsense', '-h'], SPECS), { help: true });
  t.deepEqual(parseFlags(['--help'], SPECS), { help: true });
});
