// Open a lexicon set to tag with: validated whole (schema, patterns, every
// rule's examples, as validated-set.ts does) and compiled once, then kept in
// the compiled-set cache (lexicon/cache.ts) under a hash of its files and of
// spiral's build. A later start with the same files and build loads the
// compiled set in milliseconds: no YAML, no morphology model, no examples.
// Like validated-set.ts, a loader at the edge: it reads files.
import { codeFingerprint } from '../build.js';
import { cacheKey, readCachedSet, writeCachedSet } from '../lexicon/cache.js';
import { compileSet, failuresOf, openCompiledSet, withFailures, type CompiledSet } from '../lexicon/compiled-set.js';
import { checkExamples, examplesVerdict } from '../lexicon/examples.js';
import { existsDir, lexiconFilesHash } from '../lexicon/files.js';
import type { LexiconSet } from '../lexicon/types.js';
import { createTagger } from './tagger.js';
import type { ValidateOptions } from './validated-set.js';

export interface OpenOptions extends ValidateOptions {
  /** spiral's cache folder (lexicon/cache.ts spiralCacheDir); false or absent: compile without the cache. */
  cacheDir?: string | false;
  /** The build the cache key names (default: this build, src/build.ts); tests pass others. */
  build?: string;
}

export interface OpenedSet {
  /** The set (from the cache: its rules, cases and classes are unpacked when first read). */
  set: LexiconSet;
  /** The compiled set: give it to createTagger (and to worker threads) so nothing is compiled again. */
  compiled: CompiledSet;
  /** `file:line: message` for each failing example (only with allowFailingExamples). */
  warnings: string[];
  /** Whether the compiled set came from the cache, was compiled and stored in it, or was compiled and not stored (no cache, or none writable). */
  cache: 'hit' | 'stored' | 'compiled';
}

export async function openLexiconSet(dir: string, options: OpenOptions = {}): Promise<OpenedSet> {
  const { cacheDir } = options;
  const keyOf = (files: string) =>
    cacheKey({ files, build: options.build ?? codeFingerprint(), options: { allowMissingCategories: Boolean(options.allowMissingCategories) } });
  // A missing folder goes to the loader, which names it.
  const key = cacheDir && existsDir(dir) ? keyOf(lexiconFilesHash(dir)) : undefined;
  const cached = key ? readCachedSet(cacheDir as string, key) : undefined;
  if (cached) return opened(dir, openCompiledSet(cached, dir), cached, options, 'hit');
  const { set, compiled } = await compileChecked(dir, options);
  // Stored under the hash of the files as the loader read them: never under a key they no longer match.
  const stored = key !== undefined && keyOf(set.hash) === key && writeCachedSet(cacheDir as string, key, compiled);
  return opened(dir, set, compiled, options, stored ? 'stored' : 'compiled');
}

function opened(dir: string, set: LexiconSet, compiled: CompiledSet, options: OpenOptions, cache: OpenedSet['cache']): OpenedSet {
  const failures = failuresOf(compiled);
  if (!failures) throw new Error(`compiled lexicon set ${dir}: its examples were never run`);
  return { set, compiled, warnings: examplesVerdict(dir, failures, options.allowFailingExamples), cache };
}

/** Load (YAML), validate and compile the set and run its examples through a tagger made from the compiled bytes. */
async function compileChecked(dir: string, options: OpenOptions): Promise<{ set: LexiconSet; compiled: CompiledSet }> {
  // The loader brings the YAML parser and the country tables: only a set not in the cache needs them.
  const { loadLexiconSet } = await import('../lexicon/load.js');
  const set = loadLexiconSet(dir, options);
  const compiled = compileSet(set);
  return { set, compiled: withFailures(compiled, checkExamples(createTagger(set, { compiled }))) };
}
