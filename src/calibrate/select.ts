// Which fitted changes to keep. Cross-validation judges the fitting procedure:
// for each fold, fit on the other folds and label the held-out items, so every
// prediction comes from weights that never saw the item (folds: eval's seeded,
// stratified folds). The fit proposes with the fast re-scorer; the held-out
// labels come from the judge (the real tagger, in calibrate). Changes are then kept one parameter at a time (forward
// selection): a parameter is set free only when fitting it with those already
// kept raises the cross-validated macro-F1 by more than `minCvGain`. The final
// weights are fitted on all items with the kept parameters free.
import { stratifiedFolds } from '../eval/baseline.js';
import { computeMetrics, type Metrics } from '../eval/metrics.js';
import type { Label } from '../types.js';
import { FITTING } from './config.js';
import { predictLabel, type Params } from './fast-score.js';
import { fit, macroF1, valueOf, type ParamKey } from './fit.js';
import type { Judge } from './judge.js';
import type { Observation } from './observe.js';

export interface SelectionInput {
  items: readonly Observation[];
  start: Params;
  candidates: readonly ParamKey[];
  examples: readonly Observation[];
  folds: number;
  seed: number;
  /** Held-out labels under fitted parameters; default: the fast re-scorer. */
  judge?: Judge;
}

export interface KeptChange {
  key: ParamKey;
  /** Cross-validated macro-F1 before and after this parameter was set free. */
  cvBefore: number;
  cvAfter: number;
}

export interface RejectedChange {
  key: ParamKey;
  /** The value a fit on all items proposed. */
  proposed: number;
  cvBefore: number;
  cvAfter: number;
}

export interface Selection {
  before: Metrics;
  after: Metrics;
  kept: KeptChange[];
  rejected: RejectedChange[];
  final: Params;
}

function metricsOf(items: readonly Observation[], labels: readonly Label[]): Metrics {
  return computeMetrics(items.map((o, i) => ({ gold: o.gold, predicted: labels[i] })));
}

/** Held-out labels: each fold labelled by parameters fitted on the other folds. */
export function crossValidatedLabels(input: SelectionInput, free: readonly ParamKey[], assignment: readonly number[]): Label[] {
  const judge = input.judge ?? rescorer(input.items);
  const labels = new Array<Label>(input.items.length);
  for (let fold = 0; fold < input.folds; fold++) {
    const train = input.items.filter((_, i) => assignment[i] !== fold);
    const heldOut = input.items.flatMap((_, i) => (assignment[i] === fold ? [i] : []));
    const params = free.length ? fit({ train, start: input.start, free, examples: input.examples }) : input.start;
    judge(params, heldOut).forEach((label, j) => (labels[heldOut[j]] = label));
  }
  return labels;
}

/** The fast re-scorer as a judge (for tests and quick runs). */
export function rescorer(items: readonly Observation[]): Judge {
  return (params, indices) => indices.map((i) => predictLabel(items[i], params));
}

/** Order candidates by what each alone gains on all items (largest first, then by name), so strong changes are tried first. */
function orderByGain(input: SelectionInput): Array<{ key: ParamKey; proposed: number; gain: number }> {
  const gold = input.items.map((o) => o.gold);
  const startScore = macroF1(gold, input.items.map((o) => predictLabel(o, input.start)));
  const out: Array<{ key: ParamKey; proposed: number; gain: number }> = [];
  for (const key of input.candidates) {
    const params = fit({ train: input.items, start: input.start, free: [key], examples: input.examples });
    const proposed = valueOf(params, key);
    if (proposed === valueOf(input.start, key)) continue;
    const gain = macroF1(gold, input.items.map((o) => predictLabel(o, params))) - startScore;
    out.push({ key, proposed, gain });
  }
  return out.sort((a, b) => b.gain - a.gain || (a.key < b.key ? -1 : 1));
}

export function selectChanges(input: SelectionInput): Selection {
  const assignment = stratifiedFolds(input.items.map((o) => o.gold), input.folds, input.seed);
  const before = metricsOf(input.items, crossValidatedLabels(input, [], assignment));
  const kept: KeptChange[] = [];
  const rejected: RejectedChange[] = [];
  let free: ParamKey[] = [];
  let current = before;
  for (const { key, proposed } of orderByGain(input)) {
    const trial = [...free, key];
    const metrics = metricsOf(input.items, crossValidatedLabels(input, trial, assignment));
    if (metrics.macroF1 > current.macroF1 + FITTING.minCvGain) {
      kept.push({ key, cvBefore: current.macroF1, cvAfter: metrics.macroF1 });
      free = trial;
      current = metrics;
    } else {
      rejected.push({ key, proposed, cvBefore: current.macroF1, cvAfter: metrics.macroF1 });
    }
  }
  const final = free.length ? fit({ train: input.items, start: input.start, free, examples: input.examples }) : input.start;
  return { before, after: current, kept, rejected, final };
}

/** Parameters whose final value differs from the start. */
export function changedKeys(start: Params, final: Params, keys: readonly ParamKey[]): ParamKey[] {
  return keys.filter((k) => valueOf(start, k) !== valueOf(final, k));
}

