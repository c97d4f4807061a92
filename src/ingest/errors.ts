// Errors the user must fix (a bad --name-pattern, a bad default, an input path
// that does not exist). `userFacing` tells the CLI to print the message without
// a stack trace and exit 2. Problems with individual files are never thrown:
// they become skipped/failed records.

import { UserFacingError } from '../errors.js';

export class IngestError extends UserFacingError {}

/** An input path given on the command line that cannot be used at all. */
export class InputPathError extends IngestError {}

/** A `--name-pattern` that does not follow the placeholder syntax. */
export class NamePatternError extends IngestError {}

/** An encoding (--encoding) that iconv-lite does not know. */
export class EncodingError extends IngestError {}

/** A CLI default (--country, --year, ...) that is not a valid value. */
export class MetaDefaultsError extends IngestError {}
