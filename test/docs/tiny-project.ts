import { copyFile, mkdir, readdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureDemoData } from '../../src/cli/demo/demo-data.js';

/**
 * A user's project in `dir` as the docs assume it: rxtrain and its dependencies in node_modules
 * (links into this repository, whose `dist/` the package exports) and its command in
 * node_modules/.bin, `data/train` a Kaggle-style folder (12 synthetic cats and 12 dogs), `data/val`
 * and `data/test` smaller ones, `photo.jpg`, `data/alexnet_div32_c10.pth` standing in for torchvision's
 * ImageNet weights (the 1/32-width 10-class checkpoint of test/fixtures/infer), and
 * test/fixtures/infer for the inference guide, which runs from a clone of the repository.
 */
export async function tinyProject(dir: string, root: string): Promise<void> {
  const modules = join(dir, 'node_modules');
  await mkdir(modules, { recursive: true });
  for (const name of await readdir(join(root, 'node_modules'))) {
    if (!name.startsWith('.')) await symlink(join(root, 'node_modules', name), join(modules, name), 'dir');
  }
  await symlink(root, join(modules, 'rxtrain'), 'dir');
  await mkdir(join(modules, '.bin'));
  await symlink(join(root, 'bin', 'rxtrain.cjs'), join(modules, '.bin', 'rxtrain'));
  await ensureDemoData(join(dir, 'data', 'train'), { perClass: 12 });
  await ensureDemoData(join(dir, 'data', 'val'), { perClass: 3, seed: 1 });
  await ensureDemoData(join(dir, 'data', 'test'), { perClass: 2, seed: 2 });
  await copyFile(join(dir, 'data', 'test', 'cat.0.jpg'), join(dir, 'photo.jpg'));
  await copyFile(join(root, 'test/fixtures/infer/alexnet_div32_c10.pth'), join(dir, 'data', 'alexnet_div32_c10.pth'));
  await mkdir(join(dir, 'test', 'fixtures'), { recursive: true });
  await symlink(join(root, 'test/fixtures/infer'), join(dir, 'test/fixtures/infer'), 'dir');
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'docs-reader', private: true, type: 'module' }));
}

/** A strict tsconfig for a user's project that type-checks `include`. */
export function strictTsconfig(include: readonly string[]): string {
  return JSON.stringify({
    compilerOptions: {
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      lib: ['ES2022'],
      types: ['node'],
      strict: true,
      skipLibCheck: true,
      noEmit: true,
      allowImportingTsExtensions: true,
    },
    include,
  });
}
