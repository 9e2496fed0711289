import test from 'ava';
import fc from 'fast-check';
import { niceAxis } from '../../src/report/axis-ticks.js';

const ranges = fc
  .tuple(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: -1e6, max: 1e6, noNaN: true }))
  .map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const);

test('a nice axis covers its range and ends on its first and last ticks', (t) => {
  fc.assert(
    fc.property(ranges, ([low, high]) => {
      const axis = niceAxis(low, high);
      const tolerance = 1e-9 * Math.max(1, Math.abs(low), Math.abs(high));
      return (
        axis.min <= low + tolerance &&
        axis.max >= high - tolerance &&
        Math.abs(axis.ticks[0] - axis.min) <= tolerance &&
        Math.abs(axis.ticks[axis.ticks.length - 1] - axis.max) <= tolerance
      );
    }),
  );
  t.pass();
});

test('ticks are evenly spaced by 1, 2 or 5 times a power of ten, at most target + 3 of them', (t) => {
  fc.assert(
    fc.property(ranges, fc.integer({ min: 2, max: 10 }), ([low, high], target) => {
      const { ticks } = niceAxis(low, high, target);
      const step = ticks[1] - ticks[0];
      const mantissa = step / 10 ** Math.floor(Math.log10(step));
      const evenly = ticks.every((tick, i) => Math.abs(tick - ticks[0] - i * step) <= 1e-6 * step);
      return ticks.length <= target + 3 && evenly && [1, 2, 5, 10].some((m) => Math.abs(mantissa - m) < 1e-6);
    }),
  );
  t.pass();
});

test('niceAxis rejects a reversed or non-finite range', (t) => {
  t.throws(() => niceAxis(2, 1), { instanceOf: RangeError });
  t.throws(() => niceAxis(0, Number.NaN), { instanceOf: RangeError });
});
