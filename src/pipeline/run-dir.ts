// Atomic run outputs. A run writes into a staging folder inside --out; only when
// every file is complete does it write a COMMIT marker and move the files into
// place. A run killed before the marker leaves the previous outputs untouched
// (the staging folder is removed next time); a run killed after it is completed
// by recoverRunDir(), so readers see the old outputs or the new ones, never a mix.
import { randomBytes } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

export const STAGING_PREFIX = '.spiral-staging-';
export const COMMIT_MARKER = 'COMMIT';

export async function recoverRunDir(outDir: string): Promise<void> {
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

async function moveInto(staging: string, outDir: string, files: string[]): Promise<void> {
  for (const file of files) {
    const from = path.join(staging, file);
    if (await exists(from)) await rename(from, path.join(outDir, file));
  }
}

async function exists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false,
  );
}

async function fsyncFile(file: string): Promise<void> {
  const handle = await open(file, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export class RunStaging {
  private readonly streams = new Map<string, WriteStream>();
  private readonly files: string[] = [];

  private constructor(
    readonly outDir: string,
    readonly dir: string,
  ) {}

  static async open(outDir: string): Promise<RunStaging> {
    await mkdir(outDir, { recursive: true });
    await recoverRunDir(outDir);
    const dir = path.join(outDir, `${STAGING_PREFIX}${randomBytes(6).toString('hex')}`);
    await mkdir(dir);
    return new RunStaging(outDir, dir);
  }

  /** A stream for a large output, written as the run goes. */
  stream(name: string): WriteStream {
    let s = this.streams.get(name);
    if (!s) {
      s = createWriteStream(path.join(this.dir, name));
      this.streams.set(name, s);
      this.files.push(name);
    }
    return s;
  }

  /** Write a stream chunk, waiting when the stream's buffer is full (back-pressure). */
  async write(name: string, chunk: string | Uint8Array): Promise<void> {
    if (chunk.length === 0) {
      this.stream(name);
      return;
    }
    const s = this.stream(name);
    if (!s.write(chunk)) await new Promise<void>((resolve) => s.once('drain', resolve));
  }

  /** A small output written whole. */
  async writeFile(name: string, content: string): Promise<void> {
    const s = this.stream(name);
    await new Promise<void>((resolve, reject) => s.end(content, () => resolve()).once('error', reject));
  }

  async commit(): Promise<void> {
    await Promise.all(
      [...this.streams.values()].map((s) => (s.writableFinished ? undefined : new Promise<void>((resolve, reject) => s.end(() => resolve()).once('error', reject)))),
    );
    for (const name of this.files) await fsyncFile(path.join(this.dir, name));
    // The marker appears whole or not at all: written under another name, then renamed.
    const partial = path.join(this.dir, `${COMMIT_MARKER}.partial`);
    const marker = await open(partial, 'w');
    await marker.writeFile(`${this.files.join('\n')}\n`);
    await marker.sync();
    await marker.close();
    await rename(partial, path.join(this.dir, COMMIT_MARKER));
    await moveInto(this.dir, this.outDir, this.files);
    await rm(this.dir, { recursive: true, force: true });
  }

  async abort(): Promise<void> {
    for (const s of this.streams.values()) s.destroy();
    await rm(this.dir, { recursive: true, force: true });
  }
}
