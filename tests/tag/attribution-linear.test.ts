// Reported views are found in one pass: many attribution markers in one long
// clause cost work linear in the tokens, not markers × tokens (issue 16, row 10:
// a 1.28 M-character text took 36 s in the scope search). Work is counted —
// reads of the token arrays through a Proxy — never timed.
import { describe, expect, it } from 'vitest';
import { applyAttribution, FRONTED_VIEW_REACH, type WorkingEvidence } from '../../src/tag/score.js';
import { tokenize, type Tokens } from '../../src/tag/tokenize.js';
import type { ScoringConfig } from '../../src/lexicon/types.js';

const CONFIG = { attributed_factor: 0 } as ScoringConfig;

function countingTokens(tokens: Tokens): { tokens: Tokens; reads: () => number } {
  let reads = 0;
  const count = <T extends unknown[]>(array: T): T =>
    new Proxy(array, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
  return { tokens: { ...tokens, words: count(tokens.words), clause: count(tokens.clause), phrase: count(tokens.phrase) }, reads: () => reads };
}

function evidenceAt(tokens: Tokens, index: number, category: 'attribution' | 'denial'): WorkingEvidence {
  return {
    rule: `${category}.x`,
    category,
    start: tokens.starts[index],
    end: tokens.ends[index],
    text: '',
    weight: 1,
    baseWeight: 1,
    negated: false,
    startToken: index,
    endToken: index + 1,
    requires: [],
    requiresOwnSentence: false,
    strongRelevance: false,
    whenNegated: 'drop',
    negatorInGap: false,
  };
}

/** One clause of `copies` reported views ("some claim that it is interference") with no break anywhere. */
function work(copies: number): { reads: number; tokens: number; attributed: number } {
  const text = Array.from({ length: copies }, () => 'some claim that it is interference').join(' ');
  const plain = tokenize(text);
  const counted = countingTokens(plain);
  const evidence: WorkingEvidence[] = [];
  for (let i = 0; i < plain.count; i++) {
    const word = plain.words[i];
    if (word === 'claim') evidence.push(evidenceAt(counted.tokens, i, 'attribution'));
    if (word === 'interference') evidence.push(evidenceAt(counted.tokens, i, 'denial'));
  }
  const before = counted.reads();
  applyAttribution(evidence, counted.tokens, CONFIG);
  return { reads: counted.reads() - before, tokens: counted.tokens.count, attributed: evidence.filter((e) => e.effect === 'attributed').length };
}

describe('attribution scopes', () => {
  it('reads each token a bounded number of times however many markers the clause holds', () => {
    const small = work(500);
    const large = work(2000);
    expect(small.attributed).toBe(500);
    expect(large.attributed).toBe(2000);
    // The one backward pass reads five arrays per token; each marker then reads one word after it and at most three before it (a fronted "what").
    expect(large.reads).toBeLessThanOrEqual(6 * large.tokens + FRONTED_VIEW_REACH * 2000);
    // Four times the text, about four times the work (a quadratic search would do sixteen times).
    expect(large.reads / small.reads).toBeLessThan(4.5);
  });

  it('still ends a reported view at a contrast word or at "we" after a comma', () => {
    const tokens = tokenize('Some claim that this is interference, but we reject interference, we say.');
    const words = tokens.words;
    const evidence = [evidenceAt(tokens, words.indexOf('claim'), 'attribution')];
    words.forEach((w, i) => w === 'interference' && evidence.push(evidenceAt(tokens, i, 'denial')));
    applyAttribution(evidence, tokens, CONFIG);
    expect(evidence.filter((e) => e.category === 'denial').map((e) => e.effect)).toEqual(['attributed', undefined]);
  });
});
