import { afterAll, describe, expect, it } from 'vitest';
import { diagnoseRules } from '../../src/calibrate/diagnostics.js';
import { observeGold } from '../../src/calibrate/observe.js';
import { loadLexiconSet } from '../../src/lexicon/load.js';
import { createTagger } from '../../src/tag/tagger.js';
import { bundledTagger } from '../helpers/lexicons.js';
import { cleanTempDirs, designedGold, goldItems, miniCopy } from './fixtures.js';

afterAll(cleanTempDirs);

const set = loadLexiconSet(miniCopy());
const tagger = createTagger(set);
const observations = observeGold(tagger, goldItems(designedGold()));
const diagnostics = diagnoseRules(set, observations);
const of = (id: string) => diagnostics.find((d) => d.rule === id)!;

describe('diagnoseRules', () => {
  it('counts firings, agreement with gold and deciding evidence', () => {
    const baseless = of('rhetorical.baseless');
    // 10 "baseless" sentences (rhetorical) + 10 mixed ones (gold concession).
    expect(baseless.fires).toBe(20);
    expect(baseless.agrees).toBe(10);
    expect(baseless.precision).toBeCloseTo(0.5, 10);
    expect(baseless.deciding).toBe(20);
    expect(baseless.decidingCorrect).toBe(10);
    expect(baseless.coverage).toBeCloseTo(20 / 50, 10);
  });

  it('lists overlaps and conflicts with other rules', () => {
    const baseless = of('rhetorical.baseless');
    expect(baseless.conflicts).toEqual([{ rule: 'concession.investigate', count: 10 }]);
    expect(baseless.overlaps.map((o) => o.rule)).toContain('relevance.abuses');
  });

  it('shows the worst false positives first: those where the rule decided a wrong label', () => {
    const fp = of('rhetorical.baseless').worstFalsePositives;
    expect(fp.length).toBe(3);
    for (const f of fp) {
      expect(f.deciding).toBe(true);
      expect(f.gold).toBe('argumentative_concession');
      expect(f.predicted).toBe('rhetorical_action');
      expect(f.text).toContain('baseless');
    }
  });

  it('judges relevance by whether the gold is a move, and leaves attribution unjudged', () => {
    expect(of('relevance.abuses').precision).toBe(1);
    expect(of('attribution.some-claim').precision).toBeNull();
  });

  it('judges target rules by the coded target and leaves speaker evidence unjudged', () => {
    const tagger = bundledTagger();
    const items = goldItems([
      { id: 'own', text: 'My Government has ratified the Convention against Torture.', label: 'norm_acknowledgment', country: 'KEN' },
      { id: 'norm', text: 'We believe that human rights are universal and indivisible.', label: 'norm_acknowledgment', country: 'KEN' },
      { id: 'all', text: 'All States must respect human rights.', label: 'norm_acknowledgment', country: 'KEN' },
      { id: 'uncoded', text: 'All States must respect human rights and freedoms.', label: 'norm_acknowledgment', country: 'KEN' },
    ]);
    items[0].target = 'self';
    items[1].target = 'general';
    items[2].target = 'self'; // a coder's call against the rule: counted as a false positive
    const found = diagnoseRules(tagger.set, observeGold(tagger, items));
    const rule = (id: string) => found.find((d) => d.rule === id)!;
    expect(rule('target.self-government').agrees).toBe(1);
    expect(rule('target.general-norm-statement').agrees).toBe(1);
    // Two firings of "All States", one judged (the fourth item codes no target) and wrong.
    const allStates = rule('target.general-all-states');
    expect(allStates.fires).toBe(2);
    expect(allStates.precision).toBe(0);
    expect(allStates.worstFalsePositives.map((f) => f.id)).toEqual(['all']);
    // "We believe": the speaker's voice claims no label, and a discounted self-reference does not fire.
    expect(rule('speaker.stance').precision).toBeNull();
    expect(rule('speaker.stance').agrees).toBeNull();
    expect(rule('target.self-first-person').fires).toBe(0);
  });

  it('puts rules that never fire first, then rules that mostly mislead, then those that fire in one document only', () => {
    const verdicts = diagnostics.map((d) => d.verdict);
    const order = { never_fires: 0, misleads: 1, one_document: 2, rarely_fires: 3, ok: 4, untested: 5 };
    expect(verdicts.map((v) => order[v])).toEqual([...verdicts.map((v) => order[v])].sort((a, b) => a - b));
    expect(of('denial.western-invention').verdict).toBe('never_fires');
    expect(diagnostics[0].verdict).toBe('never_fires');
  });
});

describe('rules that fire in one document only', () => {
  const tagger = bundledTagger();
  const item = (id: string, document: string) => ({
    id,
    text: 'The allegations of torture are completely baseless and fabricated.',
    label: 'rhetorical_action' as const,
    line: 1,
    meta: { country: 'KEN', document },
  });
  const rule = (found: ReturnType<typeof diagnoseRules>) => found.find((d) => d.rule === 'rhetorical.false-allegations')!;

  it("are marked as that document's idiom, however precise they are", () => {
    const found = diagnoseRules(tagger.set, observeGold(tagger, [item('a', 'ken-1990.txt'), item('b', 'ken-1990.txt'), item('c', 'ken-1990.txt')]));
    expect(rule(found)).toMatchObject({ fires: 3, documents: 1, precision: 1, verdict: 'one_document' });
  });

  it('are judged like any rule once they fire in a second document', () => {
    const found = diagnoseRules(tagger.set, observeGold(tagger, [item('a', 'ken-1990.txt'), item('b', 'ken-1990.txt'), item('c', 'ken-1995.txt')]));
    expect(rule(found)).toMatchObject({ fires: 3, documents: 2, verdict: 'ok' });
  });
});

describe('case-overlay rules', () => {
  const dir = miniCopy({
    'cases/KEN.yaml': `country: KEN
description: test
rules:
  - id: ken.foreign-masters
    category: rhetorical_action
    description: d
    patterns: ["foreign masters"]
    weight: 2
    weight_evidence: test
    examples:
      match: ["They serve foreign masters."]
      nomatch: ["They serve the nation."]
`,
  });
  const withCase = loadLexiconSet(dir);
  const caseTagger = createTagger(withCase);

  it('are "not tested" without gold items from their country, and judged like any rule with them', () => {
    const without = diagnoseRules(withCase, observeGold(caseTagger, goldItems(designedGold())));
    expect(without.find((d) => d.rule === 'ken.foreign-masters')!.verdict).toBe('untested');
    expect(without[without.length - 1].verdict).toBe('untested');
    const kenyan = goldItems([{ id: 'k1', text: 'Critics of human rights here serve foreign masters.', label: 'rhetorical_action', country: 'KEN' }]);
    const withItems = diagnoseRules(withCase, observeGold(caseTagger, kenyan));
    expect(withItems.find((d) => d.rule === 'ken.foreign-masters')).toMatchObject({ verdict: 'rarely_fires', fires: 1, agrees: 1 });
  });
});
