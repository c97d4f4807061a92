// Errors in lexicon files carry the file and line so the CLI can print
// `file:line: message` and exit 2 without a stack trace.

import { UserFacingError } from '../errors.js';

export interface SourceLocation {
  file: string;
  line?: number;
}

export class LexiconError extends UserFacingError {
  constructor(readonly problems: Array<SourceLocation & { message: string }>) {
    super(problems.map(formatProblem).join('\n'));
  }
}

export function formatProblem(p: SourceLocation & { message: string }): string {
  return `${p.file}${p.line !== undefined ? `:${p.line}` : ''}: ${p.message}`;
}
