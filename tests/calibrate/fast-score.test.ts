// The re-scorer must give the label the real tagger gives under the same
// weights and thresholds — for any weights on the grid, with negation,
// attribution, concessive clauses, requirements and case overlays in play.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { FITTING } from '../../src/calibrate/config.js';
import { paramsOf, predictLabel } from '../../src/calibrate/fast-score.js';
import { createObserver } from '../../src/calibrate/observe.js';
import { loadLexiconSet } from '../../src/lexicon/load.js';
import type { LexiconSet } from '../../src/lexicon/types.js';
import { createTagger } from '../../src/tag/tagger.js';
import { cleanTempDirs, designedGold, miniCopy } from './fixtures.js';

afterAll(cleanTempDirs);

const KEN = `country: KEN
description: test overlay
rules:
  - id: ken.foreign-masters
    category: rhetorical_action
    description: Critics as agents of foreign masters.
    patterns: ["foreign masters"]
    weight: 1.5
    weight_evidence: test
    examples:
      match: ["They serve foreign masters."]
      nomatch: ["They serve the nation."]
adjust:
  - rule: acknowledgment.respect
    weight: 0.5
    why: test
`;

const TEXTS: Array<[string, string | undefined]> = [
  ...designedGold().map((g): [string, string | undefined] => [g.text, undefined]),
  ['We do not deny that abuses occurred.', undefined],
  ['We deny that abuses occurred.', undefined],
  ['Some claim that human rights are a Western invention; we reject that view.', undefined],
  ['While we respect human rights, criticism of torture is interference in our internal affairs.', undefined],
  ['No state can claim that human rights are an internal affair.', undefined],
  ['Human rights are a Western invention, and the abuses are under investigation.', undefined],
  ['The market is under investigation.', undefined],
  ['Critics of our human rights record serve foreign masters.', 'KEN'],
  ['We respect human rights although the allegations of torture are baseless.', 'KEN'],
  ['We respect human rights and the abuses are under investigation.', 'KEN'],
];

function withParams(set: LexiconSet, weights: Map<string, number>, thresholds: Record<string, number>): LexiconSet {
  const reweight = <T extends { id: string; weight: number }>(r: T): T => ({ ...r, weight: weights.get(r.id) ?? r.weight });
  const cases = Object.fromEntries(Object.entries(set.cases).map(([k, c]) => [k, { ...c, rules: c.rules.map(reweight) }]));
  return { ...set, rules: set.rules.map(reweight), cases, scoring: { ...set.scoring, ...thresholds } };
}

describe('predictLabel', () => {
  const set = loadLexiconSet(miniCopy({ 'cases/KEN.yaml': KEN }));
  const tagger = createTagger(set);
  const observer = createObserver(tagger);
  const observations = TEXTS.map(([text, country], i) => observer.observe(`t${i}`, text, 'none', { country }));
  const ruleIds = [...set.rules.map((r) => r.id), 'ken.foreign-masters'];

  it('gives the tagger its own labels with the weights as loaded', () => {
    const params = paramsOf(ruleIds.map((id) => [id, [...set.rules, ...set.cases.KEN.rules].find((r) => r.id === id)!.weight]), set.scoring);
    for (const obs of observations) expect(predictLabel(obs, params), obs.text).toBe(obs.result.label);
  });

  it('agrees with a tagger built with other weights and thresholds', () => {
    const grid = FITTING.weightGrid;
    const weightsArb = fc.array(fc.integer({ min: 0, max: grid.length - 1 }), { minLength: ruleIds.length, maxLength: ruleIds.length });
    const thresholdArb = fc.record({
      relevance_threshold: fc.constantFrom(...FITTING.thresholdGrids.relevance_threshold),
      min_move_score: fc.constantFrom(...FITTING.thresholdGrids.min_move_score),
      precedence_margin: fc.constantFrom(...FITTING.thresholdGrids.precedence_margin),
    });
    fc.assert(
      fc.property(weightsArb, thresholdArb, (indices, thresholds) => {
        const weights = new Map(ruleIds.map((id, i) => [id, grid[indices[i]]]));
        const other = createTagger(withParams(set, weights, thresholds));
        const params = paramsOf(weights, { ...set.scoring, ...thresholds });
        for (const [i, obs] of observations.entries()) {
          expect(predictLabel(obs, params), TEXTS[i][0]).toBe(other.tag(obs.text, { country: TEXTS[i][1] }).label);
        }
      }),
      { seed: 7, numRuns: 40 },
    );
  });

  it('keeps an overlay adjustment fixed for its country only', () => {
    const kenya = observations.find((o) => o.country === 'KEN' && o.text.startsWith('We respect human rights and'))!;
    expect(kenya.caseCode).toBe('KEN');
    expect(kenya.pieces.find((p) => p.rule === 'acknowledgment.respect')?.fixedWeight).toBe(0.5);
    const elsewhere = observations.find((o) => o.text.startsWith('We respect human rights in'))!;
    expect(elsewhere.pieces.find((p) => p.rule === 'acknowledgment.respect')?.fixedWeight).toBeUndefined();
  });
});
