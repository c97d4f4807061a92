// Which build of spiral is running: a hash of its compiled code (every file of
// the folder this module was loaded from: dist/, or src/ under the tests) and
// the installed dependency versions (package-lock.json). A new build changes
// it, so whatever was cached from another build (a run's reusable lines, a
// compiled lexicon set) is made again. A leaf: imports nothing of the project.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let codeHash: string | undefined;

/** sha256 over spiral's code files (names and contents, in name order) and package-lock.json, computed once per process. */
export function codeFingerprint(): string {
  codeHash ??= fingerprintOf(fileURLToPath(new URL('.', import.meta.url)));
  return codeHash;
}

/** sha256 over every file under `root` (names and contents, in name order) and the package-lock.json beside it. */
export function fingerprintOf(root: string): string {
  const h = createHash('sha256');
  for (const rel of walk(root))
    h.update(rel)
      .update('\0')
      .update(readFileSync(join(root, rel)))
      .update('\0');
  const lock = join(dirname(root.replace(/[\\/]$/, '')), 'package-lock.json');
  try {
    h.update(readFileSync(lock));
  } catch {
    h.update('no lock file');
  }
  return h.digest('hex');
}

function walk(root: string, rel = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(root, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const child = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...walk(root, child));
    else if (entry.isFile()) out.push(child);
  }
  return out;
}
