// Loading a lexicon set for tagging validates it whole: schema, duplicates and
// patterns (lexicon/load.ts), then every rule's examples through a tagger — a
// set whose own examples fail is refused with file:line, like a syntax error.
import path from 'node:path';
import { LexiconError } from '../lexicon/errors.js';
import { checkExamples } from '../lexicon/examples.js';
import { loadLexiconSet, type LoadOptions } from '../lexicon/load.js';
import type { LexiconSet } from '../lexicon/types.js';
import { createTagger } from './tagger.js';

export function loadValidatedLexiconSet(dir: string, options: LoadOptions = {}): LexiconSet {
  const set = loadLexiconSet(dir, options);
  const failures = checkExamples(createTagger(set));
  if (failures.length > 0) {
    throw new LexiconError(
      failures.map((f) => ({
        file: path.join(dir, f.file),
        line: f.line,
        message: `rule ${f.rule}: ${f.kind} example "${f.text}": ${f.message}`,
      })),
    );
  }
  return set;
}
