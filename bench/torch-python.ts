import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** `python3` first; Debian's own interpreter too, where a pyenv or venv `python3` shadows it. */
const PYTHONS = ['python3', '/usr/bin/python3'];

/** The first Python that can import `modules` (e.g. `torch, torchvision`), or undefined. */
export const torchPython = (modules = 'torch'): string | undefined =>
  PYTHONS.find((python) => spawnSync(python, ['-c', `import ${modules}`]).status === 0);

/** Runs a PyTorch script (`python -c`); the JSON line it prints last, or a reason it could not run. */
export function runTorchScript<T>(script: string): T | string {
  const python = torchPython();
  if (python === undefined)
    return 'PyTorch not timed: no python3 here can import torch (apt-get install python3-torch)';
  const run = spawnSync(python, ['-c', script], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (run.status !== 0) return `PyTorch failed: ${run.stderr.trim().split('\n').at(-1)}`;
  return JSON.parse(run.stdout.trim().split('\n').at(-1)!) as T;
}

export const SEED_REFERENCE = fileURLToPath(new URL('./torch/seed_reference.py', import.meta.url));

/** Runs the seed's PyTorch script with `args`; resolves with the JSON line it prints last, or a reason it could not run. */
export function runSeedReference<T>(args: readonly string[]): T | string {
  const python = torchPython('torch, torchvision');
  if (python === undefined)
    return `PyTorch not run: neither ${PYTHONS.join(' nor ')} can import torch and torchvision (apt-get install python3-torch python3-torchvision)`;
  const run = spawnSync(python, [SEED_REFERENCE, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const line = run.stdout.trim().split('\n').at(-1) ?? '';
  if (run.status !== 0 || !line.startsWith('{'))
    return `${python} ${SEED_REFERENCE} failed: ${run.stderr.trim().split('\n').at(-1)}`;
  return JSON.parse(line) as T;
}

const BLAS_PROBE = `import torch
torch.nn.functional.linear(torch.ones(2, 64), torch.ones(64, 64))
print("\\n".join(sorted({line.split()[-1] for line in open("/proc/self/maps") if "blas" in line.lower() or "mkl" in line.lower()})))`;

/**
 * Which BLAS PyTorch's linear layers ran on. Debian's python3-torch links the generic libblas.so.3:
 * with only the reference implementation (libblas3) installed, AlexNet's dense layers are ~10×
 * slower and PyTorch is no fair anchor; libopenblas0-pthread provides a fast one.
 */
export function torchBlas(): string {
  const python = torchPython();
  if (python === undefined) return 'BLAS unknown';
  const run = spawnSync(python, ['-c', BLAS_PROBE], { encoding: 'utf8' });
  const libraries = run.stdout.trim().split('\n').filter(Boolean);
  if (libraries.some((path) => /openblas|mkl/i.test(path)))
    return `BLAS ${libraries.find((path) => /openblas|mkl/i.test(path))}`;
  if (libraries.length > 0)
    return `BLAS ${libraries[0]}: the reference implementation, not a fair anchor (apt-get install libopenblas0-pthread)`;
  return 'BLAS unknown';
}

/** How a bench names its PyTorch anchor: version, threads and the BLAS it ran on. */
export const torchLabel = (run: { torch: string; threads: number }, more = ''): string =>
  `PyTorch ${run.torch} (${run.threads} threads${more}; ${torchBlas()})`;
