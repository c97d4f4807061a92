// Consistency across audiences (codebook §4, indicator 4): does the government
// say the same thing at home and abroad? Distances between the distributions of
// the four moves among relevant utterances.
import { MOVE_LABELS, type MoveLabel } from '../types.js';
import type { Consistency } from './types.js';

export type MoveDistribution = Record<MoveLabel, number>;

/** Normalise move counts to a distribution; null when there is no move at all. */
export function toDistribution(counts: Record<MoveLabel, number>): MoveDistribution | null {
  const total = MOVE_LABELS.reduce((sum, l) => sum + counts[l], 0);
  if (total <= 0) return null;
  const dist = {} as MoveDistribution;
  for (const l of MOVE_LABELS) dist[l] = counts[l] / total;
  return dist;
}

/** Half the L1 distance: the share of the stance that would have to change. In [0, 1]. */
export function totalVariation(p: MoveDistribution, q: MoveDistribution): number {
  return MOVE_LABELS.reduce((sum, l) => sum + Math.abs(p[l] - q[l]), 0) / 2;
}

function klToMixture(p: MoveDistribution, m: MoveDistribution): number {
  let sum = 0;
  for (const l of MOVE_LABELS) if (p[l] > 0) sum += p[l] * Math.log2(p[l] / m[l]);
  return sum;
}

/** Jensen–Shannon divergence, base 2, in [0, 1]. */
export function jensenShannon(p: MoveDistribution, q: MoveDistribution): number {
  const m = {} as MoveDistribution;
  for (const l of MOVE_LABELS) m[l] = (p[l] + q[l]) / 2;
  return (klToMixture(p, m) + klToMixture(q, m)) / 2;
}

export interface AudienceSide {
  relevant: number;
  documents: number;
  moves: Record<MoveLabel, number>;
}

export interface ConsistencyRule {
  minRelevant: number;
  minDocuments: number;
  tvThreshold: number;
}

/** Compare the domestic and international sides of one country-time unit. */
export function compareAudiences(domestic: AudienceSide, international: AudienceSide, rule: ConsistencyRule): Consistency {
  const enough = (s: AudienceSide): boolean => s.relevant >= rule.minRelevant && s.documents >= rule.minDocuments;
  const p = toDistribution(domestic.moves);
  const q = toDistribution(international.moves);
  const tv = p && q ? totalVariation(p, q) : null;
  const comparable = enough(domestic) && enough(international) && tv !== null;
  return {
    n_relevant_domestic: domestic.relevant,
    n_relevant_international: international.relevant,
    comparable,
    total_variation: tv,
    jensen_shannon: p && q ? jensenShannon(p, q) : null,
    audience_dependent: comparable && tv !== null ? tv > rule.tvThreshold : null,
    threshold: rule.tvThreshold,
  };
}
