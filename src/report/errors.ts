// Errors the user must fix (a missing run folder, a corrupt line): the CLI
// prints the message, which names the file and line, and exits 2.

import { UserFacingError } from '../errors.js';

export class ReportError extends UserFacingError {}
