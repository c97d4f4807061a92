// Errors in facts and deeds files carry the file and line, so the CLI prints
// `file:line: message` and exits 2 without a stack trace.

import { UserFacingError } from '../errors.js';

export interface Problem {
  file: string;
  line?: number;
  message: string;
}

export function formatProblem(p: Problem): string {
  return `${p.file}${p.line !== undefined ? `:${p.line}` : ''}: ${p.message}`;
}

/** One or more problems in an input file; all are reported at once. */
export class InputFileError extends UserFacingError {
  constructor(readonly problems: Problem[]) {
    super(problems.map(formatProblem).join('\n'));
  }
}
