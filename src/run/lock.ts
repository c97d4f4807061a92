// One writer per folder: a lock file created exclusively (O_EXCL), holding the
// owner's pid, host and a random token. A second writer finds it and is refused
// while the owner lives; a lock whose owner is gone (a killed run, a server that
// lost power) is stale and taken over, with a warning. Classify and merge lock
// their --out folder, the review server its reviews.jsonl.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { link, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { RunError } from './errors.js';

/** The lock of a run folder (classify, merge): `<out>/.spiral.lock`. */
export const RUN_LOCK_FILE = '.spiral.lock';

/** A lock file without an owner line yet is being written by its creator for at most this long (ms). */
export const LOCK_BIRTH_MS = 10_000;

export interface LockOwner {
  pid: number;
  host: string;
  /** What holds it: "spiral classify", "spiral review". */
  command: string;
  started: string;
  token: string;
}

/** The lock is held by a running process: the message names it and the lock file. */
export class LockHeld extends RunError {
  constructor(
    readonly file: string,
    readonly owner: LockOwner | null,
    what: string,
  ) {
    super(`${what}: ${holderText(owner)} (lock file ${file}; remove it only if that process is gone)`);
  }
}

function holderText(owner: LockOwner | null): string {
  if (!owner) return 'another spiral process is starting on it';
  const where = owner.host === hostname() ? '' : ` on ${owner.host}`;
  return `${owner.command} (pid ${owner.pid}${where}, since ${owner.started}) is using it`;
}

export interface Lock {
  file: string;
  owner: LockOwner;
  /** Stale locks taken over on the way. */
  warnings: string[];
  /** Remove the lock file if it is still this lock's. */
  release(): Promise<void>;
}

function parseOwner(text: string): LockOwner | null {
  try {
    const v = JSON.parse(text) as Partial<LockOwner>;
    if (Number.isSafeInteger(v.pid) && typeof v.host === 'string' && typeof v.token === 'string') {
      return { pid: v.pid!, host: v.host, command: String(v.command ?? 'spiral'), started: String(v.started ?? '?'), token: v.token };
    }
  } catch {
    // not an owner line: judged by its age below
  }
  return null;
}

/** Whether the process that wrote `owner` still runs. A lock from another host cannot be checked: it counts as live. */
export function ownerAlive(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return true;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

type Seen = { kind: 'none' } | { kind: 'live'; owner: LockOwner | null } | { kind: 'stale'; text: string; owner: LockOwner | null };

async function inspect(file: string, now: number): Promise<Seen> {
  let text: string;
  let mtime: number;
  try {
    [text, mtime] = await Promise.all([readFile(file, 'utf8'), stat(file).then((s) => s.mtimeMs)]);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'none' };
    throw err;
  }
  const owner = parseOwner(text);
  if (owner) return ownerAlive(owner) ? { kind: 'live', owner } : { kind: 'stale', text, owner };
  // No owner line: its creator may be between creating and writing it.
  return now - mtime < LOCK_BIRTH_MS ? { kind: 'live', owner: null } : { kind: 'stale', text, owner: null };
}

/** The live owner of a lock file, or null when there is none (no file, or a stale one). */
export async function liveLockOwner(file: string): Promise<LockOwner | 'unknown' | null> {
  const seen = await inspect(file, Date.now());
  return seen.kind === 'live' ? (seen.owner ?? 'unknown') : null;
}

/**
 * Move a stale lock aside and remove it, unless what was moved is no longer the
 * stale lock (another process took it over meanwhile): that one is put back.
 */
async function removeStale(file: string, staleText: string): Promise<boolean> {
  const aside = `${file}.stale-${randomBytes(6).toString('hex')}`;
  try {
    await rename(file, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw err;
  }
  const moved = await readFile(aside, 'utf8').catch(() => '');
  if (moved !== staleText) {
    await link(aside, file).catch(() => undefined);
    await rm(aside, { force: true });
    return false;
  }
  await rm(aside, { force: true });
  return true;
}

function staleWarning(file: string, owner: LockOwner | null): string {
  return owner
    ? `${file}: stale lock of ${owner.command} (pid ${owner.pid}, since ${owner.started}; no longer running) removed`
    : `${file}: stale lock without an owner removed`;
}

/**
 * Take the lock `file` for `command`, or throw LockHeld naming its owner.
 * `what` opens the refusal ("--out /x is being written").
 */
export async function acquireLock(file: string, command: string, what: string): Promise<Lock> {
  const owner: LockOwner = { pid: process.pid, host: hostname(), command, started: new Date().toISOString(), token: randomBytes(12).toString('hex') };
  const text = `${JSON.stringify(owner)}\n`;
  const warnings: string[] = [];
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      await writeOwner(file, text);
      return { file, owner, warnings, release: () => releaseLock(file, owner.token) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const seen = await inspect(file, Date.now());
    if (seen.kind === 'live') throw new LockHeld(file, seen.owner, what);
    if (seen.kind === 'stale' && (await removeStale(file, seen.text))) warnings.push(staleWarning(file, seen.owner));
  }
  throw new LockHeld(file, null, what);
}

/** Create the lock file (refused with EEXIST when there is one) and write its owner line; a lock that cannot be written whole is removed. */
async function writeOwner(file: string, text: string): Promise<void> {
  const handle = await open(file, 'wx');
  try {
    await handle.writeFile(text);
    await handle.sync();
  } catch (err) {
    await handle.close().catch(() => undefined);
    await rm(file, { force: true });
    throw err;
  }
  await handle.close();
}

async function releaseLock(file: string, token: string): Promise<void> {
  const text = await readFile(file, 'utf8').catch(() => '');
  if (parseOwner(text)?.token === token) await rm(file, { force: true });
}
