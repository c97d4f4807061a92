// A run folder the user must fix (missing, or a line that does not read): the
// CLI prints the message, which names the file and line, and exits 2.
export class RunError extends Error {
  readonly userFacing = true;
  constructor(message: string) {
    super(message);
    this.name = 'RunError';
  }
}
