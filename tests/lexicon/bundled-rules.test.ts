// The RuleTester of spiral: every rule of the bundled lexicons (and its case
// overlays) runs its own examples: `match` must fire, `nomatch` must not, and a
// `{text, label}` example must get that label from the whole tagger.
import { describe, expect, it } from 'vitest';
import { allRules, checkRuleExamples } from '../../src/lexicon/examples.js';
import { loadLexiconSet } from '../../src/lexicon/load.js';
import { createTagger } from '../../src/tag/tagger.js';
import { BUNDLED_LEXICONS } from '../helpers/lexicons.js';

const tagger = createTagger(loadLexiconSet(BUNDLED_LEXICONS));

describe('bundled lexicon rules', () => {
  it('has rules for every move, relevance and attribution', () => {
    const categories = new Set(tagger.set.rules.map((r) => r.category));
    for (const c of ['denial', 'rhetorical_action', 'argumentative_concession', 'norm_acknowledgment', 'relevance', 'attribution']) {
      expect(categories.has(c as never)).toBe(true);
    }
  });

  for (const rule of allRules(tagger)) {
    it(`${rule.id} (${rule.file}:${rule.line})`, () => {
      expect(rule.examples.match.length).toBeGreaterThan(0);
      expect(rule.examples.nomatch.length).toBeGreaterThan(0);
      expect(checkRuleExamples(tagger, rule)).toEqual([]);
    });
  }
});
