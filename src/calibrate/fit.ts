// Fit rule weights and scoring thresholds to gold labels by coordinate search:
// one parameter at a time, try every value of its grid, keep the value with the
// best training macro-F1 minus a penalty per grid step away from the start
// (the regulariser), and sweep until nothing changes. Labelled rule examples
// are constraints: a value that would change the label of an example the
// starting weights got right is never taken. Pure and deterministic: parameters
// are visited in a fixed order and ties keep the current value.
import { computeMetrics } from '../eval/metrics.js';
import type { Label } from '../types.js';
import { FITTED_THRESHOLDS, FITTING, type FittedThreshold } from './config.js';
import { predictLabel, type Params } from './fast-score.js';
import type { Observation } from './observe.js';

/** `weight:<rule id>` or `threshold:<scoring key>`. */
export type ParamKey = string;

export const weightKey = (rule: string): ParamKey => `weight:${rule}`;
export const thresholdKey = (name: FittedThreshold): ParamKey => `threshold:${name}`;

export function describeKey(key: ParamKey): { kind: 'weight' | 'threshold'; name: string } {
  const [kind, ...rest] = key.split(':');
  return { kind: kind as 'weight' | 'threshold', name: rest.join(':') };
}

export function valueOf(params: Params, key: ParamKey): number {
  const { kind, name } = describeKey(key);
  const value = kind === 'weight' ? params.weights.get(name) : params.thresholds[name as FittedThreshold];
  if (value === undefined) throw new Error(`unknown parameter ${key}`);
  return value;
}

export function withValue(params: Params, key: ParamKey, value: number): Params {
  const { kind, name } = describeKey(key);
  if (kind === 'weight') return { weights: new Map(params.weights).set(name, value), thresholds: params.thresholds };
  return { weights: params.weights, thresholds: { ...params.thresholds, [name]: value } };
}

/** The values tried for a parameter: its grid plus the value it starts from, ascending. */
export function gridFor(key: ParamKey, start: number): number[] {
  const { kind, name } = describeKey(key);
  const grid: readonly number[] = kind === 'weight' ? FITTING.weightGrid : FITTING.thresholdGrids[name as FittedThreshold];
  return [...new Set([...grid, start])].sort((a, b) => a - b);
}

/** Grid steps between two values of a parameter (the regulariser's unit). */
function steps(grid: number[], from: number, to: number): number {
  return Math.abs(grid.indexOf(to) - grid.indexOf(from));
}

export function macroF1(gold: readonly Label[], predicted: readonly Label[]): number {
  return computeMetrics(gold.map((g, i) => ({ gold: g, predicted: predicted[i] }))).macroF1;
}

/** Which items each parameter can change: thresholds touch all, a weight only the items its rule fires on. */
function affectedItems(items: readonly Observation[], key: ParamKey): number[] | 'all' {
  const { kind, name } = describeKey(key);
  if (kind === 'threshold') return 'all';
  const out: number[] = [];
  items.forEach((obs, i) => {
    if (obs.pieces.some((p) => p.rule === name && p.factor > 0 && p.fixedWeight === undefined)) out.push(i);
  });
  return out;
}

export interface FitInput {
  train: readonly Observation[];
  start: Params;
  /** The parameters free to move, in the order they are visited. */
  free: readonly ParamKey[];
  /** Labelled examples: their labels must not go from right to wrong. */
  examples: readonly Observation[];
}

/** Keep labels and the objective's parts up to date while parameters move. */
class FitState {
  readonly gold: Label[];
  readonly labels: Label[];
  readonly examplesOk: boolean[];
  params: Params;
  penalty = 0;

  constructor(readonly input: FitInput) {
    this.params = input.start;
    this.gold = input.train.map((o) => o.gold);
    this.labels = input.train.map((o) => predictLabel(o, input.start));
    this.examplesOk = input.examples.map((o) => predictLabel(o, input.start) === o.gold);
  }

  objective(labels: readonly Label[], penalty: number): number {
    return macroF1(this.gold, labels) - FITTING.stepPenalty * penalty;
  }

  breaksAnExample(candidate: Params, key: ParamKey): boolean {
    const { kind, name } = describeKey(key);
    return this.input.examples.some((o, i) => {
      if (!this.examplesOk[i]) return false;
      if (kind === 'weight' && !o.pieces.some((p) => p.rule === name)) return false;
      return predictLabel(o, candidate) !== o.gold;
    });
  }
}

function relabel(state: FitState, candidate: Params, affected: number[] | 'all'): Label[] {
  const labels = [...state.labels];
  const indices = affected === 'all' ? labels.keys() : affected;
  for (const i of indices) labels[i] = predictLabel(state.input.train[i], candidate);
  return labels;
}

/** One coordinate step: the best value for `key`, or nothing when the current value is best. */
function improve(state: FitState, key: ParamKey, affected: number[] | 'all'): boolean {
  const startValue = valueOf(state.input.start, key);
  const grid = gridFor(key, startValue);
  const current = valueOf(state.params, key);
  const basePenalty = state.penalty - steps(grid, startValue, current);
  let best = { value: current, score: state.objective(state.labels, state.penalty), labels: state.labels };
  for (const value of grid) {
    if (value === current) continue;
    const candidate = withValue(state.params, key, value);
    const labels = relabel(state, candidate, affected);
    const score = state.objective(labels, basePenalty + steps(grid, startValue, value));
    if (score > best.score + 1e-12 && !state.breaksAnExample(candidate, key)) best = { value, score, labels };
  }
  if (best.value === current) return false;
  state.params = withValue(state.params, key, best.value);
  state.penalty = basePenalty + steps(grid, startValue, best.value);
  state.labels.splice(0, state.labels.length, ...best.labels);
  return true;
}

export function fit(input: FitInput): Params {
  const state = new FitState(input);
  const affected = new Map(input.free.map((key) => [key, affectedItems(input.train, key)]));
  for (let pass = 0; pass < FITTING.maxPasses; pass++) {
    let changed = false;
    for (const key of input.free) changed = improve(state, key, affected.get(key)!) || changed;
    if (!changed) break;
  }
  return state.params;
}

/** The parameters worth fitting: the fitted thresholds, and rules that fire often enough on the gold. */
export function fittableKeys(items: readonly Observation[]): ParamKey[] {
  const fires = new Map<string, number>();
  for (const obs of items) {
    const fired = new Set(obs.pieces.filter((p) => p.active && p.fixedWeight === undefined).map((p) => p.rule));
    for (const rule of fired) fires.set(rule, (fires.get(rule) ?? 0) + 1);
  }
  const rules = [...fires].filter(([, n]) => n >= FITTING.minRuleSupport).map(([rule]) => rule).sort();
  return [...FITTED_THRESHOLDS.map(thresholdKey), ...rules.map(weightKey)];
}
