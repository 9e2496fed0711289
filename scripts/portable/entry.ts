// The portable CLI's entry: the packages compiled into this one file that rxtrain otherwise
// imports by a name known only at run time, then the CLI itself.
import { provideBundledPackages } from '../../src/backend/loaders/import-optional.js';

provideBundledPackages({ '@tensorflow/tfjs-backend-webgpu': () => import('@tensorflow/tfjs-backend-webgpu') });

await import('../../src/cli/main.js');
