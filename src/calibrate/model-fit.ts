// Fit the decision layer (tag/model.ts) on gold items: rule weights, label
// biases, the UPR register, relevance and context weights, the term layer and
// the target model, by regularised logistic regression (logistic.ts). The
// regularisation, class weighting and term sparsity are chosen by
// cross-validation with folds by document (or by country: `--fold-by`), so a
// speech or report never sits on both sides; the softmax temperature is fitted
// on the out-of-fold scores, so a confidence of 0.8 is right about 80% of the
// time. Pure: observations in, numbers out.
import { documentOf, type GoldItem } from '../eval/gold.js';
import { computeMetrics, type Metrics } from '../eval/metrics.js';
import { mulberry32 } from '../random.js';
import type { LexiconSet, Rule } from '../lexicon/types.js';
import { defaultModelConfig, excludeMovesWithoutRules, type ModelConfig } from '../tag/model.js';
import { LABELS, MOVE_LABELS, TARGET_KINDS, type Label, type MoveLabel, type TargetKind } from '../types.js';
import { MODEL_FITTING } from './config.js';
import { fitLogistic, fitTemperature, type DesignItem, type ParamSpec } from './logistic.js';
import { FIRST_MENTION_PIECE, OWN_VICTIM_PIECE, SPEAKER_VOICE_PIECE, type ModelObservation, type TargetPiece } from './model-observe.js';

const L = LABELS.length;
const DEFAULT_MOVES = defaultModelConfig().moves;

/**
 * The weight a rule's fit is pulled toward: the author's, kept in the evidence
 * (`prior_weight`) of a rule calibrate has fitted before, else the written
 * weight. So a calibrated set calibrated again on the same gold reproduces itself.
 */
export function priorWeight(rule: Rule): number {
  const evidence = rule.weightEvidence as { prior_weight?: unknown } | null;
  return evidence && typeof evidence === 'object' && typeof evidence.prior_weight === 'number' ? evidence.prior_weight : rule.weight;
}
const K = TARGET_KINDS.length;

/** The settings the cross-validation chooses among. */
export interface MoveSetting {
  ruleL2: number;
  termL1: number | null; // null: no term layer
  classWeightPower: number;
}

export interface TargetSetting {
  contextWeight: number;
  ruleL2: number;
}

// ---------------------------------------------------------------- moves

interface MoveLayout {
  rules: string[];
  terms: string[];
  ruleIndex: Map<string, number>;
  termIndex: Map<string, number>;
  biasAt: number;
  uprAt: number;
  relevanceAt: number;
  contextAt: number;
  rulesAt: number;
  termsAt: number;
  size: number;
}

function moveLayout(rules: string[], terms: string[]): MoveLayout {
  const biasAt = 0;
  const uprAt = L;
  const relevanceAt = 2 * L;
  const contextAt = relevanceAt + 1;
  const rulesAt = contextAt + 1;
  const termsAt = rulesAt + rules.length;
  return {
    rules,
    terms,
    ruleIndex: new Map(rules.map((r, i) => [r, i])),
    termIndex: new Map(terms.map((t, i) => [t, i])),
    biasAt,
    uprAt,
    relevanceAt,
    contextAt,
    rulesAt,
    termsAt,
    size: termsAt + terms.length * L,
  };
}

