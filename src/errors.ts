/**
 * An error the user must fix (a bad option, a malformed input file, a lexicon
 * that does not load): `userFacing` tells the CLI to print the message without a
 * stack trace and exit 2 (cli/main.ts). Its name is its class's name.
 */
export class UserFacingError extends Error {
  readonly userFacing = true;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}
