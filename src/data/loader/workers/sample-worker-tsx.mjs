// The worker entry when running from the TypeScript sources: Node 20 does not apply tsx's loader
// flags to worker threads, so register it here, then load the worker itself.
const { register } = await import('tsx/esm/api');
register();
globalThis[Symbol.for('rxtrain.tsxRegistered')] = true; // import-module.ts's TSX_REGISTERED
const { default: transformChunk } = await import('./sample-worker.ts');
export default transformChunk;
