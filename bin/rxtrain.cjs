#!/usr/bin/env node
// The `rxtrain` command: runs the TypeScript sources through tsx.
// CommonJS on purpose: libuv reads UV_THREADPOOL_SIZE when its pool starts, which for an ES module
// entry happens before the module's first line; sharp decodes one image per pool thread, and on a
// training machine cores + 1 keeps every core decoding (docs/pipeline.md).
const { availableParallelism } = require('node:os');

process.env.UV_THREADPOOL_SIZE ??= String(availableParallelism() + 1);
import('tsx/esm/api').then(({ register }) => {
  register();
  return import('../src/cli/main.ts');
});
