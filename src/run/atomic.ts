// Writing a whole file atomically: a temporary file beside it, fsync, rename.
// A reader (or a crash) sees the old file or the new one, never half of one; a
// failed write leaves no temporary file behind. Folders are created as needed.
// The one writer of reports, scores, status, facts, gold exports and lexicon
// sets; the run outputs of classify go through a staging folder (staging.ts).
// A file-system failure (a read-only folder, a full disk, a folder where the
// file should be) is a RunError naming the file and the cause.
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fsFailure } from './errors.js';

function temporaryBeside(file: string): string {
  return join(dirname(file), `.${basename(file)}.tmp-${randomBytes(6).toString('hex')}`);
}

export async function writeFileAtomic(file: string, text: string): Promise<void> {
  try {
    await writeThroughTemporary(file, text);
  } catch (err) {
    throw fsFailure(err, `${file}: cannot write`);
  }
}

async function writeThroughTemporary(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const tmp = temporaryBeside(file);
  try {
    const handle = await open(tmp, 'w');
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/** writeFileAtomic for synchronous callers (the same steps and guarantees). */
export function writeFileAtomicSync(file: string, text: string): void {
  try {
    writeThroughTemporarySync(file, text);
  } catch (err) {
    throw fsFailure(err, `${file}: cannot write`);
  }
}

function writeThroughTemporarySync(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = temporaryBeside(file);
  try {
    const fd = openSync(tmp, 'w');
    try {
      writeFileSync(fd, text, 'utf8');
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}
