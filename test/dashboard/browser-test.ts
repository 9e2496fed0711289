import test, { type ExecutionContext } from 'ava';
import { chromiumMissing } from './chromium.js';

/** A serial test in a real browser; where there is none it is declared skipped, with the reason in its title. */
export function browserTest(title: string, body: (t: ExecutionContext) => Promise<void>): void {
  if (chromiumMissing === undefined) test.serial(title, body);
  else test.skip(`${title} (${chromiumMissing})`, body);
}
