// Loading a lexicon set for tagging validates it whole: schema, duplicates and
// patterns (lexicon/load.ts), then every rule's examples through a tagger — a
// set whose own examples fail is refused with file:line, like a syntax error,
// unless the caller lets a user experiment (`--allow-failing-examples`), in
// which case the failures come back as warnings to print.
import { checkExamples, examplesVerdict } from '../lexicon/examples.js';
import { loadLexiconSet, type LoadOptions } from '../lexicon/load.js';
import type { LexiconSet } from '../lexicon/types.js';
import { createTagger } from './tagger.js';

export interface ValidateOptions extends LoadOptions {
  /** Load a set whose rule examples fail; the failures are returned as warnings instead of thrown. */
  allowFailingExamples?: boolean;
}

export interface ValidatedSet {
  set: LexiconSet;
  /** `file:line: message` for each failing example (only with allowFailingExamples). */
  warnings: string[];
}

export function loadLexiconSetChecked(dir: string, options: ValidateOptions = {}): ValidatedSet {
  const set = loadLexiconSet(dir, options);
  return { set, warnings: examplesVerdict(dir, checkExamples(createTagger(set)), options.allowFailingExamples) };
}

export function loadValidatedLexiconSet(dir: string, options: LoadOptions = {}): LexiconSet {
  return loadLexiconSetChecked(dir, options).set;
}