function moveDesign(obs: ModelObservation, layout: MoveLayout, cap: number, weight: number): DesignItem {
  const params: number[] = [];
  const classes: number[] = [];
  const values: number[] = [];
  const add = (p: number, c: number, v: number) => {
    params.push(p);
    classes.push(c);
    values.push(v);
  };
  const none = LABELS.indexOf('none');
  for (let c = 0; c < L; c++) {
    add(layout.biasAt + c, c, 1);
    if (obs.upr) add(layout.uprAt + c, c, 1);
  }
  if (obs.relevance > 0) add(layout.relevanceAt, none, -Math.min(obs.relevance, cap));
  if (obs.contextRelevance > 0) add(layout.contextAt, none, -Math.min(obs.contextRelevance, cap));
  const offset = new Float64Array(L);
  for (const p of obs.pieces) {
    // A weight a case overlay fixes for this country is a constant here, as in the tagger.
    if (p.fixed !== undefined) {
      offset[LABELS.indexOf(p.category)] += p.fixed;
      continue;
    }
    const r = layout.ruleIndex.get(p.rule);
    if (r !== undefined) add(layout.rulesAt + r, LABELS.indexOf(p.category), p.multiplier);
  }
  for (const term of obs.terms) {
    const t = layout.termIndex.get(term);
    if (t !== undefined) for (let c = 0; c < L; c++) add(layout.termsAt + t * L + c, c, 1);
  }
  return {
    params: Int32Array.from(params),
    classes: Int32Array.from(classes),
    values: Float64Array.from(values),
    offset,
    y: LABELS.indexOf(obs.gold),
    weight,
  };
}

function moveSpecs(layout: MoveLayout, priors: Map<string, number>, setting: MoveSetting, biasStart: Float64Array): ParamSpec[] {
  const free = (start = 0): ParamSpec => ({ l2: MODEL_FITTING.biasL2, centre: 0, l1: 0, lower: -50, upper: 50, start });
  const specs: ParamSpec[] = [];
  for (let c = 0; c < L; c++) specs.push(free(biasStart[c]));
  for (let c = 0; c < L; c++) specs.push({ ...free(), l2: MODEL_FITTING.uprBiasL2 });
  specs.push({ l2: MODEL_FITTING.biasL2, centre: 0, l1: 0, lower: 0, upper: 20, start: 0.5 });
  specs.push({ l2: MODEL_FITTING.biasL2, centre: 0, l1: 0, lower: 0, upper: 20, start: 0 });
  for (const rule of layout.rules) {
    const prior = priors.get(rule) ?? 1;
    specs.push({ l2: setting.ruleL2, centre: prior, l1: 0, lower: MODEL_FITTING.minRuleWeight, upper: MODEL_FITTING.maxRuleWeight, start: prior });
  }
  for (let i = 0; i < layout.terms.length * L; i++)
    specs.push({ l2: MODEL_FITTING.termL2, centre: 0, l1: setting.termL1 ?? 0, lower: -20, upper: 20, start: 0 });
  return specs;
}

function classWeights(observations: readonly ModelObservation[], power: number): Record<Label, number> {
  const counts = Object.fromEntries(LABELS.map((l) => [l, 0])) as Record<Label, number>;
  for (const o of observations) counts[o.gold] += o.weight;
  const total = LABELS.reduce((s, l) => s + counts[l], 0);
  return Object.fromEntries(LABELS.map((l) => [l, counts[l] > 0 ? Math.pow(total / (L * counts[l]), power) : 1])) as Record<Label, number>;
}

/** Terms worth a weight: in enough different documents of the training items (one speech's idiom is not a pattern). */
export function termVocabulary(observations: readonly ModelObservation[]): string[] {
  const docs = new Map<string, Set<string>>();
  for (const o of observations) for (const t of o.terms) (docs.get(t) ?? docs.set(t, new Set()).get(t)!).add(o.document);
  return [...docs]
    .filter(([, d]) => d.size >= MODEL_FITTING.termMinDocuments)
    .map(([t]) => t)
    .sort();
}

export interface FittedMoves {
  config: ModelConfig['moves'];
  ruleWeights: Map<string, number>;
  terms: Map<string, Partial<Record<Label, number>>>;
}

