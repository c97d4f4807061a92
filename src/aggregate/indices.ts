// The documented indices (docs/indicators.md), computed from label counts.
import type { IndexName } from './types.js';

/** The counts an index needs: the four moves and the relevant total. */
export interface MoveCounts {
  denial: number;
  rhetorical_action: number;
  argumentative_concession: number;
  norm_acknowledgment: number;
  relevant: number;
}

export const zeroMoves = (): MoveCounts => ({ denial: 0, rhetorical_action: 0, argumentative_concession: 0, norm_acknowledgment: 0, relevant: 0 });

/** Adds `c` into `into` (mutated and returned, so it folds in a reduce). */
export function addMoves(into: MoveCounts, c: MoveCounts): MoveCounts {
  into.denial += c.denial;
  into.rhetorical_action += c.rhetorical_action;
  into.argumentative_concession += c.argumentative_concession;
  into.norm_acknowledgment += c.norm_acknowledgment;
  into.relevant += c.relevant;
  return into;
}

/** Index values, or null for every index when nothing relevant was said. */
export function computeIndices(c: MoveCounts): Record<IndexName, number | null> {
  if (c.relevant <= 0) return { rejection: null, deflection: null, rejecting: null, dialogue: null, acceptance: null, net: null };
  const share = (n: number): number => n / c.relevant;
  const acceptance = share(c.argumentative_concession + c.norm_acknowledgment);
  const rejecting = share(c.denial + c.rhetorical_action);
  return {
    rejection: share(c.denial),
    deflection: share(c.rhetorical_action),
    rejecting,
    dialogue: share(c.argumentative_concession),
    acceptance,
    net: acceptance - rejecting,
  };
}
