// Reading one discovered file: find out what it is (regular file, folder,
// link, FIFO...), open it even when its name is not valid UTF-8, hash it, and
// turn every failure into a specific reason instead of an exception.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, readFile, stat } from 'node:fs/promises';
import { dirname, posix } from 'node:path';
import { hasReplacementChar, rawPathFor } from './names.js';
import type { DiscoveredFile } from './types.js';

/** Larger files are skipped: their text would not fit in one JavaScript string. */
export const MAX_FILE_BYTES = 256 * 1024 * 1024;

export type Probe = { ok: true; path: string | Buffer; bytes: number } | { ok: false; status: 'skipped' | 'failed'; reason: string };

/** Reason for an fs error: `unreadable: EACCES`, with a hint for the codes users meet. */
export function unreadableReason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'ELOOP') return 'unreadable: ELOOP (symbolic link loop)';
  if (code === 'EISDIR') return 'unreadable: EISDIR (is a folder)';
  return `unreadable: ${code ?? String(err)}`;
}

function specialKind(s: { isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean }): string {
  if (s.isFIFO()) return 'FIFO';
  if (s.isSocket()) return 'socket';
  if (s.isCharacterDevice() || s.isBlockDevice()) return 'device';
  return 'special file';
}

async function openablePath(file: DiscoveredFile): Promise<string | Buffer | undefined> {
  if (!hasReplacementChar(file.abs)) return file.abs;
  return rawPathFor(dirname(file.abs), posix.basename(file.rel));
}

/** What the file is and how to open it; never throws. */
export async function probeFile(file: DiscoveredFile): Promise<Probe> {
  const path = await openablePath(file);
  if (path === undefined) return { ok: false, status: 'failed', reason: 'file name is not valid UTF-8 and the file could not be found again' };
  try {
    const s = await stat(path);
    if (s.isDirectory()) {
      const link = (await lstat(path)).isSymbolicLink();
      return { ok: false, status: 'skipped', reason: link ? 'symbolic link to a folder (not followed)' : 'is a folder' };
    }
    if (!s.isFile()) return { ok: false, status: 'skipped', reason: `not a regular file (${specialKind(s)})` };
    return { ok: true, path, bytes: s.size };
  } catch (err) {
    const broken = (err as NodeJS.ErrnoException).code === 'ENOENT' && (await isSymlink(path));
    return { ok: false, status: 'failed', reason: broken ? 'broken symbolic link' : unreadableReason(err) };
  }
}

async function isSymlink(path: string | Buffer): Promise<boolean> {
  try {
    return (await lstat(path)).isSymbolicLink();
  } catch {
    return false;
  }
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** SHA-256 of a file without holding it in memory (for files we do not read). */
export function hashFile(path: string | Buffer): Promise<string | undefined> {
  return new Promise((resolve) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')))
      .on('error', () => resolve(undefined));
  });
}

export async function readBytes(path: string | Buffer): Promise<{ ok: true; bytes: Buffer } | { ok: false; reason: string }> {
  try {
    return { ok: true, bytes: await readFile(path) };
  } catch (err) {
    return { ok: false, reason: unreadableReason(err) };
  }
}
