import test from 'ava';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { assembleWat, WAT_MODULES, watBinary, watBinarySource } from '../../scripts/wat-assembly.js';

for (const name of WAT_MODULES) {
  test(`${name}-binary.ts is ${name}.wat as assembled now (run \`npm run assemble:wat\` after editing the .wat)`, async (t) => {
    const assembled = await assembleWat(name);
    t.is(readFileSync(fileURLToPath(watBinary(name)), 'utf8'), watBinarySource(name, assembled));
    t.not(assembled.shared, assembled.unshared);
  });
}
