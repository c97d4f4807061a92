// The one file that binds spiral to the real process.
import { main } from './main.js';
import type { CliContext } from './context.js';

/**
 * Standard output that goes quiet once its reader has gone (`spiral tag x |
 * head`): the pipe's EPIPE is the reader's choice, not a failure, so the
 * command finishes its own work (files still written whole) without a stack
 * trace. Any other output error is still thrown.
 */
function stdoutUntilClosed(): (s: string) => void {
  let closed = false;
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    closed = true;
  });
  return (s) => {
    if (!closed) process.stdout.write(s);
  };
}

export async function runFromProcess(): Promise<void> {
  const ctx: CliContext = {
    stdout: stdoutUntilClosed(),
    stderr: (s) => process.stderr.write(s),
    isTTY: Boolean(process.stderr.isTTY),
    cwd: process.cwd(),
    env: process.env,
    readStdin: () => process.stdin,
    exitCode: 0,
  };
  process.exitCode = await main(process.argv.slice(2), ctx);
}
