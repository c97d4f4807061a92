// The confidence margin of an utterance, for the uncertainty queue: the
// probability of the label the tagger chose minus that of the runner-up (the
// next most probable label). 0 is a tie, 1 certainty.
//
// An utterance line carries `confidence` (the chosen label's softmax
// probability) and `scores` (per move, the evidence of rules and terms, before
// the label's bias). The decision layer the run was tagged with (model.yaml of
// its lexicon set) gives what the line leaves out: each move's logit is its
// score plus its bias (plus the UPR bias for a UPR venue), at the softmax
// temperature. `none` has no score in the line (its logit also depends on the
// relevance evidence of the sentence and the one before), so its share is
// solved from the confidence: for a move label, the softmax's denominator is
// e(label) / confidence, and none's term is what the moves leave of it; for
// `none`, its term is confidence / (1 − confidence) times the moves' sum. The
// reconstruction is exact up to the rounding of the line (scores to 4
// decimals, confidence to 6); tests/review/margin.test.ts checks it against the
// tagger's own conflict flags on the sample corpus. A rejecting move that no
// rule of its own fired for was not open to the tagger (tag/model.ts,
// MOVES_NEEDING_A_RULE): its probability is 0 (`closed`). Pure.
import { LABELS, MOVE_LABELS, type Label, type MoveLabel } from '../types.js';

/** What the margin needs of model.yaml's `moves`. */
export interface DecisionLayer {
  bias: Record<Label, number>;
  upr_bias: Record<Label, number>;
  temperature: number;
}

/** What the margin reads of an utterance line. */
export interface MarginInput {
  label: Label;
  confidence: number | null;
  scores: Partial<Record<MoveLabel, number>> | null;
  /** The tagger's UPR setting (a UPR venue). */
  upr: boolean;
  /** Moves the tagger could not choose (no rule of their own fired): probability 0. */
  closed?: readonly MoveLabel[];
}

/** Each label's probability, or null when the line lacks confidence or scores. */
export function labelProbabilities(u: MarginInput, layer: DecisionLayer): Record<Label, number> | null {
  const p = u.confidence;
  if (p === null || !Number.isFinite(p) || p <= 0 || u.scores === null) return null;
  if (MOVE_LABELS.some((m) => typeof u.scores![m] !== 'number')) return null;
  const t = layer.temperature > 0 ? layer.temperature : 1;
  const logits = MOVE_LABELS.map((m) => u.scores![m]! + layer.bias[m] + (u.upr ? layer.upr_bias[m] : 0));
  const open = MOVE_LABELS.map((m) => !u.closed?.includes(m));
  const top = Math.max(...logits.filter((_, i) => open[i]));
  const terms = Object.fromEntries(MOVE_LABELS.map((m, i) => [m, open[i] ? Math.exp((logits[i] - top) / t) : 0])) as Record<Label, number>;
  const moves = MOVE_LABELS.reduce((sum, m) => sum + terms[m], 0);
  if (u.label === 'none') {
    if (p >= 1) return { ...zero(), none: 1 };
    terms.none = (p / (1 - p)) * moves;
  } else {
    terms.none = Math.max(0, terms[u.label] / p - moves);
  }
  const total = moves + terms.none;
  return Object.fromEntries(LABELS.map((l) => [l, terms[l] / total])) as Record<Label, number>;
}

function zero(): Record<Label, number> {
  return Object.fromEntries(LABELS.map((l) => [l, 0])) as Record<Label, number>;
}

/** The most probable label other than the chosen one (ties: the codebook's order). */
export function runnerUp(probabilities: Record<Label, number>, label: Label): Label {
  let best: Label | undefined;
  for (const l of LABELS) if (l !== label && (best === undefined || probabilities[l] > probabilities[best])) best = l;
  return best!;
}

/** p(label) − p(runner-up), at least 0; null when the line cannot give it. */
export function confidenceMargin(u: MarginInput, layer: DecisionLayer): number | null {
  const p = labelProbabilities(u, layer);
  if (!p) return null;
  return Math.max(0, p[u.label] - p[runnerUp(p, u.label)]);
}
