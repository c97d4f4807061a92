// The decision layer: from evidence to a label and a target. Every move label
// gets a score (a logit): its bias, plus the weights of the rules that fired for
// it, plus the fitted weights of the terms in the sentence, with relevance and
// the sentence before counting against `none`. The label is the highest score;
// its softmax probability is the confidence. Targets work the same way over the
// target evidence. The numbers are lexicon data (model.yaml, rule weights,
// terms.yaml) that `spiral calibrate` fits; this file only computes, so the
// tagger and the fitter share one implementation.
import { LABELS, MOVE_LABELS, TARGET_KINDS, type Label, type MoveLabel, type TargetKind } from '../types.js';

export type LabelVector = Record<Label, number>;
export type TargetVector = Record<TargetKind, number>;

/** The fitted numbers of model.yaml. */
export interface ModelConfig {
  moves: {
    bias: LabelVector;
    /** Added for utterances from UPR reports (the venue changes what is usual). */
    upr_bias: LabelVector;
    /** Each unit of relevance evidence (up to the cap) counts this much against `none`. */
    relevance_weight: number;
    relevance_cap: number;
    /** Relevance of the sentence before (capped the same way) counts this much against `none`. */
    context_relevance_weight: number;
    /** Softmax temperature fitted on cross-validated scores, so confidences are calibrated. */
    temperature: number;
  };
  targets: {
    bias: TargetVector;
    label_bias: Record<MoveLabel, TargetVector>;
    upr_bias: TargetVector;
    /** Target evidence of the sentence before counts this much of its weight. */
    context_weight: number;
    /** Weight of a mention of another State, and of the speaker's own (its names and demonyms). */
    other_country_weight: number;
    own_country_weight: number;
    /**
     * Weight of a self-reference that is the subject of a verb of saying or
     * believing ("Guatemala reaffirms", "we maintain"): it names the speaker
     * more than the conduct at stake, so it counts less than a self-reference
     * of its own; fitted, 0 when it should count for nothing.
     */
    speaker_voice_weight: number;
    /**
     * Weight of a mention of the speaker's own State in a victim's place of
     * another State's conduct ("Iranian treatment of Iraqi prisoners of war",
     * said by Iraq; patient.yaml): the conduct at stake is the other State's,
     * so the mention is not switched to self and counts toward other at this
     * weight; fitted, 0 when it should count for nothing.
     */
    own_victim_weight: number;
    /**
     * Added toward the target of the sentence's first reference to a party (its
     * subject, most often: "Morocco will spare no effort to make the principles of
     * human rights ..." is about Morocco, whatever norms and bodies follow); fitted,
     * 0 in a model fitted before it existed.
     */
    first_mention_weight: number;
    /**
     * What kind of move it is says whose conduct is at stake: a complaint of
     * selectivity is usually about the system, a dismissed allegation about the
     * speaker. Per move rule that fired, a fitted lean toward each target (sparse).
     */
    move_rule_bias: Record<string, Partial<TargetVector>>;
    temperature: number;
  };
}

function zeros<K extends string>(keys: readonly K[]): Record<K, number> {
  const out = {} as Record<K, number>;
  for (const k of keys) out[k] = 0;
  return out;
}

/**
 * The model of a set without model.yaml: a plain weighted-rule tagger where one
 * full-weight rule (weight 1) beats `none` and relevance alone does not.
 */
export function defaultModelConfig(): ModelConfig {
  return {
    moves: {
      bias: { ...zeros(MOVE_LABELS), none: 0.5 },
      upr_bias: zeros(LABELS),
      relevance_weight: 0,
      relevance_cap: 3,
      context_relevance_weight: 0,
      temperature: 1,
    },
    targets: {
      bias: { self: 0, other: 0, general: 0.1 },
      label_bias: Object.fromEntries(MOVE_LABELS.map((l) => [l, zeros(TARGET_KINDS)])) as Record<MoveLabel, TargetVector>,
      upr_bias: zeros(TARGET_KINDS),
      context_weight: 0.5,
      other_country_weight: 1,
      own_country_weight: 1,
      speaker_voice_weight: 0,
      own_victim_weight: 0,
      first_mention_weight: 0,
      move_rule_bias: {},
      temperature: 1,
    },
  };
}

/** What the move decision reads of one utterance (weights not yet applied). */
export interface MoveInput {
  /** Active move evidence: rule id, category after negation, and the share of the rule's weight it keeps. */
  pieces: ReadonlyArray<{ rule: string; category: MoveLabel; multiplier: number }>;
  /** Distinct term-layer terms in the sentence. */
  terms: readonly string[];
  relevance: number;
  contextRelevance: number;
  upr: boolean;
}

export interface MoveWeights {
  config: ModelConfig['moves'];
  ruleWeight(rule: string): number;
  termWeights(term: string): Partial<LabelVector> | undefined;
}

/**
 * Whether the sentence before may count against `none`: only for a sentence
 * with ground of its own (a move rule, relevance of its own, or a UPR report,
 * which is about human rights throughout). Without it, a sentence would take a
 * move from its neighbour with no evidence a reader can see ("Okay ako niyan."
 * after a sentence on human rights) — the gold, sampled near human-rights talk,
 * rarely shows such sentences, a whole document is full of them.
 */
export function contextCounts(ground: { movePieces: number; relevance: number; upr: boolean }): boolean {
  return ground.upr || ground.movePieces > 0 || ground.relevance > 0;
}

