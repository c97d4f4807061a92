// The four prescriptive-status indicators (codebook §4) for one country as of
// one day. Indicators 1–3 read facts; a fact that is absent reads `unknown`
// unless the facts file declares its list complete, so a gap in our knowledge
// is never reported as a fact about the country.
import type { ScoreCell } from '../aggregate/types.js';
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

/** Indicator 4: discursive practice, from the unit's scores (self utterances). */
export function discursiveIndicator(cell: ScoreCell): IndicatorResult {
  const acceptance = cell.indices.acceptance.value;
  const denial = cell.indices.rejection.value;
  const dialogue = cell.indices.dialogue.value;
  const consistency = cell.consistency;
  const scores = {
    acceptance,
    rejection: denial,
    dialogue,
    n_relevant: cell.n_relevant,
    audience_tv: consistency?.total_variation ?? null,
    audience_dependent: consistency?.audience_dependent ?? null,
  };
  const thresholds = {
    DISCURSIVE_MIN_ACCEPTANCE: T.DISCURSIVE_MIN_ACCEPTANCE,
    DISCURSIVE_MAX_DENIAL: T.DISCURSIVE_MAX_DENIAL,
    DISCURSIVE_MIN_DIALOGUE: T.DISCURSIVE_MIN_DIALOGUE,
    AUDIENCE_TV_THRESHOLD: consistency?.threshold ?? T.AUDIENCE_TV_THRESHOLD,
    MIN_RELEVANT_UTTERANCES: T.MIN_RELEVANT_UTTERANCES,
  };
  const base = { fact_ids: [], scores, thresholds };
  if (cell.insufficient_evidence || acceptance === null || denial === null || dialogue === null) {
    return { ...base, value: 'unknown', reason: `too little evidence (${cell.insufficient_reasons.join('; ') || 'nothing relevant'})` };
  }
  const failures: string[] = [];
  if (acceptance < T.DISCURSIVE_MIN_ACCEPTANCE) failures.push(`acceptance ${fmt(acceptance)} < ${T.DISCURSIVE_MIN_ACCEPTANCE}`);
  if (denial > T.DISCURSIVE_MAX_DENIAL) failures.push(`denial ${fmt(denial)} > ${T.DISCURSIVE_MAX_DENIAL}`);
  if (dialogue < T.DISCURSIVE_MIN_DIALOGUE) failures.push(`dialogue ${fmt(dialogue)} < ${T.DISCURSIVE_MIN_DIALOGUE}`);
  if (consistency?.audience_dependent === true)
    failures.push(`stance depends on the audience (TV ${fmt(consistency.total_variation ?? 0)} > ${consistency.threshold})`);
  if (failures.length > 0) return { ...base, value: 'false', reason: failures.join('; ') };
  const audienceNote = consistency?.comparable ? 'consistent across audiences' : 'audience consistency not testable (one audience only or too little evidence)';
  return {
    ...base,
    value: 'true',
    reason: `accepts the norms (acceptance ${fmt(acceptance)}), no denial above ${T.DISCURSIVE_MAX_DENIAL}, dialogue ${fmt(dialogue)}; ${audienceNote}`,
  };
}

function fmt(x: number): string {
  return x.toFixed(2);
}
