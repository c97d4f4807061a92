// Re-score an observed utterance under other rule weights and thresholds without
// re-tagging it: the last steps of tag/score.ts's decide() (move scores,
// relevance, the codebook's precedence) on the pieces observe.ts kept. It is
// the fitter's fast proposal engine only: every figure calibrate reports, and
// every decision to keep a change, comes from the real tagger (select.ts), and
// the summary counts where the two disagree (`rescoring_mismatches`).
import type { ScoringConfig } from '../lexicon/types.js';
import { MOVE_LABELS, type Label, type MoveLabel } from '../types.js';
import type { FittedThreshold } from './config.js';
import type { Observation } from './observe.js';

export interface Params {
  /** Rule id → weight (base and overlay rules). */
  weights: ReadonlyMap<string, number>;
  thresholds: Readonly<Record<FittedThreshold, number>>;
}

export function paramsOf(weights: Iterable<[string, number]>, scoring: ScoringConfig): Params {
  return {
    weights: new Map(weights),
    thresholds: {
      relevance_threshold: scoring.relevance_threshold,
      min_move_score: scoring.min_move_score,
      precedence_margin: scoring.precedence_margin,
    },
  };
}

/** The scorer rounds move scores to six decimals; so do we, so ties break the same way. */
const round = (x: number) => Math.round(x * 1e6) / 1e6;

export function predictLabel(obs: Observation, params: Params): Label {
  const scores: Record<MoveLabel, number> = { denial: 0, rhetorical_action: 0, argumentative_concession: 0, norm_acknowledgment: 0 };
  let relevance = 0;
  let firedMove = false;
  for (const p of obs.pieces) {
    if (p.factor <= 0) continue;
    const counted = round((p.fixedWeight ?? params.weights.get(p.rule) ?? 0) * p.factor);
    if (p.category === 'relevance') relevance += counted;
    else if (p.category in scores) {
      scores[p.category as MoveLabel] += counted;
      firedMove = true;
    }
  }
  for (const l of MOVE_LABELS) scores[l] = round(scores[l]);
  // A fired move makes the sentence relevant by itself (score.ts, decide).
  const relevant = relevance >= params.thresholds.relevance_threshold || firedMove;
  const best = Math.max(...MOVE_LABELS.map((l) => scores[l]));
  if (!relevant || best < params.thresholds.min_move_score) return 'none';
  return MOVE_LABELS.find((l) => scores[l] > 0 && scores[l] >= best - params.thresholds.precedence_margin) ?? 'none';
}
