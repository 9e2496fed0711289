/**
 * The GPU check, as `rxtrain benchmark` runs it (its flags too), from the sources:
 *
 *   npm run bench:gpu                                   # full-width AlexNet, 224 px, batch 128 on a GPU
 *   npm run bench:gpu -- --batch 8 --width-divisor 2 --steps 2 --per-class 32
 */
import { runCli } from '../src/cli/index.js';

process.exitCode = await runCli(['benchmark', ...process.argv.slice(2)], {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
});
