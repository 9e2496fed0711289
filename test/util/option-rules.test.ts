import test from 'ava';
import fc from 'fast-check';
import {
  checkArgument,
  integerRule,
  numberRule,
  oneOf,
  positiveInteger,
  positiveNumber,
} from '../../src/util/index.js';

const bounds = fc.record(
  { min: fc.integer({ min: -5, max: 5 }), max: fc.integer({ min: 6, max: 20 }) },
  { requiredKeys: [] },
);

test('law: integerRule accepts exactly the whole numbers within its bounds', (t) => {
  fc.assert(
    fc.property(bounds, fc.oneof(fc.integer({ min: -30, max: 30 }), fc.double({ noNaN: false })), (b, value) => {
      const inside = (b.min === undefined || value >= b.min) && (b.max === undefined || value <= b.max);
      return integerRule(b).test(value) === (Number.isInteger(value) && inside);
    }),
  );
  t.pass();
});

test('law: numberRule accepts exactly the finite numbers within its bounds; above excludes the bound', (t) => {
  fc.assert(
    fc.property(fc.double(), fc.double({ min: -1, max: 1, noNaN: true }), (value, bound) => {
      const inside = Number.isFinite(value) && value > bound;
      return (
        numberRule({ above: bound }).test(value) === inside &&
        numberRule({ min: bound }).test(value) === (inside || value === bound)
      );
    }),
  );
  t.pass();
});

test('rules say what they expect in the words the messages use', (t) => {
  t.is(integerRule({ min: 1 }).expected, 'an integer ≥ 1');
  t.is(integerRule({ min: 0, max: 65535 }).expected, 'an integer in [0, 65535]');
  t.is(numberRule({ above: 0 }).expected, 'a number > 0');
  t.is(numberRule({ above: 0, max: 1 }).expected, 'a number in (0, 1]');
  t.is(numberRule({ min: 0, below: 1 }).expected, 'a number in [0, 1)');
  t.is(oneOf(['auto', 'cpu']).expected, 'one of auto, cpu');
  t.is(oneOf(['sgd', 'adam'], true).expected, "one of 'sgd', 'adam'");
  t.false(oneOf(['sgd'], true).test("'sgd'"), 'quoting is for the message only');
  t.true(oneOf(['sgd'], true).test('sgd'));
});

test('checkArgument returns a good value and throws a RangeError naming owner, key, rule and value otherwise', (t) => {
  t.is(checkArgument('stepLR', 'stepSize', 3, positiveInteger), 3);
  t.throws(() => checkArgument('stepLR', 'stepSize', 0, positiveInteger), {
    instanceOf: RangeError,
    message: 'stepLR: stepSize must be a positive integer, got 0',
  });
  t.throws(() => checkArgument('mixup', 'alpha', Infinity, positiveNumber), {
    instanceOf: RangeError,
    message: 'mixup: alpha must be a positive number, got Infinity',
  });
});