function fitMovesOnce(
  train: readonly ModelObservation[],
  ruleIds: string[],
  priors: Map<string, number>,
  setting: MoveSetting,
  start: ModelConfig['moves'],
): { fitted: FittedMoves; layout: MoveLayout; theta: Float64Array } {
  const terms = setting.termL1 === null ? [] : termVocabulary(train);
  const layout = moveLayout(ruleIds, terms);
  const weights = classWeights(train, setting.classWeightPower);
  const design = train.map((o) => moveDesign(o, layout, start.relevance_cap, o.weight * weights[o.gold]));
  // Biases start from the defaults, not from an earlier fit: calibrating a calibrated set reproduces it.
  const biasStart = Float64Array.from(LABELS.map((l) => DEFAULT_MOVES.bias[l]));
  const { theta } = fitLogistic(design, moveSpecs(layout, priors, setting, biasStart), L, {
    iterations: MODEL_FITTING.iterations,
    tolerance: MODEL_FITTING.tolerance,
  });
  const vector = (at: number) => Object.fromEntries(LABELS.map((l, c) => [l, round(theta[at + c])])) as Record<Label, number>;
  const config: ModelConfig['moves'] = {
    bias: vector(layout.biasAt),
    upr_bias: vector(layout.uprAt),
    relevance_weight: round(theta[layout.relevanceAt]),
    relevance_cap: start.relevance_cap,
    context_relevance_weight: round(theta[layout.contextAt]),
    temperature: start.temperature,
  };
  const ruleWeights = new Map(ruleIds.map((r, i) => [r, round(theta[layout.rulesAt + i])]));
  const termWeights = new Map<string, Partial<Record<Label, number>>>();
  terms.forEach((t, i) => {
    const w: Partial<Record<Label, number>> = {};
    LABELS.forEach((l, c) => {
      const v = round(theta[layout.termsAt + i * L + c]);
      if (Math.abs(v) >= MODEL_FITTING.termMinWeight) w[l] = v;
    });
    if (Object.keys(w).length > 0) termWeights.set(t, w);
  });
  return { fitted: { config, ruleWeights, terms: termWeights }, layout, theta };
}

/** Logits of observations under fitted moves (the same arithmetic as tag/model.ts). */
function moveLogitsOf(o: ModelObservation, fitted: FittedMoves): Float64Array {
  const z = new Float64Array(L);
  LABELS.forEach((l, c) => (z[c] = fitted.config.bias[l] + (o.upr ? fitted.config.upr_bias[l] : 0)));
  const none = LABELS.indexOf('none');
  z[none] -= fitted.config.relevance_weight * Math.min(o.relevance, fitted.config.relevance_cap);
  z[none] -= fitted.config.context_relevance_weight * Math.min(o.contextRelevance, fitted.config.relevance_cap);
  for (const p of o.pieces) z[LABELS.indexOf(p.category)] += p.fixed ?? (fitted.ruleWeights.get(p.rule) ?? 0) * p.multiplier;
  for (const t of o.terms) {
    const w = fitted.terms.get(t);
    if (w) LABELS.forEach((l, c) => (z[c] += w[l] ?? 0));
  }
  return excludeMovesWithoutRules(z, o.pieces, (move) => LABELS.indexOf(move));
}

/**
 * Items drawn by another design than the reference (the project's own coding,
 * docs/coding.md, over-samples random and hard-negative sentences) are weighted
 * so that their label shares match the reference gold's: w(label) = p_ref / p_own,
 * kept within MODEL_FITTING.labelShiftBounds. The model then learns the
 * reference design's priors, which the held-out set shares.
 */
export function correctLabelShift(observations: ModelObservation[]): void {
  const share = (items: ModelObservation[]) => {
    const counts = Object.fromEntries(LABELS.map((l) => [l, 0])) as Record<Label, number>;
    for (const o of items) counts[o.gold]++;
    return Object.fromEntries(LABELS.map((l) => [l, items.length ? counts[l] / items.length : 0])) as Record<Label, number>;
  };
  const reference = observations.filter((o) => o.reference);
  const others = observations.filter((o) => !o.reference);
  if (reference.length === 0 || others.length === 0) return;
  const pRef = share(reference);
  const pOwn = share(others);
  const [low, high] = MODEL_FITTING.labelShiftBounds;
  for (const o of others) o.weight = pOwn[o.gold] > 0 ? Math.min(high, Math.max(low, pRef[o.gold] / pOwn[o.gold])) : 1;
}

