import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import test from 'ava';
import { readCheckpoint } from '../../src/train/index.js';
import { tempFolder } from '../temp-folder.js';

const writer = fileURLToPath(new URL('./checkpoint-writer.ts', import.meta.url));

/** Runs the writer from `start`, kills it with SIGKILL `ms` after its first write, resolves with the last step it reported written. */
function writeThenKill(path: string, start: number, ms: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import=tsx', writer, path, String(start)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      if (output === '') setTimeout(() => child.kill('SIGKILL'), ms);
      output += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL')
        return reject(new Error(`writer exited by itself (${signal ?? 'no signal'}): ${output}`));
      const steps = output.trim().split('\n').filter(Boolean).map(Number);
      resolve(steps.at(-1)!);
    });
  });
}

test('killing the process at any moment of a checkpoint write leaves a whole checkpoint: the last one written or the one being written', async (t) => {
  const dir = await tempFolder(t, 'kill');
  const path = join(dir, 'epoch-0001.ckpt');
  let start = 0;
  for (const ms of [0, 7, 23, 61, 130, 270]) {
    const acknowledged = await writeThenKill(path, start, ms);
    const state = await readCheckpoint(path);
    t.true(
      state.step === acknowledged || state.step === acknowledged + 1,
      `killed after step ${acknowledged}, file has ${state.step}`,
    );
    t.true(state.weights['features.0/kernel']!.values.every((v) => v === state.step));
    t.true(state.optimizer.momentum['features.0/kernel']!.values.every((v) => v === -state.step));
    start = state.step + 1;
  }
});
