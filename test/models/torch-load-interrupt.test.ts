import test from 'ava';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { longPickle } from './hostile-payloads.js';

const child = fileURLToPath(new URL('./interrupt-load.child.ts', import.meta.url));

test('a long parse leaves the event loop free: timers run, and SIGINT aborts the load at once', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'rxtrain-interrupt-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'slow.pth');
  writeFileSync(file, longPickle(25_000_000));
  const process_ = spawn(process.execPath, ['--import', 'tsx', child, file], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let stderr = '';
  process_.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const ended = new Promise<number | null>((resolve) => process_.on('close', resolve));
  const killer = setTimeout(() => process_.kill('SIGKILL'), 60_000);
  process_.stdout.on('data', (chunk: Buffer) => {
    lines.push(...chunk.toString().split('\n').filter(Boolean));
    if (lines.length === 1) setTimeout(() => process_.kill('SIGINT'), 300);
  });
  await ended;
  clearTimeout(killer);
  t.is(lines.length, 2, stderr);
  const result = JSON.parse(lines[1]!) as {
    outcome: string;
    ms: number;
    afterSignalMs: number | null;
    maxGapMs: number;
  };
  t.log(result);
  t.is(result.outcome, 'AbortError');
  t.true(result.afterSignalMs !== null && result.afterSignalMs < 500, `ended ${result.afterSignalMs} ms after SIGINT`);
  t.true(result.maxGapMs < 400, `the event loop was blocked for ${result.maxGapMs} ms`);
});