/**
 * Model selection with a margin: among the settings whose cross-validated
 * macro-F1 is within MODEL_FITTING.selectionTolerance of the best, the simplest
 * (fewest free terms, firmest pull toward the written weights). A gain smaller
 * than the noise of the estimate does not buy complexity that may not carry over
 * to new documents.
 */
function simplestNearBest<T extends { macroF1: number }>(tried: readonly T[], complexity: (t: T) => number[]): T {
  const top = Math.max(...tried.map((t) => t.macroF1));
  const near = tried.filter((t) => t.macroF1 >= top - MODEL_FITTING.selectionTolerance);
  const lexicographic = (a: number[], b: number[]) => {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
    return 0;
  };
  return near.reduce((b, t) => (lexicographic(complexity(t), complexity(b)) < 0 ? t : b), near[0]);
}

/** Terms first (none, then sparser), then looser rule weights, then stronger class weighting. */
const moveComplexity = (t: { setting: MoveSetting }) => [
  t.setting.termL1 === null ? 0 : 1 / t.setting.termL1,
  1 / t.setting.ruleL2,
  Math.abs(t.setting.classWeightPower - 0.5),
];
/** Firmer rule weights first; then the codebook's design, where the sentence before decides an unclear target (weight near 0.5). */
const targetComplexity = (t: { setting: TargetSetting }) => [1 / t.setting.ruleL2, Math.abs(t.setting.contextWeight - 0.5)];

const argmaxIndex = (z: Float64Array) => z.reduce((best, v, i) => (v > z[best] ? i : best), 0);

// ---------------------------------------------------------------- folds

/** Fold of each observation: its fold units (documents, or countries) shuffled with the seed and dealt round-robin. */
export function unitFolds(observations: readonly { unit: string }[], folds: number, seed: number): number[] {
  const units = [...new Set(observations.map((o) => o.unit))].sort();
  const random = mulberry32(seed);
  for (let i = units.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [units[i], units[j]] = [units[j], units[i]];
  }
  const foldOf = new Map(units.map((u, i) => [u, i % folds]));
  return observations.map((o) => foldOf.get(o.unit)!);
}

export interface CrossValidated<S, M extends string = Label> {
  setting: S;
  macroF1: number;
  metrics: Metrics<M>;
}

/**
 * Cross-validated predictions of one setting, pooled over the fold draws: each
 * draw predicts every item once from the folds that leave its document out.
 */
function crossValidateMoves(
  observations: readonly ModelObservation[],
  draws: readonly number[][],
  folds: number,
  ruleIds: string[],
  priors: Map<string, number>,
  setting: MoveSetting,
  start: ModelConfig['moves'],
): { metrics: Metrics; heldOut: Array<{ logits: Float64Array; y: number }> } {
  const pairs: Array<{ gold: Label; predicted: Label }> = [];
  const heldOut: Array<{ logits: Float64Array; y: number }> = [];
  for (const foldOf of draws) {
    const predicted: Label[] = new Array(observations.length);
    for (let f = 0; f < folds; f++) {
      const train = observations.filter((_, i) => foldOf[i] !== f);
      const { fitted } = fitMovesOnce(train, ruleIds, priors, setting, start);
      observations.forEach((o, i) => {
        if (foldOf[i] !== f) return;
        const z = moveLogitsOf(o, fitted);
        predicted[i] = LABELS[argmaxIndex(z)];
        if (o.reference) heldOut.push({ logits: z, y: LABELS.indexOf(o.gold) });
      });
    }
    // Figures (and the temperature) on the reference design only: the distribution the tagger is judged on.
    for (let i = 0; i < observations.length; i++) if (observations[i].reference) pairs.push({ gold: observations[i].gold, predicted: predicted[i] });
  }
  return { metrics: computeMetrics(pairs), heldOut };
}

/** One fold assignment per seed: repeated cross-validation, so a setting is not chosen for one lucky draw of documents. */
export function foldDraws(observations: readonly { unit: string }[], folds: number, seeds: readonly number[]): number[][] {
  return seeds.map((seed) => unitFolds(observations, folds, seed));
}

