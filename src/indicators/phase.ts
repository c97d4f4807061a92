// The phase of the spiral model for one country-unit, from the government's
// moves about its own conduct (target self), judged against its era, and the
// indicators. Rules are tried in order; the first that applies decides, and its
// id is reported (docs/indicators.md lists them with their thresholds).
import * as T from '../aggregate/thresholds.js';
import type { SelfEvidence } from './evidence.js';
import type { EraThresholds, UnitEra } from './indicators.js';
import type { IndicatorName, IndicatorResult, PhaseResult } from './types.js';

export interface PhaseInput {
  self: SelfEvidence;
  /** The era's thresholds; null without an era table. */
  era: UnitEra | null;
  indicators: Record<IndicatorName, IndicatorResult>;
  /** Phase-4 conditions held over enough consecutive units (this one included). */
  sustained: boolean;
  /** Deeds at or better than the threshold for this unit; null when no deeds score (or no deeds file). */
  deedsMeet: boolean | null;
}

export const PHASE_RULES = [
  'silence',
  'insufficient_evidence',
  'self_denial',
  'self_rhetorical_action',
  'sustained_with_deeds',
  'prescriptive_status',
  'discursive_practice',
  'talk_without_institutions',
  'status_unconfirmed',
  'tactical_concessions',
  'acceptance_talk',
] as const;
export type PhaseRule = (typeof PHASE_RULES)[number];

const FACT_INDICATORS: IndicatorName[] = ['ratification', 'institutionalisation', 'complaint_mechanism'];

function pct(x: number | null): string {
  return x === null ? '-' : `${Math.round(x * 100)}%`;
}

/**
 * Silence ("little or nothing" — phase 1): too little self-referential talk to
 * read a stance, and human-rights talk overall among the scarcest of its era
 * (relevant share at or below the era's SILENCE_ERA_QUANTILE) in a text long
 * enough to have said something.
 */
export function isSilent(input: Pick<PhaseInput, 'self' | 'era'>): boolean {
  const { self, era } = input;
  if (self.n_moves >= T.MIN_SELF_MOVES || !era || era.silence_at === null) return false;
  return self.n_utterances >= T.SILENCE_MIN_UTTERANCES && self.n_relevant_all / self.n_utterances <= era.silence_at;
}

/** The rejecting phases: a self-rejecting share at or above the era's upper quartile (and above its median, and above zero). */
export function isRejecting(self: SelfEvidence, era: EraThresholds | null): boolean {
  if (!era || self.rejecting === null || self.n_moves < T.MIN_SELF_MOVES) return false;
  return self.rejecting > 0 && self.rejecting > era.accept_at && self.rejecting >= era.reject_at;
}

/** All four indicators true: the conditions of phase 4 (before deeds and persistence). */
export function meetsPhase4(indicators: Record<IndicatorName, IndicatorResult>): boolean {
  return Object.values(indicators).every((i) => i.value === 'true');
}

function result(phase: PhaseResult['phase'], rule: PhaseRule, reason: string, possible?: PhaseResult['possible']): PhaseResult {
  return possible ? { phase, rule, reason, possible } : { phase, rule, reason };
}

function withFacts(input: PhaseInput): PhaseResult {
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

/**
 * The phase. With `facts: false`, the phase the discourse alone supports:
 * indicator 4 true gives 4 (`discursive_practice`) whatever indicators 1–3 say.
 */
export function estimatePhase(input: PhaseInput, options: { facts: boolean } = { facts: true }): PhaseResult {
  const { self, era } = input;
  const window = self.pooled ? ` (${self.window.start}–${self.window.end} pooled)` : '';
  if (isSilent(input)) {
    return result(
      1,
      'silence',
      `${self.n_moves} self-referential moves${window}; ${self.n_relevant_all} of ${self.n_utterances} utterances about human rights (≤ ${pct(era!.silence_at)}, the ${era!.decade}s' lower quartile)`,
    );
  }
  if (self.n_moves < T.MIN_SELF_MOVES || self.rejecting === null) {
    return result(null, 'insufficient_evidence', `${self.n_moves} self-referential moves${window} < ${T.MIN_SELF_MOVES}`);
  }
  if (!era) return result(null, 'insufficient_evidence', 'no era reference to judge the self-rejecting share against');
  const rejecting = `self-rejecting share ${pct(self.rejecting)}${window}`;
  if (isRejecting(self, era)) {
    return self.counts.denial >= self.counts.rhetorical_action
      ? result(2, 'self_denial', `${rejecting} ≥ the ${era.decade}s' upper quartile ${pct(era.reject_at)}, led by denial`)
      : result(3, 'self_rhetorical_action', `${rejecting} ≥ the ${era.decade}s' upper quartile ${pct(era.reject_at)}, led by rhetorical action`);
  }
  const discursive = input.indicators.discursive_practice;
  if (discursive.value === 'true') {
    if (!options.facts) return result(4, 'discursive_practice', `indicator 4 holds (${discursive.reason}); indicators 1–3 not consulted`);
    return withFacts(input);
  }
  if (self.rejecting > era.accept_at) {
    return result(3, 'tactical_concessions', `${rejecting} between the ${era.decade}s' median ${pct(era.accept_at)} and upper quartile ${pct(era.reject_at)}`);
  }
  return result(3, 'acceptance_talk', `rejects no more than the ${era.decade}s' median but short of indicator 4: ${discursive.reason}`);
}
