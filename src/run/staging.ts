// Atomic run outputs. A run writes into a staging folder inside --out; only when
// every file is complete does it write a COMMIT marker and move the files into
// place. A run killed before the marker leaves the previous outputs untouched
// (the staging folder is removed next time); a run killed after it is completed
// by recoverRunDir(), so readers see the old outputs or the new ones, never a mix.
// Readers other than spiral, which do not recover, never see run.json beside a
// mix: it is removed before the moves and moved last (SEAL_FILE).
// One run writes a folder at a time: the staging holds the folder's lock
// (lock.ts) from open to commit or abort, a second run into it is refused, and
// recovery leaves alone a folder whose lock is held by a running process.
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { fsFailure, RunError } from './errors.js';
import { acquireLock, liveLockOwner, RUN_LOCK_FILE, type Lock } from './lock.js';

export const STAGING_PREFIX = '.spiral-staging-';
export const COMMIT_MARKER = 'COMMIT';

/**
 * Finish or drop what a killed run left in `outDir`. A folder a running
 * process is writing (its lock is live) is left as it is: its staging folder
 * is that run's work in progress.
 */
export async function recoverRunDir(outDir: string): Promise<void> {
  if (await liveLockOwner(path.join(outDir, RUN_LOCK_FILE)).catch(() => null)) return;
  await recoverUnlocked(outDir);
}

async function recoverUnlocked(outDir: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(outDir);
  } catch {
    return;
  }
  for (const name of names.filter((n) => n.startsWith(STAGING_PREFIX)).sort()) {
    const staging = path.join(outDir, name);
    const marker = await readFile(path.join(staging, COMMIT_MARKER), 'utf8').catch(() => undefined);
    if (marker !== undefined) await moveInto(staging, outDir, marker.split('\n').filter(Boolean));
    await rm(staging, { recursive: true, force: true });
  }
}

/**
 * run.json says a run folder is complete. It is moved last, and the old one is
 * taken away before the first file moves: a reader that waits for run.json
 * (spiral, or any other program) never finds it beside a mix of old and new
 * files — while the moves run, or after a kill between two of them.
 */
export const SEAL_FILE = 'run.json';

async function moveInto(staging: string, outDir: string, files: string[]): Promise<void> {
  const sealed = files.includes(SEAL_FILE);
  if (sealed && (await exists(path.join(staging, SEAL_FILE)))) await rm(path.join(outDir, SEAL_FILE), { force: true });
  for (const file of [...files.filter((f) => f !== SEAL_FILE), ...(sealed ? [SEAL_FILE] : [])]) {
    const from = path.join(staging, file);
    if (await exists(from)) await rename(from, path.join(outDir, file));
  }
}

/** Something other than a folder is at `p` (a file, a FIFO). */
async function isNonFolder(p: string): Promise<boolean> {
  return stat(p).then(
    (s) => !s.isDirectory(),
    () => false,
  );
}

async function exists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false,
  );
}

/** Write all of `bytes` at `position` (one write may write less than asked). */
async function writeAll(handle: FileHandle, bytes: Uint8Array, position: number): Promise<void> {
  let done = 0;
  while (done < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, done, bytes.length - done, position + done);
    done += bytesWritten;
  }
}

/**
 * Each output gathers its chunks in a buffer of this size and writes it when
 * full: one system call per megabyte instead of one per file section, and the
 * same buffer reused (no allocation per write).
 */
export const WRITE_BUFFER_BYTES = 1 << 20;

interface Output {
  handle: FileHandle;
  buffer: Buffer;
  used: number;
  /** Bytes on disk: the buffer's bytes come after them. */
  flushed: number;
}

/** Chunk size of reading an output back (readBack). */
const READ_BACK_BYTES = 1 << 20;

export class RunStaging {
  private readonly outputs = new Map<string, Output>();
  private readonly opening = new Map<string, Promise<Output>>();
  private readonly files: string[] = [];

  private constructor(
    readonly outDir: string,
    readonly dir: string,
    private readonly lock: Lock,
  ) {}

  /** Stale locks taken over when the staging opened. */
  get warnings(): string[] {
    return this.lock.warnings;
  }

  /**
   * Lock `outDir` for `command` (refused while another run writes it), recover
   * it, and open a staging folder in it. A folder that cannot be written (a
   * file, read-only) is a RunError naming it and the cause.
   */
  static async open(outDir: string, command = 'spiral classify'): Promise<RunStaging> {
    const cannot = `--out ${outDir}: cannot write there`;
    if (await isNonFolder(outDir)) throw new RunError(`--out ${outDir}: is a file, not a folder`);
    let lock: Lock;
    try {
      await mkdir(outDir, { recursive: true });
      lock = await acquireLock(path.join(outDir, RUN_LOCK_FILE), command, `--out ${outDir} is being written by another run`);
    } catch (err) {
      throw fsFailure(err, cannot);
    }
    try {
      await recoverUnlocked(outDir);
      const dir = path.join(outDir, `${STAGING_PREFIX}${randomBytes(6).toString('hex')}`);
      await mkdir(dir);
      return new RunStaging(outDir, dir, lock);
    } catch (err) {
      await lock.release();
      throw fsFailure(err, cannot);
    }
  }