export interface MoveFit {
  fitted: FittedMoves;
  chosen: CrossValidated<MoveSetting>;
  tried: Array<CrossValidated<MoveSetting>>;
}

/** Every moves setting of the grid in config.ts. */
function moveGrid(): MoveSetting[] {
  return MODEL_FITTING.ruleL2Grid.flatMap((ruleL2) =>
    MODEL_FITTING.termL1Grid.flatMap((termL1) => MODEL_FITTING.classWeightPowerGrid.map((classWeightPower) => ({ ruleL2, termL1, classWeightPower }))),
  );
}

export function fitMoves(
  observations: readonly ModelObservation[],
  set: LexiconSet,
  folds: number,
  seeds: readonly number[],
  start: ModelConfig['moves'] = set.model.moves,
  only?: MoveSetting,
): MoveFit {
  const moveRules = set.rules.filter((r) => (MOVE_LABELS as readonly string[]).includes(r.category));
  const ruleIds = moveRules.map((r) => r.id);
  const priors = new Map(moveRules.map((r) => [r.id, priorWeight(r)]));
  const draws = foldDraws(observations, folds, seeds);
  const tried: Array<CrossValidated<MoveSetting> & { heldOut: Array<{ logits: Float64Array; y: number }> }> = [];
  for (const setting of only ? [only] : moveGrid()) {
    const { metrics, heldOut } = crossValidateMoves(observations, draws, folds, ruleIds, priors, setting, start);
    tried.push({ setting, macroF1: metrics.macroF1, metrics, heldOut });
  }
  const best = simplestNearBest(tried, moveComplexity);
  const temperature = round(fitTemperature(best.heldOut));
  const { fitted } = fitMovesOnce(observations, ruleIds, priors, best.setting, start);
  fitted.config.temperature = temperature;
  const strip = ({ setting, macroF1, metrics }: CrossValidated<MoveSetting>) => ({ setting, macroF1, metrics });
  return { fitted, chosen: strip(best), tried: tried.map(strip) };
}

// ---------------------------------------------------------------- targets

interface TargetLayout {
  rules: string[];
  ruleIndex: Map<string, number>;
  /** Move rules whose firing leans toward a target: K parameters each, after the target rules. */
  moves: string[];
  moveIndex: Map<string, number>;
  movesAt: number;
  size: number;
}

function targetLayout(ruleIds: string[], moveIds: string[]): TargetLayout {
  const movesAt = T_RULES + ruleIds.length;
  return {
    rules: ruleIds,
    ruleIndex: new Map(ruleIds.map((r, i) => [r, i])),
    moves: moveIds,
    moveIndex: new Map(moveIds.map((r, i) => [r, i])),
    movesAt,
    size: movesAt + moveIds.length * K,
  };
}

const T_BIAS = 0;
const T_LABEL = K;
const T_UPR = T_LABEL + MOVE_LABELS.length * K;
/**
 * Target pieces that share one model weight instead of a rule's (model-observe.ts):
 * each one parameter, after the biases, with its key in model.yaml and its
 * prior. A State mention starts as a full-weight rule; the speaker's voice at
 * 0, the hand rule it replaces (a speaker reference counts for nothing); the
 * speaker's own State as the victim of another's conduct at 0 (not self, and
 * no more than nothing toward other until the fit says so); the first mention
 * at 0, no more than any other mention.
 */
const SHARED_TARGET_WEIGHTS = [
  { piece: 'country.other', key: 'other_country_weight', centre: 1, lower: MODEL_FITTING.minRuleWeight },
  { piece: 'country.own', key: 'own_country_weight', centre: 1, lower: MODEL_FITTING.minRuleWeight },
  { piece: SPEAKER_VOICE_PIECE, key: 'speaker_voice_weight', centre: 0, lower: 0 },
  { piece: OWN_VICTIM_PIECE, key: 'own_victim_weight', centre: 0, lower: 0 },
  { piece: FIRST_MENTION_PIECE, key: 'first_mention_weight', centre: 0, lower: 0 },
] as const;
type SharedTargetKey = (typeof SHARED_TARGET_WEIGHTS)[number]['key'];
const T_SHARED = T_UPR + K;
const T_RULES = T_SHARED + SHARED_TARGET_WEIGHTS.length;
const sharedIndex = new Map<string, number>(SHARED_TARGET_WEIGHTS.map((w, i) => [w.piece, i]));

