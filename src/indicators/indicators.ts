// The four prescriptive-status indicators (codebook §4) for one country as of
// one day. Indicators 1–3 read facts; a fact that is absent reads `unknown`
// unless the facts file declares its list complete, so a gap in our knowledge
// is never reported as a fact about the country.
import type { EraRow } from './era.js';
import type { SelfEvidence } from './evidence.js';
import * as T from '../aggregate/thresholds.js';
import { happenedBy } from './dates.js';
import { BINDING_ACTIONS, type CountryFacts, type IndicatorResult, type TreatyFact } from './types.js';

function noFacts(country: string): IndicatorResult {
  return { value: 'unknown', reason: `no facts file for ${country}`, fact_ids: [] };
}

/** The earliest binding action (ratification, accession, succession) on an instrument by a day. */
export function boundBy(facts: CountryFacts, instrument: string, asOf: string): TreatyFact | undefined {
  return facts.treaties.actions
    .filter((a) => a.instrument === instrument && BINDING_ACTIONS.includes(a.action) && happenedBy(a.date, asOf))
    .sort((a, b) => a.date.localeCompare(b.date))[0];
}

/** True when the facts file says its treaty list is exhaustive for this instrument. */
function treatyListComplete(facts: CountryFacts, instrument: string): boolean {
  return facts.treaties.complete_for.includes(instrument);
}

/** Indicator 1: party to every instrument in RATIFICATION_INSTRUMENTS. */
export function ratificationIndicator(facts: CountryFacts | undefined, country: string, asOf: string): IndicatorResult {
  if (!facts) return noFacts(country);
  const found: TreatyFact[] = [];
  const notParty: string[] = [];
  const unknown: string[] = [];
  for (const instrument of T.RATIFICATION_INSTRUMENTS) {
    const action = boundBy(facts, instrument, asOf);
    if (action) found.push(action);
    else if (treatyListComplete(facts, instrument)) notParty.push(instrument);
    else unknown.push(instrument);
  }
  const fact_ids = found.map((a) => a.id);
  const required = T.RATIFICATION_INSTRUMENTS.join(', ');
  if (notParty.length > 0) {
    return { value: 'false', reason: `not party to ${notParty.join(', ')} by ${asOf} (required: ${required})`, fact_ids, missing: notParty };
  }
  if (unknown.length > 0) {
    return { value: 'unknown', reason: `no record of ${unknown.join(', ')} and the treaty list is not declared complete for it`, fact_ids, missing: unknown };
  }
  return { value: 'true', reason: `party to ${required} by ${asOf}`, fact_ids };
}

/** Indicator 2: norms in the constitution or domestic law. */
export function institutionalisationIndicator(facts: CountryFacts | undefined, country: string, asOf: string): IndicatorResult {
  if (!facts) return noFacts(country);
  const entries = facts.institutionalisation.entries.filter((e) => happenedBy(e.date, asOf));
  if (entries.length > 0) return { value: 'true', reason: `${entries.map((e) => e.what).join('; ')}`, fact_ids: entries.map((e) => e.id) };
  if (facts.institutionalisation.complete)
    return { value: 'false', reason: `no constitutional or legal provision by ${asOf} (list declared complete)`, fact_ids: [] };
  return { value: 'unknown', reason: `no provision recorded by ${asOf}; the list is not declared complete`, fact_ids: [] };
}

/** Indicator 3: a complaint mechanism (NHRI, ombudsman, individual petition) — including petition under PETITION_INSTRUMENTS. */
export function complaintIndicator(facts: CountryFacts | undefined, country: string, asOf: string): IndicatorResult {
  if (!facts) return noFacts(country);
  const mechanisms = facts.complaint_mechanisms.entries.filter((e) => happenedBy(e.date, asOf));
  const petitions = T.PETITION_INSTRUMENTS.map((i) => boundBy(facts, i, asOf)).filter((a): a is TreatyFact => a !== undefined);
  if (mechanisms.length > 0 || petitions.length > 0) {
    const parts = [...mechanisms.map((m) => `${m.kind}: ${m.what}`), ...petitions.map((p) => `individual petition: party to ${p.instrument} (${p.date})`)];
    return { value: 'true', reason: parts.join('; '), fact_ids: [...mechanisms.map((m) => m.id), ...petitions.map((p) => p.id)] };
  }
  const petitionKnownAbsent = T.PETITION_INSTRUMENTS.every((i) => treatyListComplete(facts, i));
  if (facts.complaint_mechanisms.complete && petitionKnownAbsent) {
    return { value: 'false', reason: `no complaint mechanism by ${asOf} (lists declared complete)`, fact_ids: [] };
  }
  return { value: 'unknown', reason: `no complaint mechanism recorded by ${asOf}; the list of national mechanisms is not declared complete`, fact_ids: [] };
}

