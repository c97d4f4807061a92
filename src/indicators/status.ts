// `spiral status` core: for every country and year (or period), the four
// indicators with their evidence and a phase with its rule. Indicator 4 and the
// phase read the government's moves about its own conduct (target self), pooled
// with neighbouring units when thin, against the era's distribution.
import { persistenceOf } from '../aggregate/persistence.js';
import * as T from '../aggregate/thresholds.js';
import type { ScoresFile } from '../aggregate/types.js';
import { computeIndices } from '../aggregate/indices.js';
import { meetsThreshold, type DeedsTable } from './deeds.js';
import { eraQuantile, eraRowFor, type EraReference } from './era.js';
import { selfEvidence, unitsOf, yearRecords, type PoolOptions, type StatusUnit, type YearRecord } from './evidence.js';
import { complaintIndicator, discursiveIndicator, institutionalisationIndicator, ratificationIndicator, type UnitEra } from './indicators.js';
import { estimatePhase, meetsPhase4, type PhaseInput } from './phase.js';
import type { CountryFacts, CountryOnset, DeedsScore, StatusFile, StatusRow } from './types.js';

export interface StatusInputs {
  /** Scores by country-year (target self, with audience cells), from which every unit is built. */
  scores: ScoresFile;
  /** The status units: years, or periods of `period` years. */
  by: 'country-year' | 'country-period';
  period?: number;
  facts: Map<string, CountryFacts>;
  factsDir: string;
  deeds: DeedsTable | null;
  deedsFile: string | null;
  /** The era distributions the self-rejecting share is judged against; null leaves indicator 4 unknown. */
  era: EraReference | null;
  /** Bootstrap resamples and seed of the pooled intervals (defaults: BOOTSTRAP_RESAMPLES, BOOTSTRAP_SEED). */
  resamples?: number;
  seed?: number;
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

interface Draft {
  country: string;
  unit: StatusUnit;
  years: YearRecord[];
  asOf: string;
  input: Omit<PhaseInput, 'sustained' | 'deedsMeet'>;
  deeds: { scores: DeedsScore[]; meets: boolean | null } | null;
}

function eraFor(ref: EraReference | null, year: number): UnitEra | null {
  const row = ref ? eraRowFor(ref, year) : null;
  if (!row) return null;
  const silence = eraQuantile(row.relevant_share, T.SILENCE_ERA_QUANTILE);
  return {
    ...row,
    accept_at: eraQuantile(row.rejecting, T.ERA_ACCEPT_QUANTILE),
    reject_at: eraQuantile(row.rejecting, T.ERA_REJECT_QUANTILE),
    silence_at: Number.isNaN(silence) ? null : silence,
  };
}

function draftRow(country: string, all: YearRecord[], unit: StatusUnit, inputs: StatusInputs, pool: PoolOptions): Draft {
  const facts = inputs.facts.get(country);
  const asOf = `${String(unit.end).padStart(4, '0')}-12-31`;
  const self = selfEvidence(country, all, unit, pool);
  const era = eraFor(inputs.era, unit.start);
  return {
    country,
    unit,
    years: all.filter((y) => y.year >= unit.start && y.year <= unit.end),
    asOf,
    input: {
      self,
      era,
      indicators: {
        ratification: ratificationIndicator(facts, country, asOf),
        institutionalisation: institutionalisationIndicator(facts, country, asOf),
        complaint_mechanism: complaintIndicator(facts, country, asOf),
        discursive_practice: discursiveIndicator(self, era),
      },
    },
    deeds: inputs.deeds ? deedsFor(inputs.deeds, country, unit.start, unit.end) : null,
  };
}

const sufficient = (d: Draft): boolean => d.input.self.n_moves >= T.MIN_SELF_MOVES;

/** Whether phase-4 conditions have held over enough consecutive units, per draft. */
function sustainedFlags(drafts: Draft[], byPeriod: boolean): Map<Draft, boolean> {
  const stances = drafts.map((d) => ({ unit: d.unit.ordinal, accepting: sufficient(d) ? meetsPhase4(d.input.indicators) : null }));
  const minUnits = byPeriod ? T.PHASE5_MIN_PERIODS : T.PHASE5_MIN_YEARS;
  const result = persistenceOf(stances, { minUnits, maxGapUnits: T.PERSISTENCE_MAX_GAP_UNITS });
  return new Map(drafts.map((d) => [d, result.get(d.unit.ordinal)?.persistent ?? false]));
}

/** The unit's own indices over its self-referential moves (summed over its years). */
function ownIndices(years: YearRecord[]): StatusRow['indices'] {
  const m = { denial: 0, rhetorical_action: 0, argumentative_concession: 0, norm_acknowledgment: 0, relevant: 0 };
  for (const y of years) for (const k of Object.keys(m) as Array<keyof typeof m>) m[k] += y.self[k];
  return computeIndices(m);
}

function toRow(d: Draft, sustained: boolean): StatusRow {
  const phaseInput: PhaseInput = { ...d.input, sustained, deedsMeet: d.deeds?.meets ?? null };
  const period = d.unit.start === d.unit.end ? null : { start: d.unit.start, end: d.unit.end, label: d.unit.label };
  return {
    key: `${d.country}|${d.unit.label}`,
    country: d.country,
    year: period ? null : d.unit.start,
    period,
    as_of: d.asOf,
    n_documents: d.years.reduce((s, y) => s + y.n_documents, 0),
    n_relevant: d.years.reduce((s, y) => s + y.self.relevant, 0),
    insufficient_evidence: !sufficient(d),
    indices: ownIndices(d.years),
    self: d.input.self,
    era: d.input.era,
    indicators: d.input.indicators,
    deeds: d.deeds ? d.deeds.scores : null,
    phase: estimatePhase(phaseInput),
    discursive_phase: estimatePhase(phaseInput, { facts: false }),
    examples: d.years.flatMap((y) => y.examples).slice(0, 4 * T.EXAMPLES_PER_LABEL),
  };
}

/**
 * The first unit of the first run of `holds` units that persists (PERSISTENCE_MIN_*
 * consecutive units, gaps of unknown units up to PERSISTENCE_MAX_GAP_UNITS).
 */
export function onsetOf(rows: readonly StatusRow[], holds: (r: StatusRow) => boolean | null, minUnits: number): { unit: string; year: number } | null {
  const stances = rows.map((r) => ({ unit: ordinalOfRow(r), accepting: holds(r) }));
  const result = persistenceOf(stances, { minUnits, maxGapUnits: T.PERSISTENCE_MAX_GAP_UNITS });
  let runStart: StatusRow | null = null;
  for (const r of rows) {
    const p = result.get(ordinalOfRow(r));
    if (!p || p.accepting === null) continue;
    if (!p.accepting) {
      runStart = null;
      continue;
    }
    if (p.streak === 1) runStart = r;
    if (p.persistent && runStart) return { unit: runStart.period?.label ?? String(runStart.year), year: runStart.period?.start ?? runStart.year! };
  }
  return null;
}

function ordinalOfRow(r: StatusRow): number {
  return r.year ?? r.period!.start / (r.period!.end - r.period!.start + 1);
}

const phaseAtLeast4 = (p: StatusRow['phase']): boolean | null => (p.phase === null ? null : p.phase >= 4);

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
  const byPeriod = inputs.by === 'country-period';
  const length = byPeriod ? (inputs.period ?? 5) : 1;
  const pool: PoolOptions = {
    length,
    maxExtraUnits: byPeriod ? T.POOL_MAX_EXTRA_PERIODS : T.POOL_MAX_EXTRA_YEARS,
    resamples: inputs.resamples ?? T.BOOTSTRAP_RESAMPLES,
    seed: inputs.seed ?? T.BOOTSTRAP_SEED,
  };
  const years = yearRecords(scores);
  const rows: StatusRow[] = [];
  const onsets: CountryOnset[] = [];
  const minUnits = byPeriod ? T.PERSISTENCE_MIN_PERIODS : T.PERSISTENCE_MIN_YEARS;
  for (const [country, list] of [...years].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const drafts = unitsOf(list, length).map((u) => draftRow(country, list, u, inputs, pool));
    const sustained = sustainedFlags(drafts, byPeriod);
    const own = drafts.map((d) => toRow(d, sustained.get(d) ?? false));
    rows.push(...own);
    onsets.push({
      country,
      prescriptive: onsetOf(own, (r) => phaseAtLeast4(r.phase), minUnits),
      discursive: onsetOf(
        own,
        (r) => (r.indicators.discursive_practice.value === 'unknown' ? null : r.indicators.discursive_practice.value === 'true'),
        minUnits,
      ),
      min_units: minUnits,
    });
  }
  const warnings = [...scores.warnings, ...(inputs.deeds?.warnings ?? [])];
  if (!inputs.era) warnings.push('no era reference: indicator 4 and the discursive phases are unknown');
  return {
    schema: 'spiral.status/1',
    run: scores.run,
    by: inputs.by,
    period: byPeriod ? length : null,
    facts_dir: inputs.factsDir,
    deeds_file: inputs.deedsFile,
    thresholds: thresholdTable(),
    audience: 'all',
    target: scores.params.target,
    era: inputs.era ? { source: inputs.era.source, rows: inputs.era.rows } : null,
    rows,
    onsets,
    countries_without_facts: [...years.keys()].filter((c) => !inputs.facts.has(c)).sort(),
    warnings,
  };
}
