import { execFile } from 'node:child_process';
import { appendFile, cp, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import test, { type ExecutionContext } from 'ava';
import { tempFolder } from '../temp-folder.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const depcruise = join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

/** dependency-cruiser's verdict on `src` in `cwd` under the repository's rules: its exit status and report. */
async function cruise(cwd: string): Promise<{ code: number; report: string }> {
  const args = [depcruise, 'src', '--config', join(root, '.dependency-cruiser.cjs'), '--output-type', 'err'];
  try {
    const { stdout } = await promisify(execFile)(process.execPath, args, { cwd, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, report: stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, report: failed.stdout };
  }
}

test('the sources keep the layering of docs/architecture.md: no violation of .dependency-cruiser.cjs', async (t) => {
  const { code, report } = await cruise(root);
  t.is(code, 0, report);
  t.regex(report, /no dependency violations found/);
});

/** A copy of the sources in a temporary folder with `line` added to `file`. */
async function plantedCopy(t: ExecutionContext, file: string, line: string): Promise<string> {
  const copy = await tempFolder(t, 'layering');
  await cp(join(root, 'src'), join(copy, 'src'), { recursive: true });
  await cp(join(root, 'tsconfig.json'), join(copy, 'tsconfig.json'));
  await symlink(join(root, 'node_modules'), join(copy, 'node_modules'), 'dir');
  await appendFile(join(copy, file), `\n${line}\n`);
  return copy;
}

test('an upward import planted in a copy (backend importing train) fails the layer rule, which the report names', async (t) => {
  const copy = await plantedCopy(
    t,
    'src/backend/backend-names.ts',
    "export { trainStream as planted } from '../train/index.js';",
  );
  const { code, report } = await cruise(copy);
  t.not(code, 0, report);
  t.regex(report, /error layer-backend: src\/backend\/backend-names\.ts → src\/train\/index\.ts/);
});

test('a deep import into another folder planted in a copy fails the door rule', async (t) => {
  const copy = await plantedCopy(
    t,
    'src/infer/predict.ts',
    "export { crossEntropy as planted } from '../train/optim/loss.js';",
  );
  const { code, report } = await cruise(copy);
  t.not(code, 0, report);
  t.regex(report, /error door-only: src\/infer\/predict\.ts → src\/train\/optim\/loss\.ts/);
});
