// The reviews.jsonl file on disk. Appends are serialised, each written whole
// and fsynced before the promise resolves, so a decision the page shows as
// saved survives a killed server or a power cut. Opening the file drops a
// partial last line left by a crash (after warning), so the next append
// starts on a clean line instead of gluing onto it.
import { constants } from 'node:fs';
import { mkdir, open, readFile, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parseReviewLog, serialiseRecord, type ReviewRecord } from './log.js';

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
    private size: number,
  ) {}

  /** Read (and repair a partial last line of) the log, then open it for appending. */
  static async open(file: string): Promise<OpenedLog> {
    await mkdir(dirname(file), { recursive: true });
    const bytes = await readIfExists(file);
    const parsed = bytes ? parseReviewLog(bytes, file) : { records: [], warnings: [], completeBytes: 0, truncated: false, missingFinalNewline: false };
    const handle = await open(file, 'a+');
    try {
      if (parsed.truncated) await handle.truncate(parsed.completeBytes);
      if (parsed.missingFinalNewline) await handle.write('\n');
      await handle.sync();
      if (!bytes) await syncDir(dirname(file));
      const size = (await handle.stat()).size;
      return { log: new ReviewLogFile(file, handle, size), records: parsed.records, warnings: parsed.warnings };
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
    try {
      let written = 0;
      while (written < bytes.length) {
        const { bytesWritten } = await this.handle.write(bytes, written, bytes.length - written);
        written += bytesWritten;
      }
      await this.handle.sync();
      this.size += bytes.length;
    } catch (err) {
      // Do not leave half a line that would make the next one unreadable.
      await this.handle.truncate(this.size).catch(() => undefined);
      throw err;
    }
  }

  async close(): Promise<void> {
    await this.queue;
    await this.handle.close();
  }
}
