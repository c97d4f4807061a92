// The judge: labels from the real tagger under given weights and thresholds.
// The fitter proposes with the fast re-scorer; whether a change is kept, and
// every figure reported, is decided by tagging with a set that carries the
// proposed values — so calibration can never report a gain the tagger does not give.
import type { GoldItem } from '../eval/gold.js';
import type { LexiconSet, Rule } from '../lexicon/types.js';
import { createTagger } from '../tag/tagger.js';
import type { Label } from '../types.js';
import type { Params } from './fast-score.js';

/** Labels of the items at `indices` under `params`. */
export type Judge = (params: Params, indices: readonly number[]) => Label[];

/** The set with the weights and thresholds of `params` (overlay adjustments stay as written). */
export function setWithParams(set: LexiconSet, params: Params): LexiconSet {
  const reweight = (r: Rule): Rule => {
    const weight = params.weights.get(r.id);
    return weight === undefined || weight === r.weight ? r : { ...r, weight };
  };
  const cases = Object.fromEntries(Object.entries(set.cases).map(([code, c]) => [code, { ...c, rules: c.rules.map(reweight) }]));
  return { ...set, rules: set.rules.map(reweight), cases, scoring: { ...set.scoring, ...params.thresholds } };
}

/** A short key for the values that differ from the set's own. */
function keyOf(set: LexiconSet, params: Params): string {
  const own = new Map([...set.rules, ...Object.values(set.cases).flatMap((c) => c.rules)].map((r) => [r.id, r.weight]));
  const weights = [...params.weights].filter(([id, w]) => own.get(id) !== w).sort(([a], [b]) => (a < b ? -1 : 1));
  const thresholds = Object.entries(params.thresholds).filter(([k, v]) => set.scoring[k as keyof typeof set.scoring] !== v).sort();
  return JSON.stringify([weights, thresholds]);
}

/** A judge over gold items. Labels are cached per parameter setting; a tagger is built only for labels not yet known. */
export function createJudge(set: LexiconSet, items: readonly GoldItem[], forceCase?: string): Judge {
  const cache = new Map<string, Map<number, Label>>();
  return (params, indices) => {
    const key = keyOf(set, params);
    const labels = cache.get(key) ?? new Map<number, Label>();
    cache.set(key, labels);
    const missing = indices.filter((i) => !labels.has(i));
    if (missing.length) {
      const tagger = createTagger(setWithParams(set, params), { forceCase });
      for (const i of missing) labels.set(i, tagger.tag(items[i].text, { country: items[i].meta.country, year: items[i].meta.year }).label);
    }
    return indices.map((i) => labels.get(i)!);
  };
}
