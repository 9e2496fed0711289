/**
 * `npm run build:portable`: rxtrain-<version>-linux-x64.tar.xz in .portable/, a CLI that runs
 * where Node is not installed: this machine's Node runtime, the CLI bundled by esbuild, the
 * native parts for linux-x64 beside it, the Vulkan loader, and bin/rxtrain. Fails if the archive
 * is over 48 MiB. Needs linux-x64, the installed node_modules, apt-get and dpkg-deb.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleCli } from './bundle.js';
import { bundledLicences } from './licences.js';
import { copyNativeParts } from './native-parts.js';
import { addVulkanLoader } from './vulkan-loader.js';

export const MAX_ARCHIVE_BYTES = 48 * 2 ** 20;

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { name, version, license } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<
  string,
  string
>;
if (process.platform !== 'linux' || process.arch !== 'x64')
  throw new Error(`portable build: linux-x64 only, this is ${process.platform}-${process.arch}`);

const out = join(root, '.portable');
const folder = `${name}-${version}-linux-x64`;
const stage = join(out, folder);
const archive = join(out, `${folder}.tar.xz`);
rmSync(stage, { recursive: true, force: true });
rmSync(archive, { force: true });
mkdirSync(join(stage, 'licenses'), { recursive: true });

const metafile = await bundleCli(root, join(stage, 'dist', 'cli'));
copyNativeParts(root, stage);
const vulkan = addVulkanLoader(join(stage, 'lib'), join(stage, 'licenses'));

// This machine's Node runtime, without its debugging symbols where `strip` is installed.
const node = join(stage, 'lib', 'node');
copyFileSync(process.execPath, node);
try {
  execFileSync('strip', [node]);
} catch {
  process.stderr.write('portable build: strip not found; the Node runtime keeps its symbols\n');
}
const nodeLicence = ['../LICENSE', '../share/doc/nodejs/LICENSE', '../share/doc/node/LICENSE']
  .map((p) => resolve(dirname(process.execPath), p))
  .find(existsSync);
if (nodeLicence === undefined) throw new Error(`portable build: no LICENSE found beside ${process.execPath}`);
copyFileSync(nodeLicence, join(stage, 'licenses', 'node.LICENSE'));

mkdirSync(join(stage, 'bin'));
copyFileSync(join(root, 'scripts', 'portable', 'rxtrain.sh'), join(stage, 'bin', 'rxtrain'));
chmodSync(join(stage, 'bin', 'rxtrain'), 0o755);
// The package's own layout: packageVersion() reads ../../package.json from dist/cli.
writeFileSync(
  join(stage, 'package.json'),
  `${JSON.stringify({ name, version, license, type: 'module', private: true }, null, 2)}\n`,
);
copyFileSync(join(root, 'LICENSE'), join(stage, 'LICENSE'));
writeFileSync(join(stage, 'licenses', 'THIRD-PARTY-LICENSES.txt'), bundledLicences(root, metafile));
writeFileSync(
  join(stage, 'BUILD.json'),
  `${JSON.stringify({ rxtrain: version, node: process.version, libvulkan1: vulkan, built: new Date().toISOString() }, null, 2)}\n`,
);

execFileSync('tar', ['--create', '--xz', '--owner=0', '--group=0', '--file', archive, '--directory', out, folder], {
  env: { ...process.env, XZ_OPT: '-9 -T0' },
});
rmSync(stage, { recursive: true, force: true });
const bytes = statSync(archive).size;
process.stdout.write(`${archive}: ${(bytes / 2 ** 20).toFixed(1)} MiB (limit ${MAX_ARCHIVE_BYTES / 2 ** 20} MiB)\n`);
if (bytes > MAX_ARCHIVE_BYTES) {
  process.stderr.write('portable build: the archive is over its limit\n');
  process.exitCode = 1;
}
