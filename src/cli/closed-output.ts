import { EXIT } from './run-cli.js';

/**
 * Ends the process quietly when `stream`'s reader goes away (`rxtrain train … | head -1`): exit
 * status 141, as a command killed by SIGPIPE, instead of an unhandled `EPIPE` error and its stack.
 */
export function endOnClosedOutput(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(EXIT.closedOutput);
    throw error;
  });
}