/**
 * A term's weights as one number per label, in LABELS order (0 where it has
 * none): made once per weights object, as decide.ts's rounded weights are, so
 * the sums below add numbers from one small array instead of reading labels
 * off objects of many shapes.
 */
const denseCache = new WeakMap<Partial<LabelVector>, Float64Array>();
function denseWeights(w: Partial<LabelVector>): Float64Array {
  let dense = denseCache.get(w);
  if (!dense) {
    dense = new Float64Array(LABELS.length);
    for (let j = 0; j < LABELS.length; j++) dense[j] = w[LABELS[j]] ?? 0;
    denseCache.set(w, dense);
  }
  return dense;
}

/** The evidence part of each move's score: rules and terms, no bias. */
export function evidenceScores(input: MoveInput, weights: MoveWeights): LabelVector {
  const scores = zeros(LABELS);
  for (const p of input.pieces) scores[p.category] += weights.ruleWeight(p.rule) * p.multiplier;
  if (input.terms.length === 0) return scores;
  // The same additions in the same order as label by label (each label's sum is its own).
  const sums = new Float64Array(LABELS.length);
  for (let j = 0; j < LABELS.length; j++) sums[j] = scores[LABELS[j]];
  for (const term of input.terms) {
    const w = weights.termWeights(term);
    if (!w) continue;
    const dense = denseWeights(w);
    for (let j = 0; j < LABELS.length; j++) sums[j] += dense[j];
  }
  for (let j = 0; j < LABELS.length; j++) scores[LABELS[j]] = sums[j];
  return scores;
}

export function moveLogits(input: MoveInput, weights: MoveWeights): LabelVector {
  return withMovePriors(evidenceScores(input, weights), input, weights.config);
}

/**
 * The rejecting moves are chosen only where a rule of their own fired: their
 * markers are explicit (codebook: "interference", "a pretext", "baseless",
 * "double standards"), and the term layer alone, fitted on a few dozen of them,
 * gives them to stems of any speech ("country", "international", "not"): in
 * the General Debate corpus, 161 of 668 denials had no denial rule, and a
 * sample of 30 of them held none. Their probability is 0 without one.
 */
export const MOVES_NEEDING_A_RULE: readonly MoveLabel[] = ['denial', 'rhetorical_action'];

/** The moves of MOVES_NEEDING_A_RULE that no piece of active evidence is for: closed to the tagger. */
export function movesWithoutRules(active: ReadonlyArray<{ category?: unknown }>): MoveLabel[] {
  return MOVES_NEEDING_A_RULE.filter((move) => !active.some((p) => p.category === move));
}

/** Exclude (logit -Infinity) each move of MOVES_NEEDING_A_RULE that no active piece of evidence is for, in place. */
export function excludeMovesWithoutRules<Z extends { [index: number]: number } | LabelVector>(
  logits: Z,
  pieces: ReadonlyArray<{ category: Label }>,
  index: (label: MoveLabel) => keyof Z,
): Z {
  for (const move of movesWithoutRules(pieces)) logits[index(move)] = -Infinity as Z[keyof Z];
  return logits;
}

/** Evidence scores (evidenceScores) to logits: the biases, relevance and the sentence before added, in place. */
export function withMovePriors(logits: LabelVector, input: MoveInput, c: ModelConfig['moves']): LabelVector {
  for (const label of LABELS) logits[label] += c.bias[label] + (input.upr ? c.upr_bias[label] : 0);
  logits.none -= c.relevance_weight * Math.min(input.relevance, c.relevance_cap);
  logits.none -= c.context_relevance_weight * Math.min(input.contextRelevance, c.relevance_cap);
  return excludeMovesWithoutRules(logits, input.pieces, (move) => move);
}

/** What the target decision reads: target evidence sums of the sentence and of the one before. */
export interface TargetInput {
  label: MoveLabel;
  text: TargetVector;
  context: TargetVector;
  upr: boolean;
  /** The move rules that fired, with the share of their weight the effects left. */
  moves: ReadonlyArray<{ rule: string; multiplier: number }>;
}

export function targetLogits(input: TargetInput, config: ModelConfig['targets']): TargetVector {
  const logits = zeros(TARGET_KINDS);
  for (const k of TARGET_KINDS) {
    logits[k] =
      config.bias[k] + config.label_bias[input.label][k] + (input.upr ? config.upr_bias[k] : 0) + input.text[k] + config.context_weight * input.context[k];
  }
  for (const m of input.moves) {
    const lean = config.move_rule_bias[m.rule];
    if (lean) for (const k of TARGET_KINDS) logits[k] += (lean[k] ?? 0) * m.multiplier;
  }
  return logits;
}

/** Softmax at a temperature, over the keys given (stable: the largest logit is subtracted first). */
export function softmax<K extends string>(logits: Record<K, number>, keys: readonly K[], temperature: number): Record<K, number> {
  const t = temperature > 0 ? temperature : 1;
  let top = -Infinity;
  for (const k of keys) top = Math.max(top, logits[k]);
  const exps = keys.map((k) => Math.exp((logits[k] - top) / t));
  let sum = 0;
  for (const e of exps) sum += e;
  const out = {} as Record<K, number>;
  keys.forEach((k, i) => (out[k] = exps[i] / sum));
  return out;
}

/** The highest-scoring key; ties go to the earlier key (for labels: the codebook's precedence). */
export function argmax<K extends string>(scores: Record<K, number>, keys: readonly K[]): K {
  let best = keys[0];
  for (const k of keys) if (scores[k] > scores[best]) best = k;
  return best;
}
