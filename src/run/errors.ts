// A run folder the user must fix (missing, or a line that does not read): the
// CLI prints the message, which names the file and line, and exits 2.

import { UserFacingError } from '../errors.js';

export class RunError extends UserFacingError {}

/** What the file-system error codes users meet mean, in words. */
const FS_CAUSES: Record<string, string> = {
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'file too large for the file system',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  EEXIST: 'already exists',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'is a folder, not a file',
  ENOENT: 'no such file or folder',
  EIO: 'input/output error (a failing disk?)',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files on the system',
  ENAMETOOLONG: 'name too long',
  ELOOP: 'symbolic link loop',
  EBUSY: 'busy',
  ENOTEMPTY: 'folder not empty',
};

/** "no space left on device (ENOSPC)" for a file-system error; undefined for anything else. */
export function fsCause(err: unknown): string | undefined {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== 'string' || !/^E[A-Z0-9]+$/.test(code)) return undefined;
  return `${FS_CAUSES[code] ?? 'file system error'} (${code})`;
}

/** A file-system error as a RunError "`what`: cause" (one line, exit 2); any other error unchanged. */
export function fsFailure(err: unknown, what: string): unknown {
  const cause = fsCause(err);
  return cause === undefined ? err : new RunError(`${what}: ${cause}`);
}