function targetParam(piece: TargetPiece, layout: TargetLayout): number | undefined {
  const shared = sharedIndex.get(piece.rule);
  if (shared !== undefined) return T_SHARED + shared;
  const r = layout.ruleIndex.get(piece.rule);
  return r === undefined ? undefined : T_RULES + r;
}

function targetDesign(o: ModelObservation, label: MoveLabel, target: TargetKind, layout: TargetLayout, contextWeight: number): DesignItem {
  const params: number[] = [];
  const classes: number[] = [];
  const values: number[] = [];
  const add = (p: number | undefined, c: number, v: number) => {
    if (p === undefined || v === 0) return;
    params.push(p);
    classes.push(c);
    values.push(v);
  };
  const li = MOVE_LABELS.indexOf(label);
  for (let k = 0; k < K; k++) {
    add(T_BIAS + k, k, 1);
    add(T_LABEL + li * K + k, k, 1);
    if (o.upr) add(T_UPR + k, k, 1);
  }
  for (const p of o.targetPieces) add(targetParam(p, layout), TARGET_KINDS.indexOf(p.kind), p.multiplier);
  for (const p of o.contextTargetPieces) add(targetParam(p, layout), TARGET_KINDS.indexOf(p.kind), contextWeight * p.multiplier);
  for (const p of o.pieces) {
    const m = layout.moveIndex.get(p.rule);
    if (m !== undefined) for (let k = 0; k < K; k++) add(layout.movesAt + m * K + k, k, p.multiplier);
  }
  // Targets are not label-shifted: every coded target counts once.
  return {
    params: Int32Array.from(params),
    classes: Int32Array.from(classes),
    values: Float64Array.from(values),
    offset: new Float64Array(K),
    y: TARGET_KINDS.indexOf(target),
    weight: 1,
  };
}

function targetSpecs(layout: TargetLayout, priors: Map<string, number>, ruleL2: number): ParamSpec[] {
  const free = (l2: number): ParamSpec => ({ l2, centre: 0, l1: 0, lower: -50, upper: 50, start: 0 });
  const specs: ParamSpec[] = [];
  for (let i = 0; i < K; i++) specs.push(free(MODEL_FITTING.biasL2));
  for (let i = 0; i < MOVE_LABELS.length * K; i++) specs.push(free(MODEL_FITTING.uprBiasL2));
  for (let i = 0; i < K; i++) specs.push(free(MODEL_FITTING.uprBiasL2));
  for (const w of SHARED_TARGET_WEIGHTS)
    specs.push({ l2: ruleL2, centre: w.centre, l1: 0, lower: w.lower, upper: MODEL_FITTING.maxRuleWeight, start: w.centre });
  for (const rule of layout.rules) {
    const prior = priors.get(rule) ?? 1;
    specs.push({ l2: ruleL2, centre: prior, l1: 0, lower: MODEL_FITTING.minRuleWeight, upper: MODEL_FITTING.maxRuleWeight, start: prior });
  }
  for (let i = 0; i < layout.moves.length * K; i++) {
    specs.push({ l2: MODEL_FITTING.termL2, centre: 0, l1: MODEL_FITTING.moveRuleTargetL1, lower: -20, upper: 20, start: 0 });
  }
  return specs;
}

export interface FittedTargets {
  config: ModelConfig['targets'];
  ruleWeights: Map<string, number>;
}

