import { writeFileSync } from 'node:fs';
import { assembleWat, WAT_MODULES, watBinary, watBinarySource } from './wat-assembly.js';

for (const name of WAT_MODULES) {
  writeFileSync(watBinary(name), watBinarySource(name, await assembleWat(name)));
  console.log(`wrote ${watBinary(name).pathname}`);
}
