// The shapes `spiral scores` writes (RUN/scores/<by>.json) and that `spiral status`
// and the report read. Keys are snake_case because they are the JSON on disk.
import type { Label, MoveLabel, TargetKind } from '../types.js';

/** How utterances are grouped into cells. */
export const GROUP_BYS = ['country', 'country-year', 'country-period'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

/** Whose utterances count: the State itself (default), other States, or everyone. */
export const SPEAKER_FILTERS = ['self', 'other', 'all'] as const;
export type SpeakerFilter = (typeof SPEAKER_FILTERS)[number];

/**
 * Whose conduct the counted moves are about (codebook, "Target"): the shares and
 * indices of a cell are computed over moves with this target, or over every
 * relevant utterance ('all'). Indicators read 'self': a government's own record.
 */
export const TARGET_FILTERS = ['self', 'other', 'general', 'all'] as const;
export type TargetFilter = (typeof TARGET_FILTERS)[number];

/** Audience of a cell: one of the codebook's audiences, 'unspecified' when the document has none, 'all' when not split. */
export type AudienceKey = 'international' | 'domestic' | 'unspecified' | 'all';

/** The documented indices (docs/indicators.md). */
export const INDEX_NAMES = ['rejection', 'deflection', 'rejecting', 'dialogue', 'acceptance', 'net'] as const;
export type IndexName = (typeof INDEX_NAMES)[number];

/** A bootstrap 95% interval (percentiles of the resampled statistic). */
export interface Interval {
  low: number;
  high: number;
}

/** One index in one cell: null when the cell has no relevant utterance. */
export interface IndexValue {
  value: number | null;
  /** Null when the value is null or the cell has fewer documents than an interval needs. */
  ci95: Interval | null;
}

/** When the time unit of a cell is a span of years (country-period). */
export interface PeriodSpan {
  start: number; // first year, a multiple of the period length
  end: number; // last year (inclusive)
  label: string; // "1985-1989"
}

/** Audience consistency of a country-time unit (codebook, indicator 4). */
export interface Consistency {
  /** Relevant utterances (self) before each audience. */
  n_relevant_domestic: number;
  n_relevant_international: number;
  /** Both audiences have at least the minimum evidence: only then is `audience_dependent` decided. */
  comparable: boolean;
  /** Distances between the distributions of the four moves; null when either side has no move. */
  total_variation: number | null;
  jensen_shannon: number | null; // base 2, in [0, 1]
  /** True: the stance changes with the audience; null when not comparable. */
  audience_dependent: boolean | null;
  threshold: number; // the total-variation threshold used
}

/** Whether an accepting stance holds over consecutive time units (country-year or country-period). */
export interface Persistence {
  /** This unit's stance is accepting (acceptance share and net score at or above the thresholds); null if insufficient. */
  accepting: boolean | null;
  /** Sufficient accepting units in the current run of them, this one included (0 when not accepting). */
  streak: number;
  /** streak >= the minimum number of units. */
  persistent: boolean;
  min_units: number;
}

/** The moves of one target in a cell: counts and shares among that target's moves. */
export interface TargetTally {
  n_relevant: number; // moves with this target
  counts: Record<MoveLabel, number>;
  shares: Record<MoveLabel, number | null>;
}

/**
 * Talk about others and about the norms (targets other + general), reported beside
 * a government's own record and never mixed into it: norm promotion abroad, the
 * book's "argumentative self-entrapment".
 */
export interface PromotionIndex {
  n_relevant: number; // moves with target other or general
  acceptance: IndexValue;
  net: IndexValue;
}

/** One cell: a country, a time unit (none, a year, a period) and an audience. */
export interface ScoreCell {
  key: string; // "KEN", "KEN|1990", "KEN|1985-1989", plus "|domestic" etc. when split by audience
  country: string;
  year: number | null; // country-year cells
  period: PeriodSpan | null; // country-period cells
  audience: AudienceKey;
  n_documents: number; // documents with at least one counted utterance in the cell
  n_utterances: number; // counted utterances (after the speaker filter)
  /** What the shares and indices are computed over (`--target`; 'all' when the run has no targets). */
  target: TargetFilter;
  /** Relevant utterances of any target (or none): how much human-rights talk there is at all. */
  n_relevant_all: number;
  n_relevant: number; // relevant utterances with the cell's target: the denominator of every share
  /** Moves with the cell's target; `none` counts every utterance labelled none. */
  counts: Record<Label, number>;
  shares: Record<MoveLabel, number | null>; // count / n_relevant
  /** The four moves per target (self, other, general); null when the run's utterances carry no target. */
  by_target: Record<TargetKind, TargetTally> | null;
  /** Talk about others and the norms (other + general); null when the run carries no target. */
  promotion: PromotionIndex | null;
  indices: Record<IndexName, IndexValue>;
  insufficient_evidence: boolean;
  /** Why the evidence is insufficient ("n_relevant 4 < 10"); empty when sufficient. */
  insufficient_reasons: string[];
  /**
   * The first utterance ids of each move label (at most `examples_per_label`), in input
   * order within an audience; an 'all' cell takes international, then domestic, then unspecified.
   */
  examples: Record<MoveLabel, string[]>;
  /** Every counted relevant utterance id, only with `--ids`. */
  utterance_ids?: string[];
  /** Only on audience 'all' cells with a time unit or country. */
  consistency?: Consistency;
  /** Only on audience 'all' cells of country-year / country-period groupings. */
  persistence?: Persistence;
}

/** Pressure "from above": other States speaking about a country (UPR reports). */
export interface PressureCell {
  key: string; // "KEN|2010" or "KEN|2010|NOR" for one recommending State
  country: string; // the State spoken about
  year: number | null;
  period: PeriodSpan | null;
  /** The speaking State (ISO3), or null on the totals row of the country-time unit. */
  speaker: string | null;
  n_documents: number;
  n_utterances: number; // other-State utterances about the country
  n_relevant: number;
  counts: Record<Label, number>;
  /** Utterances that voice criticism (named pattern, docs/indicators.md). */
  critical: number;
  /** Recommendations: from recommendations.jsonl when the run has it, else utterances matching the recommendation pattern. */
  recommendations: number;
  recommendations_source: 'recommendations.jsonl' | 'utterances';
  examples: { critical: string[]; recommendations: string[] };
}

/** Lines that could not be counted, by reason; reported, never silently dropped. */
export interface SkipCounts {
  no_country: number;
  no_year: number; // only for year/period groupings
  filtered_speaker: number; // excluded by the speaker filter (not an error)
}

export interface ScoreParams {
  by: GroupBy;
  period: number | null; // period length in years for country-period
  by_audience: boolean;
  speakers: SpeakerFilter;
  /** The target the shares and indices are computed over, as used ('all' when the run carries no target). */
  target: TargetFilter;
  /** The target asked for (`--target`). */
  target_requested: TargetFilter;
  /** Whether any utterance of the run carries a target. */
  targets_in_run: boolean;
  bootstrap: { resamples: number; seed: number; unit: 'document'; min_documents: number };
  thresholds: {
    min_relevant_utterances: number;
    min_documents: number;
    audience_tv_threshold: number;
    accepting_min_acceptance: number;
    accepting_min_net: number;
    persistence_min_units: number;
  };
  examples_per_label: number;
}

/** RUN/scores/<by>.json */
export interface ScoresFile {
  schema: 'spiral.scores/1';
  run: string; // the run folder, as given
  params: ScoreParams;
  cells: ScoreCell[];
  pressure: PressureCell[];
  skipped: SkipCounts;
  warnings: string[];
}
