import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** `python3` first; Debian's own interpreter too, where a pyenv or venv `python3` shadows it. */
const PYTHONS = ['python3', '/usr/bin/python3'];

/** The first Python that can import `modules` (e.g. `torch, torchvision`), or undefined. */
export const torchPython = (modules = 'torch'): string | undefined =>
  PYTHONS.find((python) => spawnSync(python, ['-c', `import ${modules}`]).status === 0);

export const SEED_REFERENCE = fileURLToPath(new URL('../../shared/bench/seed_reference.py', import.meta.url));

/** Runs the seed's PyTorch script with `args`; resolves with the JSON line it prints last, or a reason it could not run. */
export function runSeedReference<T>(args: readonly string[]): T | string {
  const python = torchPython('torch, torchvision');
  if (python === undefined) return `PyTorch not run: neither ${PYTHONS.join(' nor ')} can import torch and torchvision (apt-get install python3-torch python3-torchvision)`;
  const run = spawnSync(python, [SEED_REFERENCE, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const line = run.stdout.trim().split('\n').at(-1) ?? '';
  if (run.status !== 0 || !line.startsWith('{')) return `${python} ${SEED_REFERENCE} failed: ${run.stderr.trim().split('\n').at(-1)}`;
  return JSON.parse(line) as T;
}
