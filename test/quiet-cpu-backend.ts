// Loaded by ava before every test file (package.json `ava.require`): tests that pick the CPU backend
// with tf.setBackend, without rxtrain's initBackend, get no "install the node backend" banner either.
import { silenceCpuBackendNotice } from '../src/backend/cpu-notice.js';

silenceCpuBackendNotice();
