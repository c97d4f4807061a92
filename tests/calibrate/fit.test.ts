import { afterAll, describe, expect, it } from 'vitest';
import { paramsOf, predictLabel } from '../../src/calibrate/fast-score.js';
import { fit, fittableKeys, gridFor, thresholdKey, valueOf, weightKey } from '../../src/calibrate/fit.js';
import { observeGold, observeLabelledExamples } from '../../src/calibrate/observe.js';
import { selectChanges } from '../../src/calibrate/select.js';
import { computeMetrics } from '../../src/eval/metrics.js';
import { loadLexiconSet } from '../../src/lexicon/load.js';
import { createTagger } from '../../src/tag/tagger.js';
import { cleanTempDirs, designedGold, goldItems, miniCopy } from './fixtures.js';

afterAll(cleanTempDirs);

const set = loadLexiconSet(miniCopy());
const tagger = createTagger(set);
const start = paramsOf(set.rules.map((r) => [r.id, r.weight]), set.scoring);
const observations = observeGold(tagger, goldItems(designedGold()));
const examples = observeLabelledExamples(tagger).map((e) => e.observation);
const macro = (labels: string[]) => computeMetrics(observations.map((o, i) => ({ gold: o.gold, predicted: labels[i] as never }))).macroF1;

describe('fit', () => {
  it('raises the weight that turns mixed sentences into concessions, and training macro-F1 with it', () => {
    const params = fit({ train: observations, start, free: fittableKeys(observations), examples });
    expect(valueOf(params, weightKey('concession.investigate'))).toBeGreaterThan(2);
    const before = macro(observations.map((o) => predictLabel(o, start)));
    const after = macro(observations.map((o) => predictLabel(o, params)));
    expect(before).toBeLessThan(1);
    expect(after).toBe(1);
  });

  it('moves nothing when nothing is to be gained (the penalty keeps the start)', () => {
    const easy = observations.filter((o) => !o.id.startsWith('mix'));
    const params = fit({ train: easy, start, free: fittableKeys(easy), examples });
    for (const key of fittableKeys(easy)) expect(valueOf(params, key), key).toBe(valueOf(start, key));
  });

  it('never breaks a labelled rule example the start got right', () => {
    // Gold that asks for "we do not deny that abuses occurred" to be `none`: the example says concession.
    const items = goldItems(
      Array.from({ length: 12 }, (_, i) => ({ id: `n${i}`, text: `We do not deny that abuses occurred in region ${i}.`, label: 'none' as const })),
    );
    const obs = observeGold(tagger, items);
    const unconstrained = fit({ train: obs, start, free: fittableKeys(obs), examples: [] });
    expect(examples.some((e) => predictLabel(e, unconstrained) !== e.gold)).toBe(true);
    const params = fit({ train: obs, start, free: fittableKeys(obs), examples });
    for (const e of examples) expect(predictLabel(e, params), e.text).toBe(e.gold);
  });

  it('lists thresholds and the rules that fire often enough', () => {
    const keys = fittableKeys(observations);
    expect(keys.slice(0, 3)).toEqual([thresholdKey('relevance_threshold'), thresholdKey('min_move_score'), thresholdKey('precedence_margin')]);
    expect(keys).toContain(weightKey('concession.investigate'));
    expect(keys).not.toContain(weightKey('denial.western-invention'));
  });

  it('tries the starting value even when it is off the grid', () => {
    expect(gridFor(weightKey('x.y'), 1.7)).toContain(1.7);
  });
});

describe('selectChanges', () => {
  const input = { items: observations, start, candidates: fittableKeys(observations), examples, folds: 5, seed: 1 };

  it('keeps a change only with a cross-validated gain, and reports before and after', () => {
    const s = selectChanges(input);
    expect(s.kept.map((k) => k.key)).toContain(weightKey('concession.investigate'));
    for (const k of s.kept) expect(k.cvAfter).toBeGreaterThan(k.cvBefore);
    expect(s.after.macroF1).toBeGreaterThan(s.before.macroF1);
    expect(s.before.macroF1).toBeCloseTo(macro(observations.map((o) => o.result.label)), 10);
  });

  it('is deterministic', () => {
    expect(JSON.stringify(selectChanges(input))).toBe(JSON.stringify(selectChanges(input)));
  });

  it('keeps nothing on gold the lexicon already gets right', () => {
    const easy = observations.filter((o) => !o.id.startsWith('mix'));
    const s = selectChanges({ ...input, items: easy, candidates: fittableKeys(easy) });
    expect(s.kept).toEqual([]);
    expect(s.after.macroF1).toBe(s.before.macroF1);
  });
});
