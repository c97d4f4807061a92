import { Command, CommanderError } from 'commander';
import { createRequire } from 'node:module';
import { fsCause } from '../run/errors.js';
import { COMMANDS } from './commands/index.js';
import { EXIT_FATAL, UsageError, type CliContext } from './context.js';

const require = createRequire(import.meta.url);
const pkg = require('../../package.json') as { version: string };

/** Errors that carry a user-facing message (bad file, bad YAML): no stack trace. */
function isUserFacing(err: unknown): err is Error {
  return err instanceof Error && (err instanceof UsageError || (err as { userFacing?: boolean }).userFacing === true);
}

/**
 * A file-system error no command turned into a message of its own (a folder
 * where a file belongs, a full disk): one line with the path and the cause.
 */
function fileSystemProblem(err: unknown): string | undefined {
  const cause = fsCause(err);
  const where = (err as NodeJS.ErrnoException | undefined)?.path;
  return cause !== undefined && typeof where === 'string' ? `${where}: ${cause}` : undefined;
}

export function buildProgram(ctx: CliContext): Command {
  const program = new Command('spiral')
    .description('Measure how far human-rights norms have taken hold in government discourse.')
    .version(pkg.version)
    .exitOverride()
    .configureOutput({ writeOut: (s) => ctx.stdout(s), writeErr: (s) => ctx.stderr(s) });
  for (const register of COMMANDS) register(program, ctx);
  for (const sub of program.commands) sub.exitOverride();
  return program;
}

/** Run spiral with the given arguments (without node and script); resolves to the exit code. */
export async function main(argv: string[], ctx: CliContext): Promise<number> {
  const program = buildProgram(ctx);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return ctx.exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? 0 : EXIT_FATAL;
    }
    if (isUserFacing(err)) {
      ctx.stderr(`spiral: ${err.message}\n`);
      return EXIT_FATAL;
    }
    const fsProblem = fileSystemProblem(err);
    if (fsProblem) {
      ctx.stderr(`spiral: ${fsProblem}\n`);
      return EXIT_FATAL;
    }
    ctx.stderr(`spiral: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return EXIT_FATAL;
  }
}
