// Errors of the review tool the user must fix (a corrupt reviews.jsonl, a
// missing run): printed by the CLI without a stack trace, exit 2.
export class ReviewError extends Error {
  readonly userFacing = true;
  constructor(message: string) {
    super(message);
    this.name = 'ReviewError';
  }
}
