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

describe('an example tagged where it is said', () => {
  // concession.investigation requires human-rights talk and the speaker's own State in view; the UPR setting meets both.
  const rule = allRules(tagger).find((r) => r.id === 'concession.investigation')!;
  const text = 'The torture allegations raised by the international community were investigated.';
  const withExample = (example: { text: string; venue?: string; country?: string }) => ({
    ...rule,
    examples: { match: [example], nomatch: rule.examples.nomatch },
  });

  it('runs a match example with its venue: in a UPR report it fires, said nowhere in particular it does not', () => {
    expect(checkRuleExamples(tagger, withExample({ text, venue: 'UPR working group' }))).toEqual([]);
    expect(checkRuleExamples(tagger, withExample({ text }))).toMatchObject([{ kind: 'match', message: 'should match but the rule did not fire' }]);
  });

  it("runs it as said by its country: the speaker's own name is a self-reference", () => {
    const chile = 'Chile has investigated the torture allegations the international community raised.';
    expect(checkRuleExamples(tagger, withExample({ text: chile, country: 'CHL' }))).toEqual([]);
    expect(checkRuleExamples(tagger, withExample({ text: chile, country: 'KEN' }))).toHaveLength(1);
  });
});
