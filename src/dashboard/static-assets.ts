import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** The page's files: shipped in `src/dashboard/page/` (found from `src/` and from `dist/`) and uPlot's package. */
const page = (name: string): string => fileURLToPath(new URL(`../../src/dashboard/page/${name}`, import.meta.url));
const uplot = (name: string): string => createRequire(import.meta.url).resolve(`uplot/dist/${name}`);

const TYPES = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  html: 'text/html; charset=utf-8',
} as const;

/** Every file the server sends besides data, by URL path; nothing else on disk is reachable. */
export const ASSETS: Readonly<Record<string, { readonly path: () => string; readonly type: string }>> = {
  '/': { path: () => page('index.html'), type: TYPES.html },
  '/assets/app.js': { path: () => page('app.js'), type: TYPES.js },
  '/assets/run-state.js': { path: () => page('run-state.js'), type: TYPES.js },
  '/assets/charts.js': { path: () => page('charts.js'), type: TYPES.js },
  '/assets/panels.js': { path: () => page('panels.js'), type: TYPES.js },
  '/assets/dom.js': { path: () => page('dom.js'), type: TYPES.js },
  '/assets/style.css': { path: () => page('style.css'), type: TYPES.css },
  '/assets/uPlot.esm.js': { path: () => uplot('uPlot.esm.js'), type: TYPES.js },
  '/assets/uPlot.min.css': { path: () => uplot('uPlot.min.css'), type: TYPES.css },
};

const cache = new Map<string, Promise<Buffer>>();

/** The bytes of asset `url`, read once. */
export function assetBytes(url: string): Promise<Buffer> | undefined {
  const asset = Object.hasOwn(ASSETS, url) ? ASSETS[url] : undefined;
  if (asset === undefined) return undefined;
  let bytes = cache.get(url);
  if (bytes === undefined) {
    bytes = readFile(asset.path());
    cache.set(url, bytes);
    bytes.catch(() => cache.delete(url));
  }
  return bytes;
}
