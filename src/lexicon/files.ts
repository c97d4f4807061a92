// The files of a lexicon set and their hash, read without parsing them: the
// loader (load.ts) and the compiled-set cache (cache.ts) list and hash a set
// the same way, so a cached set is found by the hash the loader would give it.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export function existsDir(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

/** The set's YAML files: top-level by name, then cases/ by name. */
export function listYaml(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (/\.ya?ml$/.test(name)) out.push(name);
  }
  const casesDir = path.join(dir, 'cases');
  if (existsDir(casesDir)) {
    for (const name of readdirSync(casesDir).sort()) if (/\.ya?ml$/.test(name)) out.push(`cases/${name}`);
  }
  return out;
}

/** sha256 over every file of the set (names and contents), in listing order: `LexiconSet.hash`. */
export function hashFiles(dir: string, files: string[]): string {
  const h = createHash('sha256');
  for (const rel of files) {
    // An unreadable file (link loop, folder, permissions) is hashed as empty: the loader reports it as file: message when it opens it.
    h.update(rel)
      .update('\0')
      .update(readOrEmpty(path.join(dir, rel)))
      .update('\0');
  }
  return h.digest('hex');
}

function readOrEmpty(file: string): Buffer {
  try {
    return readRegularFile(file);
  } catch {
    return Buffer.alloc(0);
  }
}

/** Read a file only if it is a regular file: a FIFO named x.yaml would block the process forever. */
export function readRegularFile(file: string): Buffer {
  if (!statSync(file).isFile()) throw new Error('not a regular file');
  return readFileSync(file);
}

/** The hash of the set in `dir` (see hashFiles). */
export function lexiconFilesHash(dir: string): string {
  return hashFiles(dir, listYaml(dir));
}