/** Items the target model learns from: a move label and a coded target. */
function targetItems(observations: readonly ModelObservation[]): Array<{ o: ModelObservation; label: MoveLabel; target: TargetKind }> {
  return observations.flatMap((o) => (o.gold !== 'none' && o.target && o.target !== 'na' ? [{ o, label: o.gold as MoveLabel, target: o.target }] : []));
}

function fitTargetsOnce(
  items: ReturnType<typeof targetItems>,
  ruleIds: string[],
  moveIds: string[],
  priors: Map<string, number>,
  setting: TargetSetting,
): FittedTargets {
  const layout = targetLayout(ruleIds, moveIds);
  const design = items.map(({ o, label, target }) => targetDesign(o, label, target, layout, setting.contextWeight));
  const specs = targetSpecs(layout, priors, setting.ruleL2);
  // One spec per parameter, in the layout's order: a spec missing or out of place would fit the wrong bounds silently.
  if (specs.length !== layout.size) throw new Error(`target model: ${specs.length} parameter specs for ${layout.size} parameters`);
  const { theta } = fitLogistic(design, specs, K, {
    iterations: MODEL_FITTING.iterations,
    tolerance: MODEL_FITTING.tolerance,
  });
  const vec = (at: number) => Object.fromEntries(TARGET_KINDS.map((k, i) => [k, round(theta[at + i])])) as Record<TargetKind, number>;
  const shared = Object.fromEntries(SHARED_TARGET_WEIGHTS.map((w, i) => [w.key, round(theta[T_SHARED + i])])) as Record<SharedTargetKey, number>;
  const config: ModelConfig['targets'] = {
    bias: vec(T_BIAS),
    label_bias: Object.fromEntries(MOVE_LABELS.map((l, li) => [l, vec(T_LABEL + li * K)])) as ModelConfig['targets']['label_bias'],
    upr_bias: vec(T_UPR),
    context_weight: setting.contextWeight,
    ...shared,
    move_rule_bias: moveRuleBias(layout, theta),
    temperature: 1,
  };
  return { config, ruleWeights: new Map(ruleIds.map((r, i) => [r, round(theta[T_RULES + i])])) };
}

/** The move rules' fitted leans, only where one is large enough to change a decision. */
function moveRuleBias(layout: TargetLayout, theta: Float64Array): ModelConfig['targets']['move_rule_bias'] {
  const out: ModelConfig['targets']['move_rule_bias'] = {};
  layout.moves.forEach((rule, m) => {
    const lean: Partial<Record<TargetKind, number>> = {};
    TARGET_KINDS.forEach((k, i) => {
      const v = round(theta[layout.movesAt + m * K + i]);
      if (Math.abs(v) >= MODEL_FITTING.termMinWeight) lean[k] = v;
    });
    if (Object.keys(lean).length > 0) out[rule] = lean;
  });
  return out;
}

function targetLogitsOf(o: ModelObservation, label: MoveLabel, fitted: FittedTargets): Float64Array {
  const c = fitted.config;
  const z = Float64Array.from(TARGET_KINDS, (k) => c.bias[k] + c.label_bias[label][k] + (o.upr ? c.upr_bias[k] : 0));
  const weightOf = (p: TargetPiece) => {
    const shared = sharedIndex.get(p.rule);
    return shared !== undefined ? c[SHARED_TARGET_WEIGHTS[shared].key] : (fitted.ruleWeights.get(p.rule) ?? 0);
  };
  for (const p of o.targetPieces) z[TARGET_KINDS.indexOf(p.kind)] += weightOf(p) * p.multiplier;
  for (const p of o.contextTargetPieces) z[TARGET_KINDS.indexOf(p.kind)] += c.context_weight * weightOf(p) * p.multiplier;
  for (const p of o.pieces) {
    const lean = c.move_rule_bias[p.rule];
    if (lean) TARGET_KINDS.forEach((k, i) => (z[i] += (lean[k] ?? 0) * p.multiplier));
  }
  return z;
}

export interface TargetFit {
  fitted: FittedTargets;
  chosen: CrossValidated<TargetSetting, TargetKind>;
  tried: Array<CrossValidated<TargetSetting, TargetKind>>;
}

