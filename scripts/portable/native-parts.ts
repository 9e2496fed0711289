import { cpSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Files of installed packages the bundle loads at run time, for linux-x64 only, by package: its
 * package.json (Node resolves the package by it) and licence come too.
 * - sharp's binding and libvips (the binding finds libvips by its rpath, `$ORIGIN/../../sharp-libvips-linux-x64/lib`);
 * - Dawn's `dawn.node` with the `webgpu` package's loader around it;
 * - TensorFlow.js's wasm binaries, and the multithreaded build's Emscripten module and worker
 *   script, which its pthread workers load by path (wasm-threads-node.ts).
 */
export const NATIVE_PARTS: Readonly<Record<string, readonly string[]>> = {
  '@img/sharp-linux-x64': ['index.cjs', 'lib'],
  '@img/sharp-libvips-linux-x64': ['lib', 'versions.json', 'README.md'], // README.md: libvips's licences
  webgpu: ['index.js', 'dist/linux-x64/dawn.node'],
  '@tensorflow/tfjs-backend-wasm': [
    'dist/tfjs-backend-wasm.wasm',
    'dist/tfjs-backend-wasm-simd.wasm',
    'dist/tfjs-backend-wasm-threaded-simd.wasm',
    'wasm-out/tfjs-backend-wasm-threaded-simd.js',
    'wasm-out/tfjs-backend-wasm-threaded-simd.worker.js',
  ],
};

const LICENCE = /^(licen[cs]e|copying|notice)/i;

/** Copies the native parts from `root`'s node_modules into `stage`'s, failing on any that is missing. */
export function copyNativeParts(root: string, stage: string): void {
  for (const [name, paths] of Object.entries(NATIVE_PARTS)) {
    const from = join(root, 'node_modules', name);
    const to = join(stage, 'node_modules', name);
    const licences = existsSync(from) ? readdirSync(from).filter((file) => LICENCE.test(file)) : [];
    for (const path of ['package.json', ...licences, ...paths]) {
      const source = join(from, path);
      if (!existsSync(source))
        throw new Error(`portable build: ${source} is missing (npm install on linux-x64 installs it)`);
      mkdirSync(dirname(join(to, path)), { recursive: true });
      cpSync(source, join(to, path), { recursive: true, dereference: true });
    }
  }
}
