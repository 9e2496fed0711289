import test from 'ava';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { assembleSgdUpdate, SGD_UPDATE_BINARY, sgdUpdateBinarySource } from '../../scripts/wat-assembly.js';

test('sgd-update-binary.ts is sgd-update.wat as assembled now (run `npm run assemble:wat` after editing the .wat)', async (t) => {
  const assembled = await assembleSgdUpdate();
  t.is(readFileSync(fileURLToPath(SGD_UPDATE_BINARY), 'utf8'), sgdUpdateBinarySource(assembled));
  t.not(assembled.shared, assembled.unshared);
});
