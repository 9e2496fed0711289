import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import test from 'ava';

const child = fileURLToPath(new URL('./uncaught-error.child.ts', import.meta.url));
const failWith = (backend: string, how: string) =>
  new Promise<{ code: number | null; stderr: string }>((resolve) => {
    execFile(process.execPath, ['--import=tsx', child, backend, how], (error, _stdout, stderr) =>
      resolve({ code: error ? (error.code as number) : 0, stderr }),
    );
  });

for (const how of ['throw', 'reject']) {
  test(`after the wasm backend starts, an application's uncaught error (${how}) is reported by Node with its own message and line, not the backend's source`, async (t) => {
    const { code, stderr } = await failWith('wasm', how);
    t.not(code, 0);
    t.regex(stderr, /Error: the application failed here/);
    t.regex(stderr, /uncaught-error\.child\.ts/);
    t.notRegex(stderr, /GROWABLE_HEAP|emscripten/);
    t.true(stderr.length < 5000, `${stderr.length} characters on stderr`);
  });
}
