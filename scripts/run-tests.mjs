#!/usr/bin/env node
// Type-checks everything (`tsc --noEmit`: sources, tests, examples, benches), lints it (ESLint with
// zero warnings, then Prettier's check), then runs ava with its TAP reporter, passes the output
// through, and closes with one line that CI can read: `tests: N passed, N failed[, N skipped]`,
// counted from ava's own TAP results; a type error, a lint finding or an unformatted file each
// count as one more failure.
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const avaCli = fileURLToPath(new URL('../node_modules/ava/entrypoints/cli.mjs', import.meta.url));
const tscCli = fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url));
const eslintCli = fileURLToPath(new URL('../node_modules/eslint/bin/eslint.js', import.meta.url));
const prettierCli = fileURLToPath(new URL('../node_modules/prettier/bin/prettier.cjs', import.meta.url));
const root = fileURLToPath(new URL('..', import.meta.url));

const typeCheck = spawnSync(process.execPath, [tscCli, '--noEmit', '-p', 'tsconfig.json'], {
  cwd: root,
  stdio: 'inherit',
});
const typeErrors = typeCheck.status !== 0;
if (typeErrors) process.stdout.write('type check failed: tsc --noEmit -p tsconfig.json (above)\n');

const step = (name, cli, args) => {
  const failed = spawnSync(process.execPath, [cli, ...args], { cwd: root, stdio: 'inherit' }).status !== 0;
  if (failed) process.stdout.write(`${name} failed (above)\n`);
  return failed;
};
const lintErrors = step('lint: eslint', eslintCli, [
  '--max-warnings',
  '0',
  '--cache',
  '--cache-location',
  'node_modules/.cache/eslint/',
  '.',
]);
const formatErrors = step('format check: prettier --check', prettierCli, ['--check', '.']);

const counts = { passed: 0, failed: 0, skipped: 0 };
const child = spawn(process.execPath, [avaCli, '--tap', ...process.argv.slice(2)], {
  stdio: ['ignore', 'pipe', 'inherit'],
  env: process.env,
});

const tally = (line) => {
  const result = /^(not ok|ok)\b.*?(#\s*(SKIP|TODO)\b.*)?$/i.exec(line);
  if (!result) return;
  if (result[3]) counts.skipped += 1;
  else if (result[1] === 'ok') counts.passed += 1;
  else counts.failed += 1;
};

createInterface({ input: child.stdout }).on('line', (line) => {
  process.stdout.write(line + '\n');
  tally(line.trim());
});

child.on('close', (code, signal) => {
  const crashed = code !== 0 && counts.failed === 0;
  if (crashed) counts.failed += 1; // ava itself failed (a file that crashed, a timeout): never report green
  if (typeErrors) counts.failed += 1;
  if (lintErrors) counts.failed += 1;
  if (formatErrors) counts.failed += 1;
  const skipped = counts.skipped ? `, ${counts.skipped} skipped` : '';
  process.stdout.write(`tests: ${counts.passed} passed, ${counts.failed} failed${skipped}\n`);
  if (signal) process.kill(process.pid, signal);
  process.exit(counts.failed > 0 || code !== 0 ? 1 : 0);
});
