import test from 'ava';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { tempFolder } from '../../temp-folder.js';
import { catDogFolder } from './cat-dog-folder.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const compiled = existsSync(join(root, 'dist/index.js'));
const child = fileURLToPath(new URL('typescript-transform.child.mjs', import.meta.url));
const TRANSFORM = `import { seedTrainPipeline } from 'rxtrain';\nexport const tiny = (size: number) => seedTrainPipeline({ imageSize: size });\n`;

/** A project folder holding `augment.ts`, with rxtrain (and tsx, if asked) in its node_modules; the child's output. */
async function runIn(
  t: Parameters<typeof tempFolder>[0],
  withTsx: boolean,
): Promise<{ shape?: number[]; error?: string }> {
  const project = await tempFolder(t, 'ts-transform');
  await mkdir(join(project, 'node_modules'));
  await symlink(root, join(project, 'node_modules', 'rxtrain'), 'dir');
  if (withTsx) await symlink(join(root, 'node_modules', 'tsx'), join(project, 'node_modules', 'tsx'), 'dir');
  await writeFile(join(project, 'augment.ts'), TRANSFORM);
  const data = await catDogFolder(await tempFolder(t, 'ts-transform-data'));
  const { stdout } = await promisify(execFile)(process.execPath, [child, join(project, 'augment.ts'), data], {
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as { shape?: number[]; error?: string };
}

(compiled ? test : test.skip)(
  "the compiled loader runs a TypeScript transform module in its workers with the tsx of that module's project",
  async (t) => {
    t.deepEqual(await runIn(t, true), { shape: [4, 16, 16, 3] });
  },
);

(compiled ? test : test.skip)(
  'without tsx in its project, a TypeScript transform module is a WorkerTransformError saying what to do',
  async (t) => {
    const { error } = await runIn(t, false);
    t.regex(
      error ?? '',
      /augment\.ts is TypeScript, which loader workers can import only with tsx installed in its project/,
    );
  },
);