/** A unit's era: its decade's row of the era table, with the thresholds read from it. */
export type UnitEra = EraRow & EraThresholds & { silence_at: number | null };

/** The era's thresholds for one unit, as status reads them from the era table. */
export interface EraThresholds {
  decade: number;
  /** Self-rejecting share at or below which indicator 4 can hold (ERA_ACCEPT_QUANTILE of the era). */
  accept_at: number;
  /** Self-rejecting share at or above which the unit is in the rejecting phases (ERA_REJECT_QUANTILE). */
  reject_at: number;
}

/**
 * Indicator 4: discursive practice, from the government's moves about its own
 * conduct (target self) over the unit or its pooled window. True when it rejects
 * no more than the era's median government (denial and rhetorical action about
 * its own record), engages in dialogue (concessions) and says the same to both
 * audiences where both are heard.
 */
export function discursiveIndicator(self: SelfEvidence, era: EraThresholds | null): IndicatorResult {
  const consistency = self.consistency;
  const scores = {
    n_self_moves: self.n_moves,
    window_start: self.window.start,
    window_end: self.window.end,
    rejecting: self.rejecting,
    dialogue: self.dialogue,
    net: self.net,
    audience_tv: consistency.total_variation,
    audience_dependent: consistency.audience_dependent,
  };
  const thresholds: Record<string, number> = {
    MIN_SELF_MOVES: T.MIN_SELF_MOVES,
    DISCURSIVE_MIN_DIALOGUE: T.DISCURSIVE_MIN_DIALOGUE,
    AUDIENCE_TV_THRESHOLD: consistency.threshold,
  };
  if (era) {
    thresholds.ERA_ACCEPT_QUANTILE = T.ERA_ACCEPT_QUANTILE;
    thresholds.era_rejecting_accept_at = era.accept_at;
  }
  const base = { fact_ids: [], scores, thresholds };
  const windowText = self.pooled ? ` in ${self.window.start}–${self.window.end}` : '';
  if (self.n_moves < T.MIN_SELF_MOVES || self.rejecting === null || self.dialogue === null) {
    return {
      ...base,
      value: 'unknown',
      reason: `too little self-referential talk: ${self.n_moves} moves about its own conduct${windowText} < ${T.MIN_SELF_MOVES}`,
    };
  }
  if (!era) return { ...base, value: 'unknown', reason: 'no era reference to judge the self-rejecting share against' };
  const failures: string[] = [];
  if (self.rejecting > era.accept_at) failures.push(`self-rejecting share ${fmt(self.rejecting)} above the ${era.decade}s median ${fmt(era.accept_at)}`);
  if (self.dialogue < T.DISCURSIVE_MIN_DIALOGUE) failures.push(`dialogue about its own record ${fmt(self.dialogue)} < ${T.DISCURSIVE_MIN_DIALOGUE}`);
  if (consistency.audience_dependent === true)
    failures.push(`stance depends on the audience (TV ${fmt(consistency.total_variation ?? 0)} > ${consistency.threshold})`);
  if (failures.length > 0) return { ...base, value: 'false', reason: failures.join('; ') };
  const audienceNote = consistency.comparable ? 'consistent across audiences' : 'audience consistency not testable (one audience only or too little evidence)';
  return {
    ...base,
    value: 'true',
    reason: `self-rejecting share ${fmt(self.rejecting)} at or below the ${era.decade}s median ${fmt(era.accept_at)}, dialogue ${fmt(self.dialogue)} (${self.n_moves} self-referential moves${windowText}); ${audienceNote}`,
  };
}

function fmt(x: number): string {
  return x.toFixed(2);
}
