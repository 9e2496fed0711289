// Starts a backend the way rxtrain does, then fails as an application might: `throw` or `reject`.
import { initBackend } from '../../src/backend/index.js';

const [backend, how] = process.argv.slice(2) as ['wasm' | 'cpu', 'throw' | 'reject'];
await initBackend({ backend });
if (how === 'throw')
  setTimeout(() => {
    throw new Error('the application failed here');
  });
else void Promise.reject(new Error('the application failed here'));
