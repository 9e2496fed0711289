#!/usr/bin/env node
// The `rxtrain` command: runs the compiled CLI in dist/ (`npm run build`; installing the package
// builds it).
// CommonJS on purpose: libuv reads UV_THREADPOOL_SIZE when its pool starts, which for an ES module
// entry happens before the module's first line; sharp decodes one image per pool thread, and on a
// training machine cores + 1 keeps every core decoding (docs/pipeline.md).
const { existsSync } = require('node:fs');
const { availableParallelism } = require('node:os');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

process.env.UV_THREADPOOL_SIZE ??= String(availableParallelism() + 1);
const main = join(__dirname, '..', 'dist', 'cli', 'main.js');
if (!existsSync(main)) {
  process.stderr.write(`rxtrain: ${main} is missing: run \`npm run build\` in ${join(__dirname, '..')}\n`);
  process.exit(1);
}
import(pathToFileURL(main).href);