/** `given`: cross-validate that setting only, instead of choosing one from the grid. */
export function fitTargets(
  observations: readonly ModelObservation[],
  set: LexiconSet,
  folds: number,
  seeds: readonly number[],
  given?: TargetSetting,
): TargetFit {
  const targetRules = set.rules.filter((r) => r.category.startsWith('target_'));
  const ruleIds = targetRules.map((r) => r.id);
  const moveIds = set.rules.filter((r) => (MOVE_LABELS as readonly string[]).includes(r.category)).map((r) => r.id);
  const priors = new Map(targetRules.map((r) => [r.id, priorWeight(r)]));
  const items = targetItems(observations);
  const draws = foldDraws(
    items.map((i) => i.o),
    folds,
    seeds,
  );
  const tried: Array<CrossValidated<TargetSetting, TargetKind> & { heldOut: Array<{ logits: Float64Array; y: number }> }> = [];
  const settings = given
    ? [given]
    : MODEL_FITTING.targetContextGrid.flatMap((contextWeight) => MODEL_FITTING.ruleL2Grid.map((ruleL2) => ({ contextWeight, ruleL2 })));
  for (const setting of settings) {
    const pairs: Array<{ gold: TargetKind; predicted: TargetKind }> = [];
    const heldOut: Array<{ logits: Float64Array; y: number }> = [];
    for (const foldOf of draws) {
      const predicted: TargetKind[] = new Array(items.length);
      for (let f = 0; f < folds; f++) {
        const fitted = fitTargetsOnce(
          items.filter((_, i) => foldOf[i] !== f),
          ruleIds,
          moveIds,
          priors,
          setting,
        );
        items.forEach((it, i) => {
          if (foldOf[i] !== f) return;
          const z = targetLogitsOf(it.o, it.label, fitted);
          predicted[i] = TARGET_KINDS[argmaxIndex(z)];
          if (it.o.reference) heldOut.push({ logits: z, y: TARGET_KINDS.indexOf(it.target) });
        });
      }
      for (let i = 0; i < items.length; i++) if (items[i].o.reference) pairs.push({ gold: items[i].target, predicted: predicted[i] });
    }
    const metrics = computeMetrics(pairs, TARGET_KINDS);
    tried.push({ setting, macroF1: metrics.macroF1, metrics, heldOut });
  }
  const best = simplestNearBest(tried, targetComplexity);
  const fitted = fitTargetsOnce(items, ruleIds, moveIds, priors, best.setting);
  fitted.config.temperature = round(fitTemperature(best.heldOut));
  const strip = ({ setting, macroF1, metrics }: CrossValidated<TargetSetting, TargetKind>) => ({ setting, macroF1, metrics });
  return { fitted, chosen: strip(best), tried: tried.map(strip) };
}

// ---------------------------------------------------------------- both

export interface ModelFit {
  moves: MoveFit;
  targets: TargetFit;
  model: ModelConfig;
}

/** The fold seeds of repeated cross-validation: `repeats` draws from `seed` on. */
export function foldSeeds(seed: number, repeats: number): number[] {
  return Array.from({ length: repeats }, (_, i) => seed + i);
}

/** `movesSetting`, `targetsSetting`: cross-validate that setting only, instead of choosing one from the grid. */
export function fitModel(
  observations: ModelObservation[],
  set: LexiconSet,
  folds: number,
  seeds: readonly number[],
  movesSetting?: MoveSetting,
  targetsSetting?: TargetSetting,
): ModelFit {
  correctLabelShift(observations);
  const moves = fitMoves(observations, set, folds, seeds, set.model.moves, movesSetting);
  const targets = fitTargets(observations, set, folds, seeds, targetsSetting);
  const model = defaultModelConfig();
  model.moves = moves.fitted.config;
  model.targets = targets.fitted.config;
  return { moves, targets, model };
}

/** Gold items' documents, for folds (re-exported so callers need one import). */
export { documentOf };
export type { GoldItem };

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
