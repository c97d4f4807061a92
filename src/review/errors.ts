// Errors of the review tool the user must fix (a corrupt reviews.jsonl, a
// missing run): printed by the CLI without a stack trace, exit 2.

import { UserFacingError } from '../errors.js';

export class ReviewError extends UserFacingError {}
