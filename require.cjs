// `require('rxtrain')`: rxtrain is an ES module, with one copy of its state (the backend it chose,
// registered kernels) whichever way it is loaded. Node versions that can require() an ES module
// (20.19+, 22.12+) load that same module; older ones get this error instead of a loader failure.
if (!process.features.require_module) {
  const error = new Error(
    `rxtrain is an ES module, and Node ${process.version} cannot require() one: ` +
      "use `import { trainStream } from 'rxtrain'` (or `await import('rxtrain')` from CommonJS), " +
      'or a Node that can (20.19+, 22.12+, without --no-experimental-require-module).',
  );
  error.code = 'ERR_REQUIRE_ESM';
  throw error;
}
module.exports = require('./dist/index.js');
