// Hostile lexicons and hostile text cannot make matching slow: pattern
// compilation is linear in the pattern's size, and matching is linear in the
// text. Work is counted, never timed: NFA states from compileRules, and the
// matcher's steps through the token clause array it reads once per step of a
// run (a Proxy counts the reads; src/tag/match.ts is not changed for it).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileRules, NFA_STRIDE, type CompiledLexicon } from '../../src/lexicon/compile.js';
import { MAX_ELEMENTS, MAX_GAP, parsePattern, type PatternAst } from '../../src/lexicon/pattern.js';
import type { Rule } from '../../src/lexicon/types.js';
import { matchTokens } from '../../src/tag/match.js';
import { tokenize, type Tokens } from '../../src/tag/tokenize.js';

const VOCABULARY = ['deny', 'allegation', 'baseless', 'human', 'rights', 'torture', 'interfere', 'internal', 'affairs', 'reject', 'sovereignty', 'report'];
const FILLER = ['the', 'of', 'and', 'a', 'government', 'said', 'year'];

function rule(patterns: PatternAst[], index = 0): Rule {
  return {
    id: `denial.generated-${index}`,
    category: 'denial',
    description: 'generated',
    patterns,
    unless: [],
    weight: 1,
    weightEvidence: 'test',
    requires: [],
    requiresOwnSentence: false,
    strongRelevance: false,
    whenNegated: 'drop',
    examples: { match: [], nomatch: [] },
    file: 'generated.yaml',
    line: 1,
  };
}

// ---- generated patterns -------------------------------------------------------

type GenElement =
  { kind: 'word'; text: string; optional: boolean } | { kind: 'group'; alternatives: string[][]; optional: boolean } | { kind: 'gap'; max: number };

const word = fc
  .tuple(fc.constantFrom(...VOCABULARY), fc.constantFrom('', '=', '~', '*'))
  .map(([w, mark]) => (mark === '*' ? `${w.slice(0, 4)}*` : `${mark}${w}`));
const alternative = fc
  .array(fc.oneof({ weight: 5, arbitrary: word }, { weight: 1, arbitrary: fc.constant('_') }), { minLength: 1, maxLength: 3 })
  .filter((alt) => alt.some((a) => a !== '_'));
const wordElement = fc.tuple(word, fc.boolean()).map(([text, optional]): GenElement => ({ kind: 'word', text, optional }));
const groupElement = fc
  .tuple(fc.array(alternative, { minLength: 1, maxLength: 40 }), fc.boolean())
  .map(([alternatives, optional]): GenElement => ({ kind: 'group', alternatives, optional }));
const gapElement = fc.integer({ min: 1, max: MAX_GAP }).map((max): GenElement => ({ kind: 'gap', max }));
const anchor = word.map((text): GenElement => ({ kind: 'word', text, optional: false }));

/** A pattern the language accepts: a required word at both ends, no two gaps in a row, at most MAX_ELEMENTS elements. */
const generatedPattern = fc
  .tuple(anchor, fc.array(fc.oneof(wordElement, groupElement, gapElement), { maxLength: MAX_ELEMENTS - 2 }), anchor)
  .map(([first, middle, last]) => [first, ...middle.filter((e, i) => !(e.kind === 'gap' && middle[i - 1]?.kind === 'gap')), last]);

function source(elements: GenElement[]): string {
  return elements
    .map((e) => {
      if (e.kind === 'gap') return `..${e.max}`;
      if (e.kind === 'word') return `${e.text}${e.optional ? '?' : ''}`;
      return `(${e.alternatives.map((a) => a.join(' ')).join('|')})${e.optional ? '?' : ''}`;
    })
    .join(' ');
}

/** Pattern size: written atoms, gap widths, alternatives and elements. */
function size(ast: PatternAst): number {
  let n = ast.elements.length;
  for (const e of ast.elements) {
    if (e.kind === 'gap') n += e.max;
    else n += e.alternatives.length + e.alternatives.reduce((sum, alt) => sum + alt.length, 0);
  }
  return n;
}

/** The most tokens one match can span (no loops in the language: every run ends within it). */
function span(ast: PatternAst): number {
  return ast.elements.reduce((sum, e) => sum + (e.kind === 'gap' ? e.max : Math.max(...e.alternatives.map((a) => a.length))), 0);
}

/** A constant of the Thompson construction: at most two states per unit of size, plus the accept state. */
const STATES_PER_SIZE = 2;

