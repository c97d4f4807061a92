// What a command may use to talk to the outside world. Commands never touch
// `process` directly: main() builds this from the real process, tests build it
// from buffers, so every command is testable in-process.
export interface CliContext {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stderr is a terminal (progress bars) — plain periodic lines otherwise. */
  isTTY: boolean;
  cwd: string;
  env: Record<string, string | undefined>;
  /** Read all of standard input (for `spiral tag -`). */
  readStdin: () => AsyncIterable<string | Buffer>;
  /** Set by a command: 0 ok, 1 findings/threshold not met, 2 usage or fatal. */
  exitCode: number;
}

/** A failure the user must fix (bad option, bad file): printed without a stack trace, exit 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_FATAL = 2;
