// Counts the .ts files in each folder of src/ and the imports that cross folders, split into
// those that go through the target folder's index.ts and those that reach a deeper file.
//   npx tsx scripts/import-stats.ts [srcDir]
// A folder is a top-level folder of src/ (data, train, ...); inside src/train/ each sub-folder
// (a room) is also counted as a folder of its own in the second table.
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

const src = resolve(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 'src');

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

function resolveImport(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(from), specifier.replace(/\.js$/, ''));
  for (const candidate of [`${base}.ts`, join(base, 'index.ts')]) {
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** The folder path under src/ of `depth` segments (`train` or `train/loop`); '.' for src/ itself. */
function folderOf(file: string, depth: number): string {
  const parts = relative(src, dirname(file)).split(sep).filter(Boolean);
  return parts.length === 0 ? '.' : parts.slice(0, depth).join('/');
}

function roomOf(file: string): string {
  const top = folderOf(file, 1);
  return top === 'train' ? folderOf(file, 2) : top;
}

const files = tsFiles(src);

console.log('# .ts files per folder (direct children; total including sub-folders)');
const dirs = [...new Set(files.map((f) => relative(src, dirname(f)) || '.'))].sort();
for (const dir of dirs) {
  const direct = files.filter((f) => (relative(src, dirname(f)) || '.') === dir).length;
  const total = dir === '.' ? files.length : files.filter((f) => relative(src, f).startsWith(`${dir}/`)).length;
  console.log(`${dir.padEnd(28)} ${String(direct).padStart(4)} ${String(total).padStart(5)}`);
}

interface Counts {
  index: number;
  deep: number;
}

function count(folder: (file: string) => string): Counts & { deepTargets: Map<string, number> } {
  const counts = { index: 0, deep: 0, deepTargets: new Map<string, number>() };
  for (const file of files) {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const { fileName } of info.importedFiles) {
      const target = resolveImport(file, fileName);
      if (target === undefined || folder(target) === folder(file)) continue;
      const isDoor = target === join(src, folder(target), 'index.ts');
      if (isDoor) counts.index += 1;
      else {
        counts.deep += 1;
        const key = relative(src, target);
        counts.deepTargets.set(key, (counts.deepTargets.get(key) ?? 0) + 1);
      }
    }
  }
  return counts;
}

const top = count((f) => folderOf(f, 1));
console.log('\n# imports between top-level folders of src/ (one per import or export-from statement)');
console.log(`through the target folder's index.ts: ${top.index}`);
console.log(`to a deeper file:                     ${top.deep}`);

const rooms = count(roomOf);
console.log('\n# the same, with each sub-folder of src/train/ counted as a folder');
console.log(`through the target folder's index.ts: ${rooms.index}`);
console.log(`to a deeper file:                     ${rooms.deep}`);

if (process.argv.includes('--list')) {
  console.log('\n# deep targets');
  for (const [target, n] of [...rooms.deepTargets].sort((a, b) => b[1] - a[1])) console.log(`${n} ${target}`);
}
