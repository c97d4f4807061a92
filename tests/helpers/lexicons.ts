import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { LexiconError } from '../../src/lexicon/errors.js';
import { loadLexiconSet } from '../../src/lexicon/load.js';
import { createTagger, type Tagger } from '../../src/tag/tagger.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const MINI_LEXICONS = path.join(ROOT, 'tests/fixtures/lexicon-mini');
export const BUNDLED_LEXICONS = path.join(ROOT, 'lexicons');

let mini: Tagger | undefined;
export function miniTagger(): Tagger {
  mini ??= createTagger(loadLexiconSet(MINI_LEXICONS));
  return mini;
}

let bundled: Tagger | undefined;
export function bundledTagger(): Tagger {
  bundled ??= createTagger(loadLexiconSet(BUNDLED_LEXICONS));
  return bundled;
}

/** The message of the LexiconError that loading `dir` must throw. */
export function lexiconLoadError(dir: string): string {
  try {
    loadLexiconSet(dir);
  } catch (err) {
    expect(err).toBeInstanceOf(LexiconError);
    return (err as Error).message;
  }
  throw new Error('expected the load to fail');
}