describe('pattern compilation is linear in the pattern size', () => {
  it('compiles every generated pattern into at most 2 NFA states per element, atom, alternative and gap slot', () => {
    fc.assert(
      fc.property(generatedPattern, (elements) => {
        const ast = parsePattern(source(elements));
        const compiled = compileRules([rule([ast])]);
        const states = compiled.patterns[0].nfa.length / NFA_STRIDE;
        expect(states).toBeLessThanOrEqual(STATES_PER_SIZE * size(ast) + 1);
        expect(compiled.featureCount).toBeLessThanOrEqual(size(ast));
      }),
      { numRuns: 300 },
    );
  });

  it('grows by a constant per alternative: 1, 10, 100, 1000 alternatives', () => {
    const statesFor = (k: number) => {
      const words = Array.from({ length: k }, (_, i) => `w${i}x`);
      return compileRules([rule([parsePattern(`(${words.join('|')}) ..8 rights`)])]).patterns[0].nfa.length / NFA_STRIDE;
    };
    const counts = [1, 10, 100, 1000].map(statesFor);
    const perAlternative = (counts[3] - counts[2]) / 900;
    expect(perAlternative).toBe((counts[2] - counts[1]) / 90);
    expect(perAlternative).toBeLessThanOrEqual(STATES_PER_SIZE);
  });

  it('a whole set of generated rules compiles to the sum of its patterns', () => {
    fc.assert(
      fc.property(fc.array(generatedPattern, { minLength: 1, maxLength: 20 }), (patterns) => {
        const asts = patterns.map((p) => parsePattern(source(p)));
        const compiled = compileRules(asts.map((ast, i) => rule([ast], i)));
        const total = compiled.patterns.reduce((sum, p) => sum + p.nfa.length / NFA_STRIDE, 0);
        expect(total).toBeLessThanOrEqual(asts.reduce((sum, ast) => sum + STATES_PER_SIZE * size(ast) + 1, 0));
      }),
      { numRuns: 50 },
    );
  });
});

// ---- counted matching ---------------------------------------------------------

/** Tokens whose clause array counts the matcher's reads: one per step of every run, plus one when a run starts. */
function countedTokens(text: string): { tokens: Tokens; reads: () => number } {
  const tokens = tokenize(text);
  let reads = 0;
  const clause = new Proxy(tokens.clause, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
      return Reflect.get(target, key, receiver);
    },
  });
  return { tokens: { ...tokens, clause }, reads: () => reads };
}

/** Work allowed per token: every pattern may start a run there, each run at most its span plus the read that starts it and the one that stops it. */
function stepsPerToken(lexicon: CompiledLexicon, asts: PatternAst[]): number {
  expect(lexicon.patterns.length).toBe(asts.length);
  return asts.reduce((sum, ast) => sum + span(ast) + 2, 0);
}

/** Adversarial text: long runs of the patterns' own words (anchors again and again), with and without gaps. */
const hostileText = fc
  .array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...VOCABULARY) }, { weight: 1, arbitrary: fc.constantFrom(...FILLER) }), {
    minLength: 1,
    maxLength: 400,
  })
  .chain((words) => fc.integer({ min: 1, max: 25 }).map((copies) => Array.from({ length: copies }, () => words.join(' ')).join(' ')));

describe('matching is linear in the text', () => {
  it('takes at most a constant number of steps per token on generated hostile texts (the constant depends only on the lexicon)', () => {
    fc.assert(
      fc.property(fc.array(generatedPattern, { minLength: 1, maxLength: 6 }), hostileText, (patterns, text) => {
        const asts = patterns.map((p) => parsePattern(source(p)));
        const lexicon = compileRules(asts.map((ast, i) => rule([ast], i)));
        const { tokens, reads } = countedTokens(text);
        const matches = matchTokens(lexicon, tokens);
        expect(reads()).toBeLessThanOrEqual(stepsPerToken(lexicon, asts) * tokens.count);
        // The counter sees the work: each match took at least as many steps as it has tokens.
        expect(reads()).toBeGreaterThanOrEqual(matches.reduce((sum, m) => sum + (m.endToken - m.startToken), 0));
      }),
      { numRuns: 150 },
    );
  });

  it('does the same work on every copy of a repeated text: twice the text, twice the steps (within one span)', () => {
    const asts = ['deny ..8 allegation ..8 (baseless|torture|rights)', 'deny (_ _|_)? deny ..8 deny', '(human|internal|deny) ..8 (rights|affairs|deny)'].map(
      (s) => parsePattern(s),
    );
    const lexicon = compileRules(asts.map((ast, i) => rule([ast], i)));
    const unit = 'deny deny allegation deny the human deny rights internal deny affairs deny torture deny of deny baseless deny ';
    const stepsFor = (copies: number) => {
      const { tokens, reads } = countedTokens(unit.repeat(copies));
      matchTokens(lexicon, tokens);
      return { steps: reads(), tokens: tokens.count };
    };
    const one = stepsFor(100);
    const two = stepsFor(200);
    const four = stepsFor(400);
    const slack = stepsPerToken(lexicon, asts) * Math.max(...asts.map(span));
    expect(two.tokens).toBe(2 * one.tokens);
    expect(Math.abs(two.steps - 2 * one.steps)).toBeLessThanOrEqual(slack);
    expect(Math.abs(four.steps - 2 * two.steps)).toBeLessThanOrEqual(slack);
    expect(one.steps).toBeGreaterThan(one.tokens); // the hostile text keeps runs alive: real work is counted
  });

  it('stops every run at a clause break: a 20,000-token run of one anchor word costs at most (span + 2) steps per token', () => {
    const ast = parsePattern('deny ..8 deny ..8 deny ..8 deny ..8 deny');
    const lexicon = compileRules([rule([ast])]);
    const { tokens, reads } = countedTokens('deny '.repeat(20_000));
    const matches = matchTokens(lexicon, tokens);
    expect(matches.length).toBeGreaterThan(0);
    expect(reads()).toBeLessThanOrEqual((span(ast) + 2) * tokens.count);
  });
});
