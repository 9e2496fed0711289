import test from 'ava';
import { BACKEND_PREFERENCE } from '../../src/backend/backend-names.js';
import { EXIT, runCli } from '../../src/cli/index.js';
import { captureIo } from './io.js';

test('info names the decode threads and the backend auto chose here, and says why', async (t) => {
  const io = captureIo();
  t.is(await runCli(['info'], io), EXIT.ok);
  t.regex(io.stdout[0]!, /^node \d+\.\d+\.\d+, @tensorflow\/tfjs \d+\.\d+\.\d+, sharp \d+\.\d+\.\d+$/);
  t.regex(io.stdout[1]!, /^decoding: \d+ libuv threads \(UV_THREADPOOL_SIZE\), \d+ sharp thread\(s\) per image$/);
  const chosen = /^backend: (\S+)$/.exec(io.stdout[2]!)?.[1];
  t.true((BACKEND_PREFERENCE as readonly string[]).includes(chosen ?? ''), io.stdout[2]);
  t.regex(io.stdout[3]!, /auto chose the first that runs/);
});
