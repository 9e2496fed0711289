import test from 'ava';

test('the test harness runs TypeScript through tsx', (t) => {
  const typed: number = [1, 2, 3].reduce((a, b) => a + b, 0);
  t.is(typed, 6);
});
