// Errors the user must fix (a missing run folder, a corrupt line): the CLI
// prints the message, which names the file and line, and exits 2.
export class ReportError extends Error {
  readonly userFacing = true;
  constructor(message: string) {
    super(message);
    this.name = 'ReportError';
  }
}
