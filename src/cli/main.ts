import { terminalSink } from '../report/index.js';
import { endOnClosedOutput } from './closed-output.js';
import { EXIT, runCli } from './run-cli.js';

endOnClosedOutput(process.stdout);
endOnClosedOutput(process.stderr);

const code = await runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  terminal: process.stdout.isTTY ? terminalSink(process.stdout) : undefined,
});
process.exitCode = code;
// An interrupted run has freed what it could; a read still blocked in a system call must not keep the process alive.
if (code === EXIT.interrupted || code === EXIT.terminated) process.exit(code);
