import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const repo = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);

/** `npm pack` of the repository without its scripts (npm test has just built dist/): the tarball's path. */
export async function packTarball(into: string): Promise<string> {
  if (!existsSync(join(repo, 'dist', 'index.js')))
    throw new Error('dist/ is missing: run `npm run build` (npm test does)');
  const { stdout } = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', into], {
    cwd: repo,
  });
  const [{ filename }] = JSON.parse(stdout) as [{ filename: string }];
  return join(into, filename);
}

/** Top-level folders of the packages `npm ls` finds installed for production, e.g. `rxjs`, `@img/sharp-linux-x64`. */
async function productionPackages(): Promise<string[]> {
  const listing = await run('npm', ['ls', '--omit=dev', '--all', '--parseable'], {
    cwd: repo,
    maxBuffer: 16 << 20,
  }).catch(
    (error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }), // npm ls exits 1 over optional packages that are absent
  );
  const modules = join(repo, 'node_modules') + sep;
  const names = listing.stdout
    .split('\n')
    .filter((path) => path.startsWith(modules))
    .map((path) => relative(modules, path).split(sep))
    .filter((parts) => !parts.includes('node_modules'))
    .map((parts) => (parts[0]?.startsWith('@') ? parts.slice(0, 2) : parts.slice(0, 1)).join('/'));
  return [...new Set(names)];
}

/**
 * A project that installed the tarball, without downloading: the tarball unpacked into
 * `node_modules/rxtrain`, as npm does, and beside it links to this repository's installed
 * production dependencies only (a module the package imports but does not depend on is not found),
 * plus `extra` tools the project itself uses.
 */
export async function installTarball(project: string, tarball: string, extra: readonly string[] = []): Promise<void> {
  const target = join(project, 'node_modules', 'rxtrain');
  await mkdir(target, { recursive: true });
  await run('tar', ['xzf', tarball, '-C', target, '--strip-components=1']);
  for (const name of [...(await productionPackages()), ...extra]) {
    const link = join(project, 'node_modules', name);
    if (existsSync(link)) continue;
    await mkdir(dirname(link), { recursive: true });
    await symlink(join(repo, 'node_modules', name), link, 'dir');
  }
  await writeFile(
    join(project, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, type: 'module', dependencies: { rxtrain: `file:${tarball}` } }),
  );
}
