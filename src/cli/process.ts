// The one file that binds spiral to the real process.
import { main } from './main.js';
import type { CliContext } from './context.js';

export async function runFromProcess(): Promise<void> {
  const ctx: CliContext = {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    isTTY: Boolean(process.stderr.isTTY),
    cwd: process.cwd(),
    env: process.env,
    readStdin: () => process.stdin,
    exitCode: 0,
  };
  process.exitCode = await main(process.argv.slice(2), ctx);
}
