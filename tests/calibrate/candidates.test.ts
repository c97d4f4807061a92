import { afterAll, describe, expect, it } from 'vitest';
import { findCandidates, weightedLogOdds } from '../../src/calibrate/candidates.js';
import { observeGold } from '../../src/calibrate/observe.js';
import { loadLexiconSet } from '../../src/lexicon/load.js';
import { createTagger } from '../../src/tag/tagger.js';
import type { Label } from '../../src/types.js';
import { cleanTempDirs, designedGold, goldItems, miniCopy } from './fixtures.js';

afterAll(cleanTempDirs);

const tagger = createTagger(loadLexiconSet(miniCopy()));

describe('weightedLogOdds', () => {
  it('follows Monroe et al.: smoothed log-odds difference over its standard error', () => {
    // y_i = 10 of n_i = 100, y_rest = 2 of n_rest = 200, α_w = 1.2, α_0 = 30 (computed by hand).
    const { delta, z } = weightedLogOdds(10, 100, 2, 200, 1.2, 30);
    expect(delta).toBeCloseTo(1.89939, 4);
    expect(z).toBeCloseTo(2.99652, 4);
  });

  it('is zero for a phrase used at the same rate in both groups', () => {
    expect(weightedLogOdds(5, 100, 5, 100, 1, 20).delta).toBeCloseTo(0, 12);
  });
});

/** The designed gold plus denial sentences with a phrase the mini lexicon does not know. */
function gold(): Array<{ id: string; text: string; label: Label }> {
  const extra = ['Our nation', 'The government', 'This people', 'Our state', 'The republic', 'Our country'].map((who, i) => ({
    id: `den${i}`,
    text: `${who} will never bow to neo-colonial dictation on human rights.`,
    label: 'denial' as const,
  }));
  return [...designedGold(), ...extra];
}

describe('findCandidates', () => {
  const observations = observeGold(tagger, goldItems(gold()));
  const candidates = findCandidates(observations);

  it('proposes the phrase over-represented in a label, with key-word-in-context examples', () => {
    const top = candidates.denial.find((c) => [c.phrase, ...c.variants].includes('colonial dictation'))!;
    expect(top).toBeDefined();
    expect(top.countInLabel).toBe(6);
    expect(top.countElsewhere).toBe(0);
    expect(top.z).toBeGreaterThan(1.96);
    expect(top.examples.length).toBe(3);
    expect(top.examples[0].match.toLowerCase().replace(/-/g, ' ')).toBe(top.phrase);
    expect(top.examples[0].left + top.examples[0].match + top.examples[0].right).toContain('neo-colonial dictation');
  });

  it('does not propose what the lexicon already matches', () => {
    const phrases = candidates.rhetorical_action.map((c) => c.phrase);
    expect(phrases).not.toContain('baseless');
    expect(phrases).not.toContain('completely baseless');
    const concession = candidates.argumentative_concession.map((c) => c.phrase);
    expect(concession).not.toContain('investigation');
  });

  it('shows overlapping cuts of one recurring phrase as one finding with variants', () => {
    const findings = candidates.denial.filter((c) => c.phrase.includes('dictation') || c.variants.some((v) => v.includes('dictation')));
    expect(findings.length).toBe(1);
    expect([findings[0].phrase, ...findings[0].variants]).toEqual(expect.arrayContaining(['dictation', 'colonial dictation', 'neo colonial dictation']));
  });

  it('never proposes a phrase that begins or ends with a stop word', () => {
    for (const label of Object.keys(candidates) as Label[]) {
      for (const c of candidates[label]) expect(c.phrase, c.phrase).not.toMatch(/^(the|of|on|to|and|our) |\b (the|of|on|to|and|our)$/);
    }
  });

  it('orders by z-score and is deterministic', () => {
    for (const label of Object.keys(candidates) as Label[]) {
      const zs = candidates[label].map((c) => c.z);
      expect(zs).toEqual([...zs].sort((a, b) => b - a));
    }
    expect(JSON.stringify(findCandidates(observations))).toBe(JSON.stringify(candidates));
  });
});
