// The entries of a lexicon-cache folder, for the cache tests (in-process and across processes).
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { LEXICON_SETS_FOLDER } from '../../src/lexicon/cache.js';

/** File names of the compiled sets in a cache folder, sorted; none when the folder does not exist yet. */
export function cacheEntries(cacheDir: string): string[] {
  const folder = path.join(cacheDir, LEXICON_SETS_FOLDER);
  return existsSync(folder) ? readdirSync(folder).sort() : [];
}
