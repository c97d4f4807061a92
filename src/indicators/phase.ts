// The phase of the spiral model for one country-unit, from its scores and
// indicators. Rules are tried in order; the first that applies decides, and its
// id is reported (docs/indicators.md lists them with their thresholds).
import type { ScoreCell } from '../aggregate/types.js';
import * as T from '../aggregate/thresholds.js';
import type { IndicatorName, IndicatorResult, PhaseResult } from './types.js';

export interface PhaseInput {
  cell: ScoreCell;
  indicators: Record<IndicatorName, IndicatorResult>;
  /** Phase-4 conditions held over enough consecutive units (this one included). */
  sustained: boolean;
  /** Deeds at or better than the threshold for this unit; null when no deeds score (or no deeds file). */
  deedsMeet: boolean | null;
}

export const PHASE_RULES = [
  'silence',
  'insufficient_evidence',
  'denial_dominant',
  'sustained_with_deeds',
  'prescriptive_status',
  'talk_without_institutions',
  'status_unconfirmed',
  'tactical_concessions',
  'acceptance_talk',
  'rhetorical_action',
  'little_acceptance',
] as const;
export type PhaseRule = (typeof PHASE_RULES)[number];

const FACT_INDICATORS: IndicatorName[] = ['ratification', 'institutionalisation', 'complaint_mechanism'];

function pct(x: number | null): string {
  return x === null ? '-' : `${Math.round(x * 100)}%`;
}

/**
 * Silence ("little or nothing" — phase 1): too few relevant utterances to read a
 * stance, not for want of text but for want of human-rights talk in plenty of it.
 * A unit with enough relevant utterances is never silent, however long its text.
 */
export function isSilent(cell: ScoreCell): boolean {
  return (
    cell.n_relevant < T.MIN_RELEVANT_UTTERANCES &&
    cell.n_utterances >= T.SILENCE_MIN_UTTERANCES &&
    cell.n_relevant / cell.n_utterances <= T.SILENCE_MAX_RELEVANT_SHARE
  );
}

/** Denial is the largest move and at least DENIAL_DOMINANT_MIN_SHARE of the relevant utterances. */
export function isDenialDominant(cell: ScoreCell): boolean {
  const s = cell.shares;
  const denial = s.denial ?? 0;
  return (
    denial >= T.DENIAL_DOMINANT_MIN_SHARE &&
    denial >= (s.rhetorical_action ?? 0) &&
    denial >= (s.argumentative_concession ?? 0) &&
    denial >= (s.norm_acknowledgment ?? 0)
  );
}

/** All four indicators true: the conditions of phase 4 (before deeds and persistence). */
export function meetsPhase4(indicators: Record<IndicatorName, IndicatorResult>): boolean {
  return Object.values(indicators).every((i) => i.value === 'true');
}

function result(phase: PhaseResult['phase'], rule: PhaseRule, reason: string, possible?: PhaseResult['possible']): PhaseResult {
  return possible ? { phase, rule, reason, possible } : { phase, rule, reason };
}

function discursivePhase(input: PhaseInput): PhaseResult {
  const facts = FACT_INDICATORS.map((name) => [name, input.indicators[name].value] as const);
  if (facts.every(([, v]) => v === 'true')) {
    if (input.sustained && input.deedsMeet === true) {
      return result(5, 'sustained_with_deeds', 'all four indicators, sustained over consecutive units, and deeds at or better than the threshold');
    }
    const why = !input.sustained ? 'not yet sustained' : input.deedsMeet === false ? 'deeds below the threshold' : 'no deeds score';
    return result(4, 'prescriptive_status', `all four indicators hold (phase 5 not reached: ${why})`);
  }
  const falseOnes = facts.filter(([, v]) => v === 'false').map(([n]) => n);
  if (falseOnes.length > 0) {
    return result(3, 'talk_without_institutions', `discourse meets indicator 4 but ${falseOnes.join(', ')} ${falseOnes.length > 1 ? 'do' : 'does'} not hold`);
  }
  const unknownOnes = facts.filter(([, v]) => v === 'unknown').map(([n]) => n);
  return result(3, 'status_unconfirmed', `discourse meets indicator 4; ${unknownOnes.join(', ')} unknown, so phase 3 or 4`, [3, 4]);
}

export function estimatePhase(input: PhaseInput): PhaseResult {
  const { cell } = input;
  if (isSilent(cell)) {
    return result(1, 'silence', `${cell.n_relevant} of ${cell.n_utterances} utterances relevant (≤ ${pct(T.SILENCE_MAX_RELEVANT_SHARE)})`);
  }
  if (cell.insufficient_evidence) return result(null, 'insufficient_evidence', cell.insufficient_reasons.join('; '));
  const acceptance = cell.indices.acceptance.value ?? 0;
  const deflection = cell.indices.deflection.value ?? 0;
  const denial = cell.indices.rejection.value ?? 0;
  if (isDenialDominant(cell)) return result(2, 'denial_dominant', `denial ${pct(denial)} is the largest move (≥ ${pct(T.DENIAL_DOMINANT_MIN_SHARE)})`);
  if (input.indicators.discursive_practice.value === 'true') return discursivePhase(input);
  const discursiveWhy = input.indicators.discursive_practice.reason;
  if (acceptance >= T.TALK_MIN_ACCEPTANCE && (deflection >= T.DEFLECTION_MIN_SHARE || denial > T.DISCURSIVE_MAX_DENIAL)) {
    return result(
      3,
      'tactical_concessions',
      `acceptance talk (${pct(acceptance)}) while allegations are deflected (rhetorical ${pct(deflection)}, denial ${pct(denial)})`,
    );
  }
  if (acceptance >= T.TALK_MIN_ACCEPTANCE) return result(3, 'acceptance_talk', `acceptance talk (${pct(acceptance)}) short of indicator 4: ${discursiveWhy}`);
  if (deflection >= T.DEFLECTION_MIN_SHARE)
    return result(3, 'rhetorical_action', `rhetorical action ${pct(deflection)} with little acceptance (${pct(acceptance)})`);
  return result(2, 'little_acceptance', `acceptance ${pct(acceptance)} < ${pct(T.TALK_MIN_ACCEPTANCE)} and no deflection pattern`);
}
