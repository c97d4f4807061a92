// `spiral status` core: for every country and year (or period) of a scores
// file, the four indicators with their evidence and a phase with its rule.
import { persistenceOf } from '../aggregate/persistence.js';
import * as T from '../aggregate/thresholds.js';
import type { ScoreCell, ScoresFile } from '../aggregate/types.js';
import { MOVE_LABELS } from '../types.js';
import { meetsThreshold, type DeedsTable } from './deeds.js';
import { complaintIndicator, discursiveIndicator, institutionalisationIndicator, ratificationIndicator } from './indicators.js';
import { estimatePhase, meetsPhase4 } from './phase.js';
import type { CountryFacts, DeedsScore, IndicatorName, IndicatorResult, StatusFile, StatusRow } from './types.js';

export interface StatusInputs {
  scores: ScoresFile; // by country-year or country-period, self speakers
  facts: Map<string, CountryFacts>;
  factsDir: string;
  deeds: DeedsTable | null;
  deedsFile: string | null;
}

/** First and last year of a cell's unit. */
function yearsOf(cell: ScoreCell): [number, number] {
  if (cell.year !== null) return [cell.year, cell.year];
  if (cell.period) return [cell.period.start, cell.period.end];
  throw new Error(`cell ${cell.key} has no year or period: status needs country-year or country-period scores`);
}

function ordinalOf(cell: ScoreCell, periodLength: number): number {
  return cell.year ?? cell.period!.start / periodLength;
}

/** Deeds scores of the unit's years, and whether their mean is at or better than the threshold. */
export function deedsFor(deeds: DeedsTable, country: string, first: number, last: number): { scores: DeedsScore[]; meets: boolean | null } {
  const years = deeds.scores.get(country);
  const scores: DeedsScore[] = [];
  for (let y = first; y <= last; y++) {
    const s = years?.get(y);
    if (s) scores.push(s);
  }
  if (scores.length === 0) return { scores, meets: null };
  const mean = scores.reduce((sum, s) => sum + s.value, 0) / scores.length;
  return { scores, meets: meetsThreshold(mean, deeds.better, deeds.threshold) };
}

function exampleIds(cell: ScoreCell): string[] {
  return MOVE_LABELS.flatMap((l) => cell.examples[l]);
}

interface Draft {
  cell: ScoreCell;
  asOf: string;
  indicators: Record<IndicatorName, IndicatorResult>;
  deeds: { scores: DeedsScore[]; meets: boolean | null } | null;
}

function draftRow(cell: ScoreCell, facts: CountryFacts | undefined, deeds: DeedsTable | null): Draft {
  const [first, last] = yearsOf(cell);
  const asOf = `${String(last).padStart(4, '0')}-12-31`;
  return {
    cell,
    asOf,
    indicators: {
      ratification: ratificationIndicator(facts, cell.country, asOf),
      institutionalisation: institutionalisationIndicator(facts, cell.country, asOf),
      complaint_mechanism: complaintIndicator(facts, cell.country, asOf),
      discursive_practice: discursiveIndicator(cell),
    },
    deeds: deeds ? deedsFor(deeds, cell.country, first, last) : null,
  };
}

/** Whether phase-4 conditions have held over enough consecutive units, per draft. */
function sustainedFlags(drafts: Draft[], periodLength: number, byPeriod: boolean): Map<Draft, boolean> {
  const stances = drafts.map((d) => ({
    unit: ordinalOf(d.cell, periodLength),
    accepting: d.cell.insufficient_evidence ? null : meetsPhase4(d.indicators),
  }));
  const minUnits = byPeriod ? T.PHASE5_MIN_PERIODS : T.PHASE5_MIN_YEARS;
  const result = persistenceOf(stances, { minUnits, maxGapUnits: T.PERSISTENCE_MAX_GAP_UNITS });
  return new Map(drafts.map((d) => [d, result.get(ordinalOf(d.cell, periodLength))?.persistent ?? false]));
}

function toRow(d: Draft, sustained: boolean): StatusRow {
  const c = d.cell;
  return {
    key: c.key,
    country: c.country,
    year: c.year,
    period: c.period,
    as_of: d.asOf,
    n_documents: c.n_documents,
    n_relevant: c.n_relevant,
    insufficient_evidence: c.insufficient_evidence,
    indices: {
      rejection: c.indices.rejection.value,
      deflection: c.indices.deflection.value,
      dialogue: c.indices.dialogue.value,
      acceptance: c.indices.acceptance.value,
      net: c.indices.net.value,
    },
    indicators: d.indicators,
    deeds: d.deeds ? d.deeds.scores : null,
    phase: estimatePhase({ cell: c, indicators: d.indicators, sustained, deedsMeet: d.deeds?.meets ?? null }),
    examples: exampleIds(c),
  };
}

/** Every named threshold, for the record in status JSON. */
export function thresholdTable(): Record<string, number | string | string[]> {
  return Object.fromEntries(
    Object.entries(T)
      .filter(([, v]) => typeof v === 'number' || Array.isArray(v))
      .map(([k, v]) => [k, Array.isArray(v) ? [...(v as string[])] : (v as number)]),
  );
}

export function buildStatus(inputs: StatusInputs): StatusFile {
  const { scores } = inputs;
  if (scores.params.by === 'country') throw new Error('status needs scores by country-year or country-period');
  const byPeriod = scores.params.by === 'country-period';
  const periodLength = scores.params.period ?? 1;
  const cells = scores.cells.filter((c) => c.audience === 'all');
  const byCountry = new Map<string, Draft[]>();
  for (const cell of cells) {
    const list = byCountry.get(cell.country) ?? [];
    list.push(draftRow(cell, inputs.facts.get(cell.country), inputs.deeds));
    byCountry.set(cell.country, list);
  }
  const rows: StatusRow[] = [];
  for (const drafts of byCountry.values()) {
    const sustained = sustainedFlags(drafts, periodLength, byPeriod);
    for (const d of drafts) rows.push(toRow(d, sustained.get(d) ?? false));
  }
  const warnings = [...scores.warnings, ...(inputs.deeds?.warnings ?? [])];
  return {
    schema: 'spiral.status/1',
    run: scores.run,
    by: byPeriod ? 'country-period' : 'country-year',
    period: byPeriod ? periodLength : null,
    facts_dir: inputs.factsDir,
    deeds_file: inputs.deedsFile,
    thresholds: thresholdTable(),
    audience: 'all',
    rows,
    countries_without_facts: [...byCountry.keys()].filter((c) => !inputs.facts.has(c)).sort(),
    warnings,
  };
}
