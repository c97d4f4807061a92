// Errors in lexicon files carry the file and line so the CLI can print
// `file:line: message` and exit 2 without a stack trace.
export interface SourceLocation {
  file: string;
  line?: number;
}

export class LexiconError extends Error {
  readonly userFacing = true;
  constructor(readonly problems: Array<SourceLocation & { message: string }>) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'LexiconError';
  }
}

export function formatProblem(p: SourceLocation & { message: string }): string {
  return `${p.file}${p.line !== undefined ? `:${p.line}` : ''}: ${p.message}`;
}
