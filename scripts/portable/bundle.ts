import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build, type Metafile, type Plugin } from 'esbuild';

/** Packages left out of the bundle: native ones, shipped beside it (sharp's binaries, Dawn) or absent from the archive (libtensorflow; piscina's optional thread niceness), and vega's optional canvas. */
export const EXTERNAL = [
  '@img/sharp-*',
  'webgpu',
  '@tensorflow/tfjs-node',
  '@tensorflow/tfjs-node-gpu',
  'canvas',
  '@napi-rs/nice',
];

/** `require`, `__filename` and `__dirname` for the CommonJS packages compiled into an ES module (Emscripten's glue, sharp, piscina). */
const NODE_GLOBALS = [
  "import { createRequire as __rxtrainCreateRequire } from 'node:module';",
  "import { fileURLToPath as __rxtrainFileURLToPath } from 'node:url';",
  'const require = __rxtrainCreateRequire(import.meta.url);',
  'const __filename = __rxtrainFileURLToPath(import.meta.url);',
  "const __dirname = __rxtrainFileURLToPath(new URL('.', import.meta.url));",
].join('\n');

const WORKER_FILE = 'sample-worker.js';
const RECIPE = 'module: import.meta.url';

/**
 * A module that names itself as a worker recipe's module (`module: import.meta.url`) is, in the
 * bundle, the worker bundle: it names that file instead, and the worker bundle must export each
 * recipe's function (worker-entry.ts), or the build fails.
 */
function recipesPointAtWorker(workerEntry: string): Plugin {
  return {
    name: 'recipes-point-at-worker',
    setup(setup) {
      setup.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async ({ path }) => {
        const source = await readFile(path, 'utf8');
        if (!source.includes(RECIPE)) return undefined;
        const exported = await readFile(workerEntry, 'utf8');
        for (const [, name] of source.matchAll(/exportName: '(\w+)'/g)) {
          if (!new RegExp(`\\b${name}\\b`).test(exported))
            throw new Error(`${path}: the worker recipe ${name} is not exported by ${workerEntry}`);
        }
        return {
          contents: source.replaceAll(RECIPE, `module: new URL('./${WORKER_FILE}', import.meta.url).href`),
          loader: 'ts',
        };
      });
    },
  };
}

/**
 * The CLI as ES modules in `outdir` (dist/cli of the archive, where the package keeps it):
 * `main.js`, the loader worker `sample-worker.js` (where `workerEntry` looks for it beside the
 * worker pool's code), and piscina's own thread entry `worker.js` (which piscina starts from beside
 * its code). Returns esbuild's account of the inputs, for the licences.
 */
export async function bundleCli(root: string, outdir: string): Promise<Metafile> {
  const here = join(root, 'scripts', 'portable');
  const workerEntry = join(here, 'worker-entry.ts');
  const result = await build({
    absWorkingDir: root,
    entryPoints: [
      { in: join(here, 'entry.ts'), out: 'main' },
      { in: workerEntry, out: 'sample-worker' },
      { in: join(root, 'node_modules', 'piscina', 'dist', 'worker.js'), out: 'worker' },
    ],
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minify: true,
    legalComments: 'none',
    external: EXTERNAL,
    banner: { js: NODE_GLOBALS },
    plugins: [recipesPointAtWorker(workerEntry)],
    metafile: true,
    logLevel: 'warning',
    logOverride: { 'require-resolve-not-external': 'silent', 'empty-import-meta': 'silent' },
  });
  return result.metafile;
}
