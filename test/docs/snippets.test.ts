import { execFile } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import test from 'ava';
import { tempFolderUntilExit } from '../temp-folder.js';
import { blockFileName, documentedBlocks, whereIs, type CodeBlock } from './code-blocks.js';
import { atTinyScale, commandAtTinyScale, TINY_REWRITES } from './tiny-scale.js';
import { strictTsconfig, tinyProject } from './tiny-project.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);
const typescriptBlocks = documentedBlocks(root).filter((block) => block.lang === 'ts');
const folderOf = (block: CodeBlock) => basename(block.doc, '.md');

const project = tempFolderUntilExit('docs');
const ready = (async () => {
  await tinyProject(project, root);
  for (const block of typescriptBlocks) {
    for (const [kind, code] of [
      ['as-written', block.code],
      ['tiny', atTinyScale(block.code).code],
    ] as const) {
      const file = join(project, kind, folderOf(block), blockFileName(block));
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, code);
    }
  }
  await writeFile(join(project, 'tsconfig.json'), strictTsconfig(['as-written/**/*.ts']));
})();

test('the docs have TypeScript blocks, each with its own file name in its document', (t) => {
  t.true(typescriptBlocks.length >= 10);
  for (const doc of new Set(typescriptBlocks.map((block) => block.doc))) {
    const names = typescriptBlocks.filter((block) => block.doc === doc).map(blockFileName);
    t.is(new Set(names).size, names.length, doc);
  }
});

test('every tiny-scale rewrite still matches a block as the docs write it', (t) => {
  const commands = documentedBlocks(root)
    .filter((block) => block.lang === 'sh')
    .flatMap((block) => block.code.split('\n'));
  const used = new Set([
    ...typescriptBlocks.flatMap((block) => atTinyScale(block.code).used),
    ...commands.flatMap((line) => commandAtTinyScale(line).used),
  ]);
  t.deepEqual(
    TINY_REWRITES.filter((_, i) => !used.has(i)),
    [],
  );
});

test('every TypeScript block type-checks as written, in a strict project that installed rxtrain', async (t) => {
  await ready;
  const tsc = join(root, 'node_modules/typescript/bin/tsc');
  const result = await run(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: project }).then(
    () => '',
    (error: { stdout?: string }) => error.stdout ?? String(error),
  );
  t.is(result, '');
});

for (const block of typescriptBlocks) {
  test.serial(`${whereIs(block)} runs at tiny scale`, async (t) => {
    await ready;
    await rm(join(project, 'runs'), { recursive: true, force: true }); // each block is a reader's first run
    const file = join('tiny', folderOf(block), blockFileName(block));
    const { stdout, stderr } = await run(process.execPath, ['--import=tsx', file], {
      cwd: project,
      timeout: 240_000,
    }).catch((error: { stdout?: string; stderr?: string; code?: number | string }) => {
      throw new Error(`${whereIs(block)} failed (exit ${error.code}):\n${error.stderr ?? ''}\n${error.stdout ?? ''}`);
    });
    t.notRegex(stderr, /Error|Unhandled/, stderr);
    if (block.code.includes('console.log')) t.not(stdout.trim(), '', 'the block prints, so its run must have printed');
  });
}
