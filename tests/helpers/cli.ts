// Run the CLI in-process with captured output, as a user would from a shell.
import { main } from '../../src/cli/main.js';
import type { CliContext } from '../../src/cli/context.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(argv: string[], options: { stdin?: string; cwd?: string; env?: Record<string, string | undefined> } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const ctx: CliContext = {
    stdout: (s) => {
      stdout += s;
    },
    stderr: (s) => {
      stderr += s;
    },
    isTTY: false,
    cwd: options.cwd ?? process.cwd(),
    // The test run's lexicon cache (tests/global-setup.ts); otherwise nothing of the environment.
    env: options.env ?? { SPIRAL_CACHE_DIR: process.env.SPIRAL_CACHE_DIR },
    readStdin: async function* () {
      if (options.stdin !== undefined) yield options.stdin;
    },
    exitCode: 0,
  };
  const code = await main(argv, ctx);
  return { code, stdout, stderr };
}
