// isTermWord skips its regular expression for a-z words: the same answer as
// the rule it states (three or more letters, not a stop word) for any word.
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isTermWord } from '../../src/tag/terms.js';

const require = createRequire(import.meta.url);
const STOPWORDS = new Set((require('natural/lib/natural/util/stopwords') as { words: string[] }).words);
const byRule = (w: string) => w.length >= 3 && /^\p{L}+$/u.test(w) && !STOPWORDS.has(w);

describe('isTermWord', () => {
  it('takes letters only, three or more, not a stop word', () => {
    expect(['rights', 'émigré', 'naïve', 'права', 'ones'].map(isTermWord)).toEqual([true, true, true, true, true]);
    expect(['on', 'the', 'which', 'abc1', 'x-y', '', 'ab', 'rights\u0301'].map(isTermWord)).toEqual([false, false, false, false, false, false, false, false]);
  });

  it('agrees with the rule on any word', () => {
    const word = fc.oneof(
      fc.stringMatching(/^[a-z]{0,8}$/),
      fc.constantFrom(...[...STOPWORDS].slice(0, 50)),
      fc.string({ maxLength: 8 }),
      fc.string({ unit: 'binary', maxLength: 8 }),
    );
    fc.assert(
      fc.property(word, (w) => isTermWord(w) === byRule(w)),
      { numRuns: 5000 },
    );
  });
});
