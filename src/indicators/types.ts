// Facts (corpus/facts/<ISO3>.yaml), deeds and the `spiral status` output
// (RUN/status/<by>.json). Keys are snake_case because they are the JSON on disk.
import type { AudienceKey, IndexName, PeriodSpan, TargetFilter } from '../aggregate/types.js';
import type { EraRow } from './era.js';
import type { SelfEvidence } from './evidence.js';
import type { UnitEra } from './indicators.js';

// ---------------------------------------------------------------- facts

export const TREATY_ACTIONS = ['signature', 'ratification', 'accession', 'succession'] as const;
export type TreatyAction = (typeof TREATY_ACTIONS)[number];
/** Actions that make a State a party (a signature does not). */
export const BINDING_ACTIONS: readonly TreatyAction[] = ['ratification', 'accession', 'succession'];

export const MECHANISM_KINDS = ['nhri', 'ombudsman', 'individual_petition'] as const;
export type MechanismKind = (typeof MECHANISM_KINDS)[number];

/** A date as written in a facts file: YYYY, YYYY-MM or YYYY-MM-DD. */
export type FactDate = string;

export interface TreatyFact {
  id: string;
  instrument: string; // UNTC short id: iccpr, iccpr_op1, cat, ...
  action: TreatyAction;
  date: FactDate;
  source: string;
  note?: string;
}

export interface InstitutionFact {
  id: string;
  what: string;
  date: FactDate;
  source: string;
  note?: string;
}

export interface MechanismFact {
  id: string;
  kind: MechanismKind;
  what: string;
  date: FactDate;
  source: string;
  note?: string;
}

/** One country's facts, as loaded and validated. */
export interface CountryFacts {
  country: string; // ISO3, equals the file name
  file: string; // path it was loaded from (for messages)
  treaties: {
    /** Instruments for which `actions` is exhaustive as of `as_of`: no action listed means none taken. */
    complete_for: string[];
    as_of: FactDate | null;
    actions: TreatyFact[];
  };
  institutionalisation: { complete: boolean; entries: InstitutionFact[] };
  complaint_mechanisms: { complete: boolean; entries: MechanismFact[] };
}

// ---------------------------------------------------------------- deeds

export const DEEDS_FORMATS = ['pts', 'cirights', 'ciri', 'fariss'] as const;
export type DeedsFormat = (typeof DEEDS_FORMATS)[number];

/** One country-year practice score, with whether it is at or better than the phase-5 threshold. */
export interface DeedsScore {
  country: string;
  year: number;
  format: DeedsFormat;
  measure: string; // e.g. "PTS mean of A/H/S (1 best - 5 worst)"
  value: number;
  meets: boolean;
  threshold: number;
  better: 'lower' | 'higher';
  line: number; // line in the deeds file, for tracing
}

// ---------------------------------------------------------------- status

export type Tri = 'true' | 'false' | 'unknown';

export const INDICATOR_NAMES = ['ratification', 'institutionalisation', 'complaint_mechanism', 'discursive_practice'] as const;
export type IndicatorName = (typeof INDICATOR_NAMES)[number];

/** One indicator for one country and unit, with everything it was decided from. */
export interface IndicatorResult {
  value: Tri;
  /** The rule that decided, in words ("all of iccpr, iccpr_op1, cat ratified by 1992-12-31"). */
  reason: string;
  fact_ids: string[];
  /** Scores read (for discursive practice): name → value. */
  scores?: Record<string, number | boolean | null>;
  /** Thresholds applied: name → value. */
  thresholds?: Record<string, number>;
  /** Instruments still missing (ratification) or unknown parts. */
  missing?: string[];
}

export const PHASES = [1, 2, 3, 4, 5] as const;
export type Phase = (typeof PHASES)[number];

export interface PhaseResult {
  /** Null when the evidence does not allow a phase (too little text). */
  phase: Phase | null;
  /** Id of the rule that produced it (docs/indicators.md lists them). */
  rule: string;
  reason: string;
  /** Set when unknown facts leave more than one phase possible, e.g. [3, 4]. */
  possible?: Phase[];
}

export interface StatusRow {
  key: string; // "KEN|1990" or "KEN|1985-1989"
  country: string;
  year: number | null;
  period: PeriodSpan | null;
  /** The date facts are read at: the last day of the year or period. */
  as_of: string;
  n_documents: number;
  n_relevant: number;
  /** Fewer than MIN_SELF_MOVES self-referential moves even after pooling. */
  insufficient_evidence: boolean;
  /** The unit's own indices over its self-referential moves (not pooled). */
  indices: Record<IndexName, number | null>;
  /** The self-referential evidence indicator 4 and the phase read: the unit, or its pooled window. */
  self: SelfEvidence;
  /** The era the unit is judged against (its decade's distribution across countries); null without an era table. */
  era: UnitEra | null;
  indicators: Record<IndicatorName, IndicatorResult>;
  deeds: DeedsScore[] | null; // null when no deeds file was given
  /** The phase (codebook §4: phase 4 needs all four indicators). */
  phase: PhaseResult;
  /** The phase the discourse alone supports: indicator 4 true is 4, whatever indicators 1–3 say (the world-time count). */
  discursive_phase: PhaseResult;
  /** Example utterance ids behind the discursive scores (from the score cell). */
  examples: string[];
}

/** When a country's phase 4 began: the first unit of the first run of it that persists (null: never). */
export interface CountryOnset {
  country: string;
  /** Phase 4 or 5 (all four indicators). */
  prescriptive: { unit: string; year: number } | null;
  /** Indicator 4 alone (discursive practice), facts aside. */
  discursive: { unit: string; year: number } | null;
  min_units: number;
}

export interface StatusFile {
  schema: 'spiral.status/1';
  run: string;
  by: 'country-year' | 'country-period';
  period: number | null;
  facts_dir: string;
  deeds_file: string | null;
  /** Every named threshold used, name → value (src/indicators/thresholds.ts). */
  thresholds: Record<string, number | string | string[]>;
  audience: AudienceKey;
  /** Whose conduct indicator 4 reads: 'self', or 'all' for a run without targets. */
  target: TargetFilter;
  /** Where the era distributions came from ("run" or a file) and the table. */
  era: { source: string; rows: EraRow[] } | null;
  rows: StatusRow[];
  onsets: CountryOnset[];
  /** Countries in the run without a facts file: indicators 1-3 read unknown. */
  countries_without_facts: string[];
  warnings: string[];
}
