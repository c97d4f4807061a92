// The compiled-set cache: a compiled lexicon set (compiled-set.ts) stored in
// one file per key under the user's cache folder, so a later start loads it in
// milliseconds instead of parsing, compiling and checking the set again.
//
// - The key is a hash of the set's files (names and contents), of spiral's
//   build (src/build.ts), of the V8 version (the serialization format) and of
//   the load options: a changed file or another build never finds an entry.
// - A file is MAGIC, the sha256 of the rest, then the key and the sections
//   (v8-serialized). A file that is short, damaged or of another format fails
//   the check and counts as missing: the set is compiled again and the entry
//   rewritten.
// - Writes go to a temporary file renamed into place: a reader sees a whole
//   entry or none, and two processes writing the same entry at once both
//   succeed (the entries are identical). The folder keeps the
//   MAX_ENTRIES most recently used entries.
//
// Where: $SPIRAL_CACHE_DIR, else $XDG_CACHE_HOME/spiral, else ~/.cache/spiral
// (the XDG base directory convention); entries go in its lexicon-sets/ folder.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import type { CompiledSet } from './compiled-set.js';

/** Overrides where spiral caches (a folder; it is created when needed). */
export const CACHE_DIR_ENV = 'SPIRAL_CACHE_DIR';
/** The cache's own folder for compiled lexicon sets. */
export const LEXICON_SETS_FOLDER = 'lexicon-sets';
/** Bumped when what an entry holds changes shape. */
export const CACHE_FORMAT = 'spiral-lexicon-cache/1';
/** Entries kept: one per lexicon set and build; the least recently used go first. */
export const MAX_ENTRIES = 16;
/** A temporary file older than this is left over from a killed writer. */
const STALE_TEMP_MS = 60 * 60 * 1000;

const MAGIC = Buffer.from('spiral-lexcache\n'); // 16 bytes
const DIGEST_BYTES = 32;
const ENTRY_SUFFIX = '.bin';

/** spiral's cache folder for this environment (XDG base directory convention). */
export function spiralCacheDir(env: Record<string, string | undefined>, home: string = homedir()): string {
  const own = env[CACHE_DIR_ENV];
  if (own) return path.resolve(own);
  const xdg = env.XDG_CACHE_HOME;
  // The specification ignores a relative XDG_CACHE_HOME.
  if (xdg && path.isAbsolute(xdg)) return path.join(xdg, 'spiral');
  return path.join(env.HOME || home, '.cache', 'spiral');
}

export interface KeyParts {
  /** sha256 of the set's files (lexicon/files.ts: the loader's LexiconSet.hash). */
  files: string;
  /** spiral's build (src/build.ts). */
  build: string;
  /** Load options that change the set (allowMissingCategories). */
  options: Record<string, unknown>;
}

export function cacheKey(parts: KeyParts): string {
  const options = JSON.stringify(Object.fromEntries(Object.entries(parts.options).sort(([a], [b]) => (a < b ? -1 : 1))));
  return createHash('sha256').update([CACHE_FORMAT, parts.build, process.versions.v8, parts.files, options].join('\0')).digest('hex');
}

function entryFile(cacheDir: string, key: string): string {
  return path.join(cacheDir, LEXICON_SETS_FOLDER, key + ENTRY_SUFFIX);
}

const digest = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest();

/** The compiled set stored under `key`, or undefined when there is none or it does not check out. */
export function readCachedSet(cacheDir: string, key: string): CompiledSet | undefined {
  const file = entryFile(cacheDir, key);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  const compiled = decodeEntry(bytes, key);
  if (compiled) touch(file);
  return compiled;
}

/** An entry's bytes → the compiled set, if they are whole and hold `key`. */
export function decodeEntry(bytes: Buffer, key: string): CompiledSet | undefined {
  if (bytes.length < MAGIC.length + DIGEST_BYTES || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const payload = bytes.subarray(MAGIC.length + DIGEST_BYTES);
  if (!digest(payload).equals(bytes.subarray(MAGIC.length, MAGIC.length + DIGEST_BYTES))) return undefined;
  try {
    const entry = v8.deserialize(payload) as { key?: unknown; sections?: unknown };
    if (entry.key !== key || typeof entry.sections !== 'object' || entry.sections === null) return undefined;
    const sections = entry.sections as Record<string, unknown>;
    if (!Object.values(sections).every((s) => s instanceof Uint8Array)) return undefined;
    // Each section in a buffer of its own: views into the one file would each clone all of it into a worker thread.
    return { sections: Object.fromEntries(Object.entries(sections as Record<string, Uint8Array>).map(([name, bytes]) => [name, bytes.slice()])) };
  } catch {
    return undefined;
  }
}

export function encodeEntry(compiled: CompiledSet, key: string): Buffer {
  const payload = v8.serialize({ key, sections: compiled.sections });
  return Buffer.concat([MAGIC, digest(payload), payload]);
}

/**
 * Store the compiled set under `key`, atomically. A cache that cannot be
 * written (read-only, full disk) is no error: the set is compiled next time
 * too. Returns whether the entry was written.
 */
export function writeCachedSet(cacheDir: string, key: string, compiled: CompiledSet): boolean {
  const file = entryFile(cacheDir, key);
  const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(temp, encodeEntry(compiled, key));
    renameSync(temp, file);
  } catch {
    remove(temp);
    return false;
  }
  prune(path.dirname(file));
  return true;
}

/** Mark an entry as just used (the folder keeps the most recently used ones). */
function touch(file: string): void {
  try {
    const now = new Date();
    utimesSync(file, now, now);
  } catch {
    // Gone or read-only: it was read all the same.
  }
}

/** Keep the MAX_ENTRIES most recently used entries; remove temporary files left by killed writers. */
function prune(folder: string): void {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  const entries: Array<{ file: string; used: number }> = [];
  const now = Date.now();
  for (const name of names) {
    const file = path.join(folder, name);
    let used: number;
    try {
      used = statSync(file).mtimeMs;
    } catch {
      continue; // removed by another process meanwhile
    }
    if (name.endsWith('.tmp')) {
      if (now - used > STALE_TEMP_MS) remove(file);
    } else if (name.endsWith(ENTRY_SUFFIX)) entries.push({ file, used });
  }
  entries.sort((a, b) => b.used - a.used);
  for (const old of entries.slice(MAX_ENTRIES)) remove(old.file);
}

function remove(file: string): void {
  try {
    rmSync(file, { force: true });
  } catch {
    // Another process's, or a read-only folder: left for later.
  }
}
