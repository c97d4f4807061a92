// The reviews.jsonl file on disk. One server writes it at a time: opening it
// takes a lock beside it (reviews.jsonl.lock, with the owner's pid; a stale one
// is taken over), so a second server on the same run is refused. Appends are
// serialised, each written whole and fsynced before the promise resolves, so a
// decision the page shows as saved survives a killed server or a power cut. A
// failed append removes only its own partial bytes, found at the end of the
// file as it is now (never by cutting the file to a size remembered earlier,
// which would erase lines written meanwhile). Opening the file drops a partial
// last line left by a crash (after warning), so the next append starts on a
// clean line instead of gluing onto it.
import { constants } from 'node:fs';
import { mkdir, open, readFile, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fsFailure } from '../run/errors.js';
import { acquireLock, type Lock } from '../run/lock.js';
import { parseReviewLog, serialiseRecord, type ReviewRecord } from './log.js';

/** The lock beside a reviews file. */
export const lockFileOf = (file: string): string => `${file}.lock`;

export interface OpenedLog {
  log: ReviewLogFile;
  records: ReviewRecord[];
  warnings: string[];
}

async function readIfExists(file: string): Promise<Buffer | null> {
  try {
    return await readFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/** fsync a folder so a newly created file's name is durable too. */
async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, constants.O_RDONLY);
  try {
    await handle.sync();
  } catch {
    // Some file systems refuse fsync on folders; the file's own fsync still holds.
  } finally {
    await handle.close();
  }
}

export class ReviewLogFile {
  private queue: Promise<void> = Promise.resolve();

  private constructor(
    readonly file: string,
    private readonly handle: FileHandle,
    private readonly lock: Lock,
  ) {}

  /** Lock the log, read (and repair a partial last line of) it, then open it for appending. */
  static async open(file: string): Promise<OpenedLog> {
    try {
      return await ReviewLogFile.lockAndOpen(file);
    } catch (err) {
      throw fsFailure(err, file);
    }
  }

  private static async lockAndOpen(file: string): Promise<OpenedLog> {
    await mkdir(dirname(file), { recursive: true });
    const lock = await acquireLock(lockFileOf(file), 'spiral review', `${dirname(file)} is already being reviewed`);
    try {
      return await ReviewLogFile.openLocked(file, lock);
    } catch (err) {
      await lock.release();
      throw err;
    }
  }

  private static async openLocked(file: string, lock: Lock): Promise<OpenedLog> {
    const bytes = await readIfExists(file);
    const parsed = bytes ? parseReviewLog(bytes, file) : { records: [], warnings: [], completeBytes: 0, truncated: false, missingFinalNewline: false };
    const handle = await open(file, 'a+');
    try {
      if (parsed.truncated) await handle.truncate(parsed.completeBytes);
      if (parsed.missingFinalNewline) await handle.write('\n');
      await handle.sync();
      if (!bytes) await syncDir(dirname(file));
      return { log: new ReviewLogFile(file, handle, lock), records: parsed.records, warnings: [...lock.warnings, ...parsed.warnings] };
    } catch (err) {
      await handle.close();
      throw err;
    }
  }

  /** Append one record and fsync; resolves only when the line is on disk. */
  append(record: ReviewRecord): Promise<void> {
    const run = this.queue.then(() => this.appendNow(serialiseRecord(record)));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async appendNow(line: string): Promise<void> {
    const bytes = Buffer.from(line, 'utf8');
    let written = 0;
    try {
      while (written < bytes.length) {
        const { bytesWritten } = await this.handle.write(bytes, written, bytes.length - written);
        written += bytesWritten;
      }
      await this.handle.sync();
    } catch (err) {
      // Do not leave half a line that would make the next one unreadable.
      await this.removeOwnBytes(bytes.subarray(0, written)).catch(() => undefined);
      throw err;
    }
  }

  /**
   * Remove the bytes this append wrote, when they are what the file ends with
   * now (its real size, read again). Bytes of others after them are never cut:
   * then the partial line stays, and the next open reports it.
   */
  private async removeOwnBytes(own: Uint8Array): Promise<void> {
    if (own.length === 0) return;
    const size = (await this.handle.stat()).size;
    if (size < own.length) return;
    const tail = Buffer.alloc(own.length);
    const { bytesRead } = await this.handle.read(tail, 0, own.length, size - own.length);
    if (bytesRead !== own.length || !tail.equals(own)) return;
    await this.handle.truncate(size - own.length);
    await this.handle.sync();
  }

  async close(): Promise<void> {
    await this.queue;
    try {
      await this.handle.close();
    } finally {
      await this.lock.release();
    }
  }
}
