// The package as a user installs it: `npm pack`, the tarball installed into a temporary project
// without downloading (install-tarball.ts), then a plain-Node ESM script and a CommonJS require()
// against it, and a TypeScript consumer type-checked with strict settings and skipLibCheck off.
// Measured on 2 busy cores: the first test 1m53s, the type check 9m (six tsc runs, now three), so
// the type check runs where RXTRAIN_PACKAGE_TYPES=1 is set (.ci/run) and is skipped, saying so, in
// a plain npm test.
import { execFile } from 'node:child_process';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import sharp from 'sharp';
import test from 'ava';
import { tempFolder } from '../temp-folder.js';
import { installTarball, packTarball } from './install-tarball.js';

const run = promisify(execFile);
const here = (name: string) => fileURLToPath(new URL(name, import.meta.url));
const STRICT = [
  '--noEmit',
  '--strict',
  '--noUncheckedIndexedAccess',
  '--exactOptionalPropertyTypes',
  '--skipLibCheck',
  'false',
  '--target',
  'es2022',
];
// node16 resolves as nodenext does for this package (both read `exports` with the import condition).
const RESOLUTIONS = [
  ['nodenext', 'nodenext'],
  ['esnext', 'bundler'],
] as const;
const typesTest = process.env.RXTRAIN_PACKAGE_TYPES === '1' ? test : test.skip;

/** Eight tiny JPEGs named as Kaggle's cats and dogs. */
async function catDogFolder(dir: string): Promise<void> {
  await mkdir(dir);
  for (let i = 0; i < 8; i++) {
    const background = i % 2 ? { r: 30, g: 60, b: 200 } : { r: 210, g: 120, b: 40 };
    await sharp({ create: { width: 40 + i, height: 36, channels: 3, background } })
      .jpeg()
      .toFile(join(dir, `${i % 2 ? 'dog' : 'cat'}.${i}.jpg`));
  }
}

/** tsc's error lines, each `file(line,col): error TSxxxx: message`. */
const tscErrors = (output: string) => output.split('\n').filter((line) => / error TS\d+:/.test(line));
const typeCheck = (project: string, file: string, module: string, resolution: string) =>
  run(
    process.execPath,
    [
      join(project, 'node_modules/typescript/bin/tsc'),
      ...STRICT,
      '--module',
      module,
      '--moduleResolution',
      resolution,
      file,
    ],
    { cwd: project },
  ).then(
    () => [] as string[],
    (error: { stdout: string }) => tscErrors(error.stdout),
  );

test('the packed tarball installs, runs a plain-Node ESM script that trains 2 steps, and require()s', async (t) => {
  const dir = await tempFolder(t, 'package');
  const project = join(dir, 'project');
  await installTarball(project, await packTarball(dir));
  await catDogFolder(join(dir, 'data'));
  await copyFile(here('app.mjs'), join(project, 'app.mjs'));

  const { stdout } = await run(process.execPath, ['app.mjs', join(dir, 'data'), join(dir, 'run')], { cwd: project });
  t.regex(stdout, /^step 1 loss \d+\.\d{4}$/m);
  t.regex(stdout, /^step 2 loss \d+\.\d{4}$/m);
  t.regex(stdout, /^done 2 steps$/m);

  await writeFile(join(project, 'require.cjs'), "console.log(typeof require('rxtrain').trainStream);\n");
  t.is((await run(process.execPath, ['require.cjs'], { cwd: project })).stdout.trim(), 'function');
  const help = await run(process.execPath, ['node_modules/rxtrain/bin/rxtrain.cjs', '--help'], { cwd: project });
  t.regex(help.stdout, /^usage: rxtrain <command>/);
});

typesTest(
  'a TypeScript consumer type-checks against the shipped .d.ts: strict, noUncheckedIndexedAccess, exactOptionalPropertyTypes, skipLibCheck off (run with RXTRAIN_PACKAGE_TYPES=1, as .ci/run does)',
  async (t) => {
    const dir = await tempFolder(t, 'types');
    await installTarball(dir, await packTarball(dir), ['typescript']);
    await copyFile(here('consumer.ts'), join(dir, 'consumer.ts'));
    // TensorFlow.js's own .d.ts files have errors under `strict` (they are not written for it): they
    // are the baseline, what a project importing only TensorFlow.js's layers types gets.
    await writeFile(
      join(dir, 'baseline.ts'),
      "import type { LayersModel } from '@tensorflow/tfjs';\nexport type Model = LayersModel;\n",
    );
    const baseline = await typeCheck(dir, 'baseline.ts', 'nodenext', 'nodenext');
    for (const [module, resolution] of RESOLUTIONS) {
      const errors = await typeCheck(dir, 'consumer.ts', module, resolution);
      t.deepEqual(
        errors.filter((error) => !baseline.includes(error)),
        [],
        `moduleResolution ${resolution}: errors beyond TensorFlow.js's own`,
      );
      const ours = errors.filter((error) => /^consumer\.ts|(^|\/)node_modules\/rxtrain\//.test(error));
      t.deepEqual(ours, [], `moduleResolution ${resolution}: errors in rxtrain's declarations or the consumer`);
    }
  },
);
