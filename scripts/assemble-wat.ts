import { writeFileSync } from 'node:fs';
import { assembleSgdUpdate, SGD_UPDATE_BINARY, sgdUpdateBinarySource } from './wat-assembly.js';

writeFileSync(SGD_UPDATE_BINARY, sgdUpdateBinarySource(await assembleSgdUpdate()));
console.log(`wrote ${SGD_UPDATE_BINARY.pathname}`);
