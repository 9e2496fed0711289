import { readdirSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import test from 'ava';

const src = fileURLToPath(new URL('../../src/', import.meta.url));
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );

/**
 * Names that may repeat: a folder's door and its errors; a transform's function in data/functional/
 * and its operator in data/operators/ (torchvision's functional/transforms split); a CLI command's
 * file in cli/commands/ and the library function of that name it runs, outside cli/.
 */
const EXEMPT = new Set(['index.ts', 'errors.ts']);
const mirrors = (a: string, b: string) => {
  const pair = [a, b]
    .map((path) => path.split('/').slice(0, -1).join('/'))
    .sort()
    .join(' ');
  if (pair === 'data/functional data/operators') return true;
  const [command, other] = a.startsWith('cli/commands/') ? [a, b] : [b, a];
  return command.startsWith('cli/commands/') && !other.startsWith('cli/');
};

test('no two files in src/ carry the same name for different things', (t) => {
  const byName = new Map<string, string[]>();
  for (const file of files(src)) {
    const name = basename(file);
    if (!EXEMPT.has(name)) byName.set(name, [...(byName.get(name) ?? []), relative(src, file)]);
  }
  const clashes = [...byName.values()].filter(
    (paths) => paths.length > 1 && !(paths.length === 2 && mirrors(paths[0]!, paths[1]!)),
  );
  t.deepEqual(clashes, []);
});
