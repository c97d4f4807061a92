import { Command, CommanderError, Help } from 'commander';
import { createRequire } from 'node:module';
import { fsCause } from '../run/errors.js';
import { COMMANDS, type CommandEntry } from './commands/index.js';
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

/**
 * The command the arguments run (or ask help for: `spiral help tag`): the
 * first word that is not an option, since spiral's own options (-V, -h) take
 * no value. Undefined for `spiral`, `spiral --help`, `spiral help`.
 */
export function invokedCommand(argv: readonly string[]): string | undefined {
  const words = argv.filter((a) => !a.startsWith('-'));
  return words[0] === 'help' ? words[1] : words[0];
}

/**
 * The program for these arguments: the command they run is loaded and
 * registered in full; every other command is a placeholder with its name and
 * description for the command list, so `spiral --help` loads no command
 * module at all. Without arguments, every command is loaded (tests).
 */
export async function buildProgram(ctx: CliContext, argv?: readonly string[]): Promise<Command> {
  const wanted = argv === undefined ? undefined : invokedCommand(argv);
  const placeholders = new Map<Command, CommandEntry>();
  const program = new Command('spiral')
    .description('Measure how far human-rights norms have taken hold in government discourse.')
    .version(pkg.version)
    .exitOverride()
    .configureOutput({ writeOut: (s) => ctx.stdout(s), writeErr: (s) => ctx.stderr(s) })
    .configureHelp({ subcommandTerm: (cmd) => placeholders.get(cmd)?.term ?? Help.prototype.subcommandTerm.call(new Help(), cmd) });
  for (const entry of COMMANDS) {
    if (argv === undefined || entry.name === wanted) (await entry.load())(program, ctx);
    else placeholders.set(program.command(entry.name).description(entry.description), entry);
  }
  for (const sub of program.commands) sub.exitOverride();
  return program;
}

/** Run spiral with the given arguments (without node and script); resolves to the exit code. */
export async function main(argv: string[], ctx: CliContext): Promise<number> {
  const program = await buildProgram(ctx, argv);
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