  /** A file-system failure while writing `name`, as one line naming the folder, the output and the cause. */
  private failure(err: unknown, name: string): unknown {
    return fsFailure(err, `cannot write the run into ${this.outDir} (${name})`);
  }

  private async output(name: string): Promise<Output> {
    const out = this.outputs.get(name);
    if (out) return out;
    let opening = this.opening.get(name);
    if (!opening) {
      this.files.push(name);
      // w+: a large file's sections are read back to hash them (readBack).
      opening = open(path.join(this.dir, name), 'w+').then((handle) => {
        const created = { handle, buffer: Buffer.allocUnsafe(WRITE_BUFFER_BYTES), used: 0, flushed: 0 };
        this.outputs.set(name, created);
        return created;
      });
      this.opening.set(name, opening);
    }
    return opening;
  }

  /** Append to an output (created empty on first use). Calls for one output must not overlap (await each). */
  async write(name: string, chunk: string | Uint8Array): Promise<void> {
    try {
      await this.append(name, chunk);
    } catch (err) {
      throw this.failure(err, name);
    }
  }

  private async append(name: string, chunk: string | Uint8Array): Promise<void> {
    const out = await this.output(name);
    if (chunk.length === 0) return;
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    if (out.used + bytes.length > out.buffer.length) await this.flush(out);
    if (bytes.length >= out.buffer.length) {
      await writeAll(out.handle, bytes, out.flushed);
      out.flushed += bytes.length;
      return;
    }
    out.buffer.set(bytes, out.used);
    out.used += bytes.length;
  }

  /** Bytes written to an output so far (0 before its first write). */
  async size(name: string): Promise<number> {
    const out = await this.output(name);
    return out.flushed + out.used;
  }

  /** Drop what was written to an output after its first `size` bytes (a document that failed half-way through a streamed file). */
  async rewind(name: string, size: number): Promise<void> {
    try {
      const out = await this.output(name);
      if (size >= out.flushed) {
        out.used = Math.min(out.used, size - out.flushed);
        return;
      }
      await out.handle.truncate(size);
      out.flushed = size;
      out.used = 0;
    } catch (err) {
      throw this.failure(err, name);
    }
  }

  /** Read `length` bytes of an output from `offset` back, in chunks of at most 1 MB (a chunk is only valid during its call). */
  async readBack(name: string, offset: number, length: number, onChunk: (chunk: Uint8Array) => void): Promise<void> {
    try {
      const out = await this.output(name);
      if (offset + length > out.flushed) await this.flush(out);
      const chunk = Buffer.allocUnsafe(Math.min(READ_BACK_BYTES, Math.max(length, 1)));
      for (let done = 0; done < length;) {
        const { bytesRead } = await out.handle.read(chunk, 0, Math.min(chunk.length, length - done), offset + done);
        if (bytesRead === 0) throw new RunError(`${path.join(this.dir, name)}: shorter than what was written to it`);
        onChunk(chunk.subarray(0, bytesRead));
        done += bytesRead;
      }
    } catch (err) {
      throw this.failure(err, name);
    }
  }

  private async flush(out: Output): Promise<void> {
    if (out.used === 0) return;
    await writeAll(out.handle, out.buffer.subarray(0, out.used), out.flushed);
    out.flushed += out.used;
    out.used = 0;
  }

  /** A small output written whole. */
  async writeFile(name: string, content: string): Promise<void> {
    await this.write(name, content);
  }

  async commit(): Promise<void> {
    for (const name of this.files) {
      try {
        const out = await this.output(name);
        await this.flush(out);
        await out.handle.sync();
        await out.handle.close();
        this.outputs.delete(name);
      } catch (err) {
        throw this.failure(err, name);
      }
    }
    try {
      await this.writeMarker();
      await moveInto(this.dir, this.outDir, this.files);
      await rm(this.dir, { recursive: true, force: true });
    } catch (err) {
      throw this.failure(err, COMMIT_MARKER);
    }
    await this.lock.release();
  }

  /** The marker appears whole or not at all: written under another name, then renamed. */
  private async writeMarker(): Promise<void> {
    const partial = path.join(this.dir, `${COMMIT_MARKER}.partial`);
    const marker = await open(partial, 'w');
    try {
      await marker.writeFile(`${this.files.join('\n')}\n`);
      await marker.sync();
    } finally {
      await marker.close();
    }
    await rename(partial, path.join(this.dir, COMMIT_MARKER));
  }

  async abort(): Promise<void> {
    await Promise.all([...this.outputs.values()].map((out) => out.handle.close().catch(() => {})));
    this.outputs.clear();
    await rm(this.dir, { recursive: true, force: true });
    await this.lock.release();
  }
}
